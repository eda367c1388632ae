from django.db import models


class OutboxStatus(models.TextChoices):
    PENDING = "pending", "Waiting to send"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"


class OutboxMessage(models.Model):
    """One email to one recipient. `key` makes enqueueing idempotent:
    the same (message, recipient) is stored once and so sent once."""

    key = models.CharField(max_length=200, unique=True)
    to = models.EmailField(max_length=254)
    subject = models.CharField(max_length=300)
    body_text = models.TextField()
    body_html = models.TextField(blank=True)
    # Extra headers, e.g. List-Unsubscribe (RFC 8058) on forum notifications.
    headers = models.JSONField(default=dict, blank=True)
    # Names a bulk send ("circulation:12") so its rows can be counted by status.
    batch = models.CharField(max_length=100, blank=True, db_index=True)
    status = models.CharField(
        max_length=10, choices=OutboxStatus.choices, default=OutboxStatus.PENDING, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.subject} → {self.to} ({self.status})"
