from celery import shared_task

from .services import outbox_deliver, outbox_pending_ids


@shared_task(ignore_result=True)
def deliver_outbox_message(message_id: int) -> None:
    outbox_deliver(message_id=message_id)


@shared_task(ignore_result=True)
def deliver_pending_outbox() -> None:
    """Beat sweep: sends what was stored while the broker was down or a send failed."""
    for message_id in outbox_pending_ids():
        outbox_deliver(message_id=message_id)
