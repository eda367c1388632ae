from django.conf import settings
from django.db import models
from django.db.models.functions import Lower

from learning.accounts.models import CCG, PCN

from ..enums import CirculationKind


class Circulation(models.Model):
    """One schedule digest sent to a list: every CCG lead (weekly, or after changes),
    or one CCG lead's cascade list. Its emails are outbox rows whose `batch` is
    `batch_name`, which is how the report counts them."""

    kind = models.CharField(max_length=10, choices=CirculationKind.choices)
    # What makes it once-only: "weekly:2026-W48", "changes:<first change id>",
    # "cascade:<digest id>:<ccg id>".
    key = models.CharField(max_length=100, unique=True)
    subject = models.CharField(max_length=300)
    forwarded_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="cascades"
    )
    ccg = models.ForeignKey(
        CCG, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text="For a cascade: the CCG whose contacts it went to.",
    )  # fmt: skip
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recipient_count = models.PositiveIntegerField(default=0)
    session_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.subject

    @property
    def batch_name(self) -> str:
        return f"circulation:{self.pk}"


class CascadeContact(models.Model):
    """Someone at a PCN whom a CCG lead forwards the schedule to."""

    ccg = models.ForeignKey(CCG, on_delete=models.CASCADE, related_name="cascade_contacts")
    name = models.CharField(max_length=150, blank=True)
    email = models.EmailField(max_length=254)
    pcn = models.ForeignKey(
        PCN, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name="PCN",
    )  # fmt: skip
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "email"]
        constraints = [
            models.UniqueConstraint("ccg", Lower("email"), name="one_cascade_contact_per_email")
        ]

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>" if self.name else self.email


class CirculationOptOut(models.Model):
    """An address that asked, through a one-click unsubscribe, for no more schedule
    emails. Every circulation leaves it out, whoever's list it is on."""

    email = models.EmailField(max_length=254)
    circulation = models.ForeignKey(
        Circulation, null=True, blank=True, on_delete=models.SET_NULL, related_name="opt_outs",
        help_text="The email whose link they used.",
    )  # fmt: skip
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(Lower("email"), name="one_opt_out_per_email")]

    def __str__(self) -> str:
        return self.email
