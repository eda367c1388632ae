from django.core.cache import cache
from django.db.models.signals import post_delete
from wagtail.signals import page_published, page_unpublished, post_page_move

from .selectors import LEARNING_PAGES_CACHE_KEY


def forget_learning_page_urls(**kwargs):
    cache.delete(LEARNING_PAGES_CACHE_KEY)


def sync_webinar_step(sender, instance, **kwargs):
    """A published "attend a webinar" step counts everyone who already attended a
    session of its series (and no one else)."""
    from .services import webinar_step_sync

    webinar_step_sync(step=instance)


def connect():
    from wagtail.models import Page

    from .models import InductionStepPage

    page_published.connect(
        sync_webinar_step, sender=InductionStepPage, dispatch_uid="induction-webinar-step-sync"
    )
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(forget_learning_page_urls, dispatch_uid=f"induction-nav-{id(signal)}")
    post_delete.connect(forget_learning_page_urls, sender=Page, dispatch_uid="induction-nav-delete")
