"""The national hub (public schema): localhost:8000."""

from .common import (
    handler400,
    handler403,
    handler404,
    handler500,
    service_urlpatterns,
    wagtail_urlpatterns,
)

urlpatterns = service_urlpatterns + wagtail_urlpatterns

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]
