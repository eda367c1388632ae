"""Where the network's one-of-a-kind pages live (the induction pack, the guides,
the training list, the local resources library), for the header's menu, the home
page and breadcrumbs on every page.

The foundation imports no feature app, so the apps say which of their page types
these are: each registers its own from its AppConfig.ready()
(`learning_page_register("training", "courses.TrainingIndexPage")`), by model
label, and the models are looked up when the menu is first built.

Cached (the menu would otherwise cost queries on every request) and cleared
whenever a page is published, unpublished, moved or deleted
(`learning.home.apps` connects `forget_learning_page_urls`).
"""

from django.apps import apps
from django.core.cache import cache

LEARNING_PAGES_CACHE_KEY = "navigation:learning-pages"

# name → "app_label.ModelName", in the order the apps registered them.
_LEARNING_PAGES: dict[str, str] = {}


def learning_page_register(name: str, model_label: str) -> None:
    """Make the one live page of this type known as `name`. Idempotent."""
    _LEARNING_PAGES[name] = model_label


def learning_page_urls() -> dict[str, str]:
    """{name: URL} of every registered page type that has a live page."""
    urls = cache.get(LEARNING_PAGES_CACHE_KEY)
    if urls is None:
        urls = {}
        for name, label in _LEARNING_PAGES.items():
            page = apps.get_model(label).objects.live().first()
            if page is not None and page.url:
                urls[name] = page.url
        cache.set(LEARNING_PAGES_CACHE_KEY, urls, timeout=3600)
    return urls


def forget_learning_page_urls(**kwargs) -> None:
    cache.delete(LEARNING_PAGES_CACHE_KEY)


def connect() -> None:
    from django.db.models.signals import post_delete
    from wagtail.models import Page
    from wagtail.signals import page_published, page_unpublished, post_page_move

    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(forget_learning_page_urls, dispatch_uid=f"learning-pages-{id(signal)}")
    post_delete.connect(
        forget_learning_page_urls, sender=Page, dispatch_uid="learning-pages-delete"
    )
