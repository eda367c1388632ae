"""Cohort tasks. A region's task runs in the schema it was queued with
(tenant-schemas-celery reads `_schema_name` from the message headers)."""

from celery import shared_task

from learning.regions.tasks import queue_in_every_region

from .reminders import region_reminders_send


@shared_task(ignore_result=True)
def send_region_reminders() -> None:
    """One region's weekly reminders: queue it with that region's schema."""
    region_reminders_send()


@shared_task(ignore_result=True)
def send_weekly_reminders() -> None:
    """Beat runs this on the hub: one task per region."""
    queue_in_every_region(send_region_reminders)
