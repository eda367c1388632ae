from django.conf import settings
from django.db import connection
from django_tenants.utils import get_public_schema_name

from .models import Region


def region_list():
    return Region.objects.regional().order_by("name")


def region_host(slug: str) -> str:
    return f"{slug}.{settings.BASE_DOMAIN}"


def current_region() -> Region | None:
    """The region whose schema the connection is in, or None on the hub."""
    tenant = getattr(connection, "tenant", None)
    if tenant is None or getattr(tenant, "schema_name", None) == get_public_schema_name():
        return None
    return tenant


def region_url(slug: str) -> str:
    """http://north-west.localhost:8000 from HUB_URL http://localhost:8000."""
    scheme, _, host = settings.HUB_URL.partition("://")
    return f"{scheme}://{slug}.{host}"


def request_can_enter_region(request) -> bool:
    """May this request's user enter the current region's community? Asked by the
    middleware, the navigation and the region home page: one query per request."""
    if not hasattr(request, "_can_enter_region"):
        from learning.accounts.selectors import user_can_enter_region

        region = current_region()
        request._can_enter_region = region is not None and user_can_enter_region(
            request.user, region
        )
    return request._can_enter_region
