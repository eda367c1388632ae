"""A region's host (north-west.localhost:8000): the hub's URLs plus the regional community."""

from django.urls import include, path

from .common import (
    handler400,
    handler403,
    handler404,
    handler500,
    service_urlpatterns,
    wagtail_urlpatterns,
)

urlpatterns = [
    *service_urlpatterns,
    path("community/", include("forums.urls")),
    path("cohorts/", include("cohorts.urls")),
    *wagtail_urlpatterns,
]

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]
