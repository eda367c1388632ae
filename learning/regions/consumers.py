"""Base for every regional WebSocket consumer.

- the region comes from scope["region"] (RegionFromHostMiddleware);
- every ORM call runs through `in_region`, which enters the region's schema
  in the worker thread (setting it in async code does not reach the ORM);
- group names always carry the schema, and a consumer can join only its own
  region's groups; a client may follow only the groups `may_follow` allows;
- access (and the session behind it) is checked on connect and again on every
  message, so a member who loses access or signs out mid-connection stops
  sending and receiving.
"""

import re
import time
from importlib import import_module

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.conf import settings
from django.contrib.auth import HASH_SESSION_KEY, SESSION_KEY
from django.core.exceptions import ObjectDoesNotExist
from django.utils.crypto import constant_time_compare
from django_tenants.utils import tenant_context

from learning.accounts.selectors import user_can_enter_region
from learning.accounts.sessions import session_end_reason

# Close codes the browser can act on.
CLOSE_UNAUTHENTICATED = 4401
CLOSE_FORBIDDEN = 4403
CLOSE_NO_REGION = 4404
CLOSE_TOO_LARGE = 4413

MAX_MESSAGE_BYTES = 16 * 1024
# Outgoing events re-check access at most this often (a query per broadcast would not scale).
SEND_RECHECK_SECONDS = 5.0
# Each group costs Redis work on every broadcast; one connection needs only a few.
MAX_GROUPS = 20
# A group name without its schema prefix.
GROUP_NAME = re.compile(r"[a-z0-9][a-z0-9._-]{0,89}")
# The channel layer refuses longer names with a TypeError.
MAX_FULL_GROUP_NAME = 99


class ForeignGroupError(ValueError):
    pass


def region_group(schema_name: str, name: str) -> str:
    """Redis group names are global, so each carries its region's schema."""
    return f"{schema_name}.{name}"


def _stored_session(session_key: str | None) -> dict:
    """The session as stored now: {} once it has been deleted or has expired."""
    if not session_key:
        return {}
    # load() returns {} for a missing session and creates none.
    return import_module(settings.SESSION_ENGINE).SessionStore(session_key=session_key).load()


def _session_still_signs_in(user, session_key: str | None) -> bool:
    """False after sign-out, a password change, idle timeout or maximum session age."""
    data = _stored_session(session_key)
    return (
        data.get(SESSION_KEY) == str(user.pk)
        and constant_time_compare(data.get(HASH_SESSION_KEY, ""), user.get_session_auth_hash())
        and session_end_reason(data) is None
    )


class RegionConsumer(AsyncJsonWebsocketConsumer):
    @property
    def region(self):
        return self.scope.get("region")

    def group(self, name: str) -> str:
        return region_group(self.region.schema_name, name)

    def local_name(self, group_name: str) -> str:
        """`group_name` without its schema prefix; ForeignGroupError for another region's."""
        prefix = f"{self.region.schema_name}."
        if not group_name.startswith(prefix):
            raise ForeignGroupError(f"{group_name} is not a group of {self.region.name}")
        return group_name.removeprefix(prefix)

    def may_follow(self, name: str) -> bool:
        """Whether a client may ask to follow this group (name without schema).
        Subclasses allow-list their groups; by default none."""
        return False

    async def in_region(self, func, *args, **kwargs):
        """Run a sync ORM function inside this region's schema, in the DB thread."""
        region = self.region

        def run():
            with tenant_context(region):
                return func(*args, **kwargs)

        return await database_sync_to_async(run)()

    async def refusal(self) -> int | None:
        """None while the person may use the socket, else the code to close it with."""
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            return CLOSE_UNAUTHENTICATED
        session = self.scope.get("session")
        session_key = session.session_key if session is not None else None

        def check():
            try:
                # The password too: its hash is what signs a session in.
                user.refresh_from_db(fields=["is_active", "role", "password"])
            except ObjectDoesNotExist:  # deleted mid-connection (type(user) is a lazy proxy)
                return CLOSE_UNAUTHENTICATED
            if not _session_still_signs_in(user, session_key):
                return CLOSE_UNAUTHENTICATED
            if not user_can_enter_region(user, self.region):
                return CLOSE_FORBIDDEN
            return self.refusal_in_region(user)

        return await self.in_region(check)

    def refusal_in_region(self, user) -> int | None:
        """A subclass's own reason to close, checked in the same database call as
        the rest (this runs for every socket, so it must not add a hop)."""
        return None

    async def join_group(self, group_name: str) -> None:
        self.local_name(group_name)
        await self.channel_layer.group_add(group_name, self.channel_name)
        self.joined_groups.add(group_name)

    async def follow(self, group_name) -> str | None:
        """Join a group the client asked for; returns why not, or None."""
        if not isinstance(group_name, str):
            return "'group' must be a string."
        try:
            name = self.local_name(group_name)
        except ForeignGroupError as error:
            return str(error)
        if not GROUP_NAME.fullmatch(name) or len(group_name) > MAX_FULL_GROUP_NAME:
            return f"{group_name} is not a valid group name."
        if not self.may_follow(name):
            return f"{group_name} cannot be followed."
        if group_name not in self.joined_groups and len(self.joined_groups) >= MAX_GROUPS:
            return f"One connection can follow at most {MAX_GROUPS} groups."
        await self.join_group(group_name)
        return None

    async def send_error(self, error: str) -> None:
        await self.send_json({"type": "error", "error": error})

    async def websocket_connect(self, message):
        self.joined_groups = set()
        if self.region is None:
            await self.close(code=CLOSE_NO_REGION)
            return
        if code := await self.refusal():
            await self.close(code=code)
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
        if code := await self.refusal():
            await self.close(code=code)
            return
        # Bad input gets an error reply, not an exception that drops the socket.
        try:
            content = await self.decode_json(text_data) if text_data else None
        except ValueError:
            content = None
        if not isinstance(content, dict):
            await self.send_error("Send a JSON object.")
            return
        await self.receive_json(content, **kwargs)

    async def receive_json(self, content, **kwargs):
        """Handles `follow`; subclasses handle their own types and pass the rest here."""
        if content.get("type") != "follow":
            await self.send_error("Unknown message type.")
        elif error := await self.follow(content.get("group")):
            await self.send_error(error)
        else:
            await self.send_json({"type": "following", "group": content["group"]})

    async def send_json(self, content, close=False):
        # Outgoing events are re-checked too: a member who lost access hears nothing more.
        now = time.monotonic()
        if now - getattr(self, "_access_checked_at", 0.0) > SEND_RECHECK_SECONDS:
            if code := await self.refusal():
                await self.close(code=code)
                return
            self._access_checked_at = now
        await super().send_json(content, close=close)
