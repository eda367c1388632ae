"""Forum tasks. Each runs in the schema it was queued with (tenant-schemas-celery
reads `_schema_name` from the message headers)."""

from celery import shared_task

from learning.regions.models import Region

from .notification_emails import notification_email, region_digests_send


@shared_task(ignore_result=True)
def email_notification(notification_id: int) -> None:
    """Queued inside a region, after the post commits."""
    notification_email(notification_id=notification_id)


@shared_task(ignore_result=True)
def send_region_digest() -> None:
    """The daily digests of one region: queue it with that region's schema."""
    region_digests_send()


@shared_task(ignore_result=True)
def send_daily_digests() -> None:
    """Beat runs this in the public schema, which has no forum tables: it queues one
    `send_region_digest` per region, each carrying that region's schema."""
    for schema_name in Region.objects.regional().values_list("schema_name", flat=True):
        send_region_digest.apply_async(headers={"_schema_name": schema_name})
