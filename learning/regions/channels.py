"""Resolve the region for a WebSocket from its Host header.

django-tenants does this for HTTP only. The region is put in
scope["region"]; consumers must enter its schema for every ORM call
(see learning.regions.consumers.RegionConsumer)."""

from channels.db import database_sync_to_async
from django_tenants.utils import get_public_schema_name, remove_www

from .models import Domain


@database_sync_to_async
def _region_for_host(hostname: str):
    from django.db import connection

    connection.set_schema_to_public()
    domain = Domain.objects.select_related("tenant").filter(domain=hostname).first()
    return domain.tenant if domain else None


def _host_from_scope(scope) -> str:
    for name, value in scope.get("headers", []):
        if name == b"host":
            return remove_www(value.decode("latin1").split(":")[0].lower())
    return ""


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
