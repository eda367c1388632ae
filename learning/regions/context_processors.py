from django.conf import settings
from django.urls import reverse

from .selectors import current_region, request_can_enter_region


def _navigation(request, region):
    user = getattr(request, "user", None)
    items = [("Home", "/")]
    if region is not None and request_can_enter_region(request):
        items.append(("Community", reverse("forums:index")))
    if user is not None and user.is_authenticated:
        from learning.accounts.selectors import user_can_decide_join_requests

        if user_can_decide_join_requests(user):
            items.append(("Join requests", reverse("accounts:join_requests")))
        if user.is_national_team:
            items.append(("People", reverse("accounts:people")))
            items.append(("Audit log", reverse("audit:events")))
    path = request.path
    return [
        {
            "label": label,
            "url": url,
            "current": path == url or (url != "/" and path.startswith(url)),
        }
        for label, url in items
    ]


def region(request):
    region = current_region()
    return {
        "service_name": settings.SERVICE_NAME,
        "current_region": region,
        "hub_url": settings.HUB_URL,
        "primary_navigation": _navigation(request, region),
    }
