"""A region's host (north-west.localhost:8000): the hub's URLs plus the regional community."""

from django.urls import include, path, re_path

from learning.accounts.views_sign_in import accounts_on_hub, continue_sign_in

from .common import (
    handler400,
    handler403,
    handler404,
    handler500,
    service_urlpatterns,
    wagtail_urlpatterns,
)

urlpatterns = [
    # People sign in on the hub, which hands them on here (learning.accounts.hub_sign_in);
    # every account page but signing out is the hub's.
    path("accounts/continue/", continue_sign_in, name="hub_sign_in_continue"),
    re_path(r"^accounts/(?P<rest>(?!logout/).*)$", accounts_on_hub),
    *service_urlpatterns,
    path("community/", include("forums.urls")),
    path("cohorts/", include("cohorts.urls")),
    *wagtail_urlpatterns,
]

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]
