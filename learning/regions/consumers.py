"""Base for every regional WebSocket consumer.

- the region comes from scope["region"] (RegionFromHostMiddleware);
- every ORM call runs through `in_region`, which enters the region's schema
  in the worker thread (setting it in async code does not reach the ORM);
- group names always carry the schema, and a consumer can join only its own
  region's groups;
- access is checked on connect and again on every message, so a member who
  loses access mid-connection stops sending and receiving.
"""

import time

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django_tenants.utils import tenant_context

from learning.accounts.selectors import user_can_enter_region

# Close codes the browser can act on.
CLOSE_UNAUTHENTICATED = 4401
CLOSE_FORBIDDEN = 4403
CLOSE_NO_REGION = 4404
CLOSE_TOO_LARGE = 4413

MAX_MESSAGE_BYTES = 16 * 1024
# Outgoing events re-check access at most this often (a query per broadcast would not scale).
SEND_RECHECK_SECONDS = 5.0


class ForeignGroupError(ValueError):
    pass


def region_group(schema_name: str, name: str) -> str:
    """Redis group names are global, so each carries its region's schema."""
    return f"{schema_name}.{name}"


class RegionConsumer(AsyncJsonWebsocketConsumer):
    @property
    def region(self):
        return self.scope.get("region")

    def group(self, name: str) -> str:
        return region_group(self.region.schema_name, name)

    async def in_region(self, func, *args, **kwargs):
        """Run a sync ORM function inside this region's schema, in the DB thread."""
        region = self.region

        def run():
            with tenant_context(region):
                return func(*args, **kwargs)

        return await database_sync_to_async(run)()

    async def may_enter(self) -> bool:
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            return False

        def check():
            try:
                user.refresh_from_db(fields=["is_active", "role"])
            except type(user).DoesNotExist:  # deleted mid-connection
                return False
            return user_can_enter_region(user, self.region)

        return await self.in_region(check)

    async def join_group(self, group_name: str) -> None:
        prefix = f"{self.region.schema_name}."
        if not group_name.startswith(prefix):
            raise ForeignGroupError(f"{group_name} is not a group of {self.region.name}")
        await self.channel_layer.group_add(group_name, self.channel_name)
        self.joined_groups.add(group_name)

    async def websocket_connect(self, message):
        self.joined_groups = set()
        if self.region is None:
            await self.close(code=CLOSE_NO_REGION)
            return
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.close(code=CLOSE_UNAUTHENTICATED)
            return
        if not await self.may_enter():
            await self.close(code=CLOSE_FORBIDDEN)
            return
        await super().websocket_connect(message)

    async def disconnect(self, code):
        for group_name in getattr(self, "joined_groups", ()):
            await self.channel_layer.group_discard(group_name, self.channel_name)

    async def receive(self, text_data=None, bytes_data=None, **kwargs):
        size = len(text_data.encode() if text_data else bytes_data or b"")
        if size > MAX_MESSAGE_BYTES:
            await self.close(code=CLOSE_TOO_LARGE)
            return
        if not await self.may_enter():
            await self.close(code=CLOSE_FORBIDDEN)
            return
        await super().receive(text_data=text_data, bytes_data=bytes_data, **kwargs)

    async def send_json(self, content, close=False):
        # Outgoing events are re-checked too: a member who lost access hears nothing more.
        now = time.monotonic()
        if now - getattr(self, "_access_checked_at", 0.0) > SEND_RECHECK_SECONDS:
            if not await self.may_enter():
                await self.close(code=CLOSE_FORBIDDEN)
                return
            self._access_checked_at = now
        await super().send_json(content, close=close)
