from celery import shared_task

from .services import outbox_deliver, outbox_deliver_batch, outbox_deliver_pending


@shared_task(ignore_result=True)
def deliver_outbox_message(message_id: int) -> None:
    outbox_deliver(message_id=message_id)


@shared_task(ignore_result=True)
def deliver_outbox_batch(message_ids: list[int]) -> None:
    """A bulk send's share: its pending messages over one SMTP connection."""
    outbox_deliver_batch(message_ids=message_ids)


@shared_task(ignore_result=True)
def deliver_pending_outbox() -> None:
    """Beat sweep: sends what was stored while the broker was down or a send failed,
    all of it, however large the backlog."""
    outbox_deliver_pending()
