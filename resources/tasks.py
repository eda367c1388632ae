"""Resource tasks: national (public schema), so queued and run on the hub."""

from celery import shared_task


@shared_task(ignore_result=True)
def send_review_reminders() -> None:
    """Beat, daily: leads of resources whose review has fallen due, once per due date."""
    from .services import review_reminders_send

    review_reminders_send()


@shared_task(ignore_result=True)
def check_resource_links() -> None:
    """Beat, weekly: every resource's web address, broken ones reported to the leads."""
    from .linkcheck import links_check

    links_check()
