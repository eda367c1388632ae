"""Cohort tasks. A region's task runs in the schema it was queued with
(tenant-schemas-celery reads `_schema_name` from the message headers)."""

from celery import shared_task

from learning.regions.models import Region

from .reminders import region_reminders_send


@shared_task(ignore_result=True)
def send_region_reminders() -> None:
    """One region's weekly reminders: queue it with that region's schema."""
    region_reminders_send()


@shared_task(ignore_result=True)
def send_weekly_reminders() -> None:
    """Beat runs this on the hub, whose schema has no cohort tables: queue one task
    per region, each carrying that region's schema."""
    for schema_name in Region.objects.regional().values_list("schema_name", flat=True):
        send_region_reminders.apply_async(headers={"_schema_name": schema_name})
