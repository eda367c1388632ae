import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from .models import OutboxMessage, OutboxStatus

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5


def outbox_enqueue(
    *, key: str, to: str, template: str, context: dict, headers: dict | None = None
) -> OutboxMessage:
    """Store an email for one recipient, then queue its delivery after commit.

    Templates live at templates/emails/<template>.{subject.txt,txt,html}.
    `headers` are extra email headers (names to values), sent as they are.
    """
    context = {"service_name": settings.SERVICE_NAME, **context}
    subject = render_to_string(f"emails/{template}.subject.txt", context).strip()
    message, created = OutboxMessage.objects.get_or_create(
        key=key,
        defaults={
            "to": to,
            "subject": " ".join(subject.split()),
            "body_text": render_to_string(f"emails/{template}.txt", context),
            "body_html": render_to_string(f"emails/{template}.html", context),
            "headers": headers or {},
        },
    )
    if created:
        from .tasks import deliver_outbox_message

        transaction.on_commit(lambda: deliver_outbox_message.delay(message.pk))
    return message


def outbox_deliver(*, message_id: int) -> bool:
    """Send one stored message unless it was already sent. Returns True if sent now.

    The row lock means two workers handed the same id never both send it.
    """
    with transaction.atomic():
        message = (
            OutboxMessage.objects.select_for_update(skip_locked=True)
            .filter(pk=message_id, status=OutboxStatus.PENDING)
            .first()
        )
        if message is None:
            return False
        message.attempts += 1
        email = EmailMultiAlternatives(
            subject=message.subject,
            body=message.body_text,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[message.to],
            headers=message.headers or None,
        )
        if message.body_html:
            email.attach_alternative(message.body_html, "text/html")
        try:
            email.send()
        except Exception as error:  # SMTP and socket errors alike; retried later
            logger.warning("email %s to %s failed: %s", message.pk, message.to, error)
            message.last_error = str(error)[:2000]
            if message.attempts >= MAX_ATTEMPTS:
                message.status = OutboxStatus.FAILED
            message.save(update_fields=["attempts", "last_error", "status"])
            return False
        message.status = OutboxStatus.SENT
        message.sent_at = timezone.now()
        message.save(update_fields=["attempts", "status", "sent_at", "last_error"])
        return True


def outbox_pending_ids(*, older_than_seconds: int = 60) -> list[int]:
    cutoff = timezone.now() - timezone.timedelta(seconds=older_than_seconds)
    return list(
        OutboxMessage.objects.filter(status=OutboxStatus.PENDING, created_at__lt=cutoff)
        .order_by("created_at")
        .values_list("pk", flat=True)[:500]
    )
