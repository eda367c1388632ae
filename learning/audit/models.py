from django.conf import settings
from django.db import models

from .enums import AuditAction


class AuditEvent(models.Model):
    """One sensitive action. Rows are only ever added, never edited.

    `actor_email` and `subject` are snapshots so the record still reads true
    after an account is renamed or removed. `region_schema` names the region
    the action happened in ("public" on the hub).
    """

    occurred_at = models.DateTimeField(auto_now_add=True, db_index=True)
    action = models.CharField(max_length=30, choices=AuditAction.choices, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_email = models.CharField(max_length=254, blank=True)
    subject = models.CharField(max_length=300, blank=True, help_text="Who or what was acted on.")
    region_schema = models.CharField(max_length=63, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    details = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-occurred_at", "-id"]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.get_action_display()} {self.subject}"
