"""WebSocket middleware: same-host origin check, and the region from the Host header.

django-tenants resolves the region for HTTP only. The region is put in
scope["region"]; consumers must enter its schema for every ORM call
(see learning.regions.consumers.RegionConsumer)."""

from urllib.parse import urlsplit

from channels.db import database_sync_to_async
from django_tenants.utils import get_public_schema_name, remove_www

from .models import Domain


@database_sync_to_async
def _region_for_host(hostname: str):
    from django.db import connection

    connection.set_schema_to_public()
    domain = Domain.objects.select_related("tenant").filter(domain=hostname).first()
    return domain.tenant if domain else None


def _header(scope, wanted: bytes) -> str:
    for name, value in scope.get("headers", []):
        if name == wanted:
            return value.decode("latin1")
    return ""


def _host_from_scope(scope) -> str:
    return remove_www(_header(scope, b"host").split(":")[0].lower())


class SameHostOriginValidator:
    """Refuse (4403) unless the page's origin is the host the socket is for.

    AllowedHostsOriginValidator accepts any allowed host, so a page on one
    region's host could otherwise open a socket to another region's host."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        origin_host = urlsplit(_header(scope, b"origin")).netloc.lower()
        if not origin_host or origin_host != _header(scope, b"host").lower():
            await send({"type": "websocket.close", "code": 4403})
            return None
        return await self.app(scope, receive, send)


class RegionFromHostMiddleware:
    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        region = await _region_for_host(_host_from_scope(scope))
        if region is None:
            # Unknown host: refuse before the consumer runs.
            await send({"type": "websocket.close", "code": 4404})
            return None
        is_hub = region.schema_name == get_public_schema_name()
        return await self.app(dict(scope, region=None if is_hub else region), receive, send)
