"""Forum tasks. Each runs in the schema it was queued with (tenant-schemas-celery
reads `_schema_name` from the message headers)."""

from celery import shared_task

from learning.regions.tasks import queue_in_every_region

from .notification_emails import (
    notification_email,
    region_digests_send,
    region_missed_emails_send,
)


@shared_task(ignore_result=True)
def email_notification(notification_id: int) -> None:
    """Queued inside a region, after the post commits."""
    notification_email(notification_id=notification_id)


@shared_task(ignore_result=True)
def send_region_digest() -> None:
    """The daily digests of one region: queue it with that region's schema."""
    region_digests_send()


@shared_task(ignore_result=True)
def send_region_missed_emails() -> None:
    """Straight-away emails of one region whose task was lost while the broker was down."""
    region_missed_emails_send()


@shared_task(ignore_result=True)
def send_daily_digests() -> None:
    queue_in_every_region(send_region_digest)


@shared_task(ignore_result=True)
def sweep_missed_emails() -> None:
    queue_in_every_region(send_region_missed_emails)
