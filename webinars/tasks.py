"""Webinar tasks: national (public schema), so queued and run on the hub."""

from celery import shared_task

from .notifications import missed_change_ids, notify_change, notify_materials, send_reminders


@shared_task(ignore_result=True)
def notify_registrants_of_change(change_id: int) -> None:
    notify_change(change_id=change_id)


@shared_task(ignore_result=True)
def notify_materials_published(session_id: int) -> None:
    notify_materials(session_id=session_id)


@shared_task(ignore_result=True)
def send_session_reminders() -> None:
    """Beat, every 5 minutes: reminders due, and change emails the broker lost."""
    send_reminders()
    for change_id in missed_change_ids():
        notify_change(change_id=change_id)


# --- Circulation to CCG leads ---------------------------------------------------------


@shared_task(ignore_result=True)
def send_weekly_circulation() -> None:
    """Beat, Mondays 07:30 UK time: the week's digest to every CCG lead, once."""
    from .circulation import circulation_send_weekly

    circulation_send_weekly()


@shared_task(ignore_result=True)
def send_schedule_changes_circulation() -> None:
    """Beat, every 5 minutes: one schedule update once recent changes have settled."""
    from .circulation import circulation_send_changes

    circulation_send_changes()
