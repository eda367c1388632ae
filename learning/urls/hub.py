"""The national hub (public schema): localhost:8000."""

from django.urls import path

from learning.accounts.views_sign_in import handoff

from .common import (
    handler400,
    handler403,
    handler404,
    handler500,
    service_urlpatterns,
    wagtail_urlpatterns,
)

urlpatterns = [
    # The hub signs people in for every host (learning.accounts.hub_sign_in).
    path("accounts/handoff/", handoff, name="hub_sign_in_handoff"),
    *service_urlpatterns,
    *wagtail_urlpatterns,
]

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]
