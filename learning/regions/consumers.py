"""Base for every regional WebSocket consumer.

- the region comes from scope["region"] (RegionFromHostMiddleware);
- every ORM call runs through `in_region`, which enters the region's schema
  in the worker thread (setting it in async code does not reach the ORM);
- group names always carry the schema, and a consumer can join only its own
  region's groups; a client may follow only the groups `may_follow` allows;
- access (and the session behind it) is checked in full on connect and on every
  message from the client, and before every event sent to it through the
  person's access version (learning.accounts.access_version): one batched Redis
  read, and the full database check only when the version changed, the session
  may have run out, or FULL_CHECK_SECONDS have passed. So a member who loses
  access or signs out mid-connection stops sending and receiving at once.
"""

import logging
import math
import random
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

from learning.accounts import access_version
from learning.accounts.selectors import user_can_enter_region
from learning.accounts.sessions import LAST_SEEN_AT, SIGNED_IN_AT, session_end_reason

logger = logging.getLogger(__name__)

# Close codes the browser can act on.
CLOSE_UNAUTHENTICATED = 4401
CLOSE_FORBIDDEN = 4403
CLOSE_NO_REGION = 4404
CLOSE_TOO_LARGE = 4413

MAX_MESSAGE_BYTES = 16 * 1024
# Between messages from the client, outgoing events are let through on an unchanged
# access version; the full database check still runs at least this often (give or take
# FULL_CHECK_JITTER, so sockets opened together do not all check on the same event). It
# catches what bypasses the version: a bulk .update() or SQL, a bump lost to Redis
# being down.
FULL_CHECK_SECONDS = 60.0
FULL_CHECK_JITTER = 0.25
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


def _session_still_signs_in(user, data: dict) -> bool:
    """False after sign-out, a password change, idle timeout or maximum session age."""
    return (
        data.get(SESSION_KEY) == str(user.pk)
        and constant_time_compare(data.get(HASH_SESSION_KEY, ""), user.get_session_auth_hash())
        and session_end_reason(data) is None
    )


def _session_may_end_at(data: dict) -> float:
    """The first second at which `session_end_reason` could say the session has run
    out. HTTP requests move LAST_SEEN_AT later, so at that moment the session may well
    still count: it is when to look again, not when to close."""
    ends = []
    if isinstance(last_seen := data.get(LAST_SEEN_AT), int | float):
        ends.append(last_seen + settings.SESSION_IDLE_TIMEOUT + 1)
    if isinstance(started := data.get(SIGNED_IN_AT), int | float):
        ends.append(started + settings.SESSION_MAX_AGE + 1)
    return min(ends, default=math.inf)


_last_unreadable_warning = -math.inf


def _version_unreadable(error: Exception) -> None:
    """Say so, once a minute at most: every socket of the process would say it at once."""
    global _last_unreadable_warning
    if time.monotonic() - _last_unreadable_warning >= 60:
        _last_unreadable_warning = time.monotonic()
        logger.warning("access versions unreadable, checking sockets in full: %r", error)


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
        """The full check, in one trip to the database thread: None while the person
        may use the socket, else the code to close it with. Also notes when the
        session could next run out (`_full_check_due`)."""
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
                return CLOSE_UNAUTHENTICATED, None
            data = _stored_session(session_key)
            if not _session_still_signs_in(user, data):
                return CLOSE_UNAUTHENTICATED, None
            if not user_can_enter_region(user, self.region):
                return CLOSE_FORBIDDEN, None
            return self.refusal_in_region(user), _session_may_end_at(data)

        code, session_may_end_at = await self.in_region(check)
        if code is None:
            spread = random.uniform(1 - FULL_CHECK_JITTER, 1)  # noqa: S311 (not a secret)
            self._full_check_due = min(
                session_may_end_at, time.time() + FULL_CHECK_SECONDS * spread
            )
        return code

    def refusal_in_region(self, user) -> int | None:
        """A subclass's own reason to close, checked in the same database call as
        the rest (this runs for every socket, so it must not add a hop). Whatever can
        change its answer must also call access_version.access_changed."""
        return None

    def _access_keys(self) -> tuple[str, ...]:
        # Worked out once: it runs for every socket on every event.
        if not hasattr(self, "_version_keys"):
            self._version_keys = access_version.keys_for(self.scope["user"].pk)
        return self._version_keys

    async def checked_refusal(self) -> int | None:
        """The full check, with the access version read just before it: until that
        version changes, the answer stands (`cheap_refusal`)."""
        self._access_version = None
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            return CLOSE_UNAUTHENTICATED
        try:
            version = await access_version.establish(self._access_keys())
        except Exception as error:  # Redis down or slow: no version, so every check is full
            _version_unreadable(error)
            version = None
        code = await self.refusal()
        if code is None and version is not None and None not in version:
            self._access_version = version
        return code

    async def cheap_refusal(self) -> int | None:
        """As `checked_refusal`, costing one batched Redis read while nothing that
        could end access has changed since the last full check."""
        if self._access_version is not None and time.time() < self._full_check_due:
            try:
                if await access_version.read(self._access_keys()) == self._access_version:
                    return None
            except Exception as error:  # fail closed: the full check decides
                _version_unreadable(error)
        return await self.checked_refusal()

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
        self._access_version = None
        self._full_check_due = 0.0
        self._closing = False
        if self.region is None:
            await self.close(code=CLOSE_NO_REGION)
            return
        if code := await self.checked_refusal():
            await self.close(code=code)
            return
        await super().websocket_connect(message)

    async def close(self, code=None, reason=None):
        # Events still queued for this socket are dropped, not checked again.
        self._closing = True
        await super().close(code=code, reason=reason)

    async def disconnect(self, code):
        for group_name in getattr(self, "joined_groups", ()):
            await self.channel_layer.group_discard(group_name, self.channel_name)

    async def receive(self, text_data=None, bytes_data=None, **kwargs):
        size = len(text_data.encode() if text_data else bytes_data or b"")
        if size > MAX_MESSAGE_BYTES:
            await self.close(code=CLOSE_TOO_LARGE)
            return
        # In full, not by version: a message is the person acting (replying, reading
        # back), so even a change made behind the version's back stops it at once.
        if code := await self.checked_refusal():
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
        # Outgoing events are checked too: a member who lost access hears nothing more.
        if getattr(self, "_closing", False):
            return
        if code := await self.cheap_refusal():
            await self.close(code=code)
            return
        await super().send_json(content, close=close)
