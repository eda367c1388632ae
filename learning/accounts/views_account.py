"""The account page: who the person is, where they belong, and links to what they can
change (notification settings, password, two-step verification), and signing out."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from learning.regions.selectors import current_region, region_url

from .enums import Role
from .models import User


def _regions_of(user) -> list:
    """The regions whose communities are this person's own (the national team's: the
    one they are on, if any; they enter every region)."""
    if user.role == Role.NATIONAL:
        region = current_region()
        return [region] if region is not None else []
    if user.role == Role.COORDINATOR:
        return list(user.coordinated_regions.order_by("name"))
    return [user.home_region] if user.home_region else []


@login_required
@require_safe
def account(request):
    user = User.objects.select_related("pcn__ccg__region", "ccg__region").get(pk=request.user.pk)
    preferences = reverse("forums:preferences", urlconf="learning.urls.region")
    regions = _regions_of(user)
    return render(
        request,
        "accounts/account.html",
        {
            "person": user,
            "regions": regions,
            "notification_settings": [
                (region, region_url(region.slug) + preferences) for region in regions
            ],
            # Password and second factor belong to the one sign-in, on the hub.
            "password_url": settings.HUB_URL + reverse("account_change_password"),
            "mfa_url": settings.HUB_URL + reverse("mfa_index"),
            "my_webinars_url": reverse("webinars:my_webinars"),
        },
    )
