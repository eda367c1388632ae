"""What readers and the link checker report about resources."""

from django.conf import settings
from django.db import models


class Correction(models.Model):
    """A reader's suggested correction to a resource, emailed to its CCG's leads (kept
    so that what was asked, and by whom, is on record)."""

    resource = models.ForeignKey(
        "resources.ResourcePage", on_delete=models.CASCADE, related_name="corrections"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Correction to {self.resource.title}"

    # For the admin's list (resources/wagtail_hooks.py).
    @property
    def summary(self) -> str:
        text = " ".join(self.text.split())
        return text if len(text) <= 80 else text[:79] + "…"

    @property
    def resource_title(self) -> str:
        return self.resource.title

    @property
    def ccg_name(self) -> str:
        return self.resource.ccg.name if self.resource.ccg_id else ""

    @property
    def sent_by(self) -> str:
        name = self.author.full_name
        return f"{name} <{self.author.email}>" if name else self.author.email


class LinkCheck(models.Model):
    """The latest check of one resource's web address."""

    resource = models.OneToOneField(
        "resources.ResourcePage", on_delete=models.CASCADE, related_name="link_check"
    )
    url = models.URLField(max_length=500)
    checked_at = models.DateTimeField()
    ok = models.BooleanField()
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    problem = models.CharField(max_length=300, blank=True)
    # The first check that found it broken, kept while it stays broken.
    broken_since = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.url}: {'ok' if self.ok else self.problem}"
