from django.conf import settings
from django.urls import reverse

from learning.accounts.enums import Role
from learning.accounts.selectors import user_runs_region

from .selectors import current_region, request_can_enter_region


def _navigation(request, region):
    user = getattr(request, "user", None)
    items = [("Home", "/")]
    signed_in = user is not None and user.is_authenticated
    pages = {}
    if signed_in:
        from induction.selectors import learning_page_urls

        pages = learning_page_urls()
    if region is not None and request_can_enter_region(request):
        items.append(("Community", reverse("forums:index")))
        if "resources" in pages:
            items.append(("Local resources", pages["resources"]))
        if user_runs_region(user, region):
            items.append(("Moderation", reverse("forums:moderation")))
    if signed_in:
        from learning.accounts.selectors import user_runs_regions

        if "induction" in pages:
            items.append(("Your induction", pages["induction"]))
        if "reference_guide" in pages:
            items.append(("Reference Guide", pages["reference_guide"]))
        if "training" in pages:
            items.append(("Training", pages["training"]))
        items.append(("My learning", reverse("courses:my_learning")))
        items.append(("Webinars", reverse("webinars:schedule")))
        if user.role == Role.CCG_LEAD:
            items.append(("Share the schedule", reverse("webinars:cascade")))
        if region is not None and user_runs_region(user, region):
            items.append(("Cohorts", reverse("cohorts:index")))
        if user_runs_regions(user):
            items.append(("Reports", reverse("reporting:dashboard")))
            items.append(("Induction progress", reverse("induction:progress")))
            items.append(("Run webinars", reverse("webinars:manage")))
            items.append(("Join requests", reverse("accounts:join_requests")))
        if user.is_national_team:
            items.append(("People", reverse("accounts:people")))
            items.append(("Circulations", reverse("webinars:circulation_report")))
            items.append(("Audit log", reverse("audit:events")))
    path = request.path
    # The longest matching address is the current item: /webinars/manage/ is
    # "Run webinars", not also "Webinars".
    matching = [url for _, url in items if path == url or (url != "/" and path.startswith(url))]
    current = max(matching, key=len, default=None)
    return [{"label": label, "url": url, "current": url == current} for label, url in items]


def region(request):
    region = current_region()
    return {
        "service_name": settings.SERVICE_NAME,
        "current_region": region,
        "hub_url": settings.HUB_URL,
        "primary_navigation": _navigation(request, region),
    }
