from wagtail.signals import page_published

from webinars.signals import attendance_recorded, attendance_removed


def sync_webinar_step(sender, instance, **kwargs):
    """A published "attend a webinar" step counts everyone who already attended a
    session of its series (and no one else)."""
    from .services import webinar_step_sync

    webinar_step_sync(step=instance)


def complete_webinar_steps(sender, *, series_id, user_ids, **kwargs):
    """Attendance recorded: the series' "attend a webinar" steps are done, in the
    same transaction."""
    from .services import webinar_steps_complete

    webinar_steps_complete(series_id=series_id, user_ids=user_ids)


def reopen_webinar_steps(sender, *, series_id, user_ids, **kwargs):
    from .services import webinar_steps_reopen

    webinar_steps_reopen(series_id=series_id, user_ids=user_ids)


def connect():
    from .models import InductionStepPage

    page_published.connect(
        sync_webinar_step, sender=InductionStepPage, dispatch_uid="induction-webinar-step-sync"
    )
    attendance_recorded.connect(complete_webinar_steps, dispatch_uid="induction-webinar-steps")
    attendance_removed.connect(reopen_webinar_steps, dispatch_uid="induction-webinar-steps-reopen")
