from wagtail.signals import page_published


def sync_webinar_step(sender, instance, **kwargs):
    """A published "attend a webinar" step counts everyone who already attended a
    session of its series (and no one else)."""
    from .services import webinar_step_sync

    webinar_step_sync(step=instance)


def connect():
    from .models import InductionStepPage

    page_published.connect(
        sync_webinar_step, sender=InductionStepPage, dispatch_uid="induction-webinar-step-sync"
    )
