"""A per-person "access version" in Redis, so an open WebSocket can tell in one Redis
read whether anything that could end its person's access has changed.

Each person has a key whose value is a random token; so has everyone at once (for
organisational changes such as a PCN moving to another CCG, which touch many people).
Whatever can end someone's access writes a fresh token once its transaction has
committed (`access_changed`, `access_changed_for_everyone`; learning.accounts.signal_handlers
calls them for the User row, coordinators' regions, sessions, PCNs and CCGs, and
forums.moderation for suspensions). A socket remembers the tokens it read just before
its last full database check, and runs the full check again only when a token differs,
is missing, or cannot be read (fail closed: Redis down means the full check every time).

Random tokens rather than a counter: a Redis that restarted or lost the key would start
a counter again at 1, a number a socket may already have seen; a token never repeats.

Reads are batched per event loop: the consumers of one server process that receive the
same broadcast all ask at once, and one MGET answers them all (see `read`).
"""

from __future__ import annotations

import asyncio
import logging
import secrets
import weakref
from collections.abc import Iterable

import redis
import redis.asyncio
from django.conf import settings
from django.db import transaction

logger = logging.getLogger(__name__)

Version = tuple[bytes | None, ...]

# Keys outlive any socket; one that expires or is evicted only costs a full check.
KEY_TTL_SECONDS = 7 * 24 * 3600
# A Redis that does not answer by then is treated as down: the caller does the full check.
TIMEOUT_SECONDS = 0.5
# Connections one event loop's reader may hold: reads go out one batch at a time.
MAX_CONNECTIONS = 8


def _prefix() -> str:
    """The cache's key prefix, if any: tests give every run its own."""
    prefix = settings.CACHES["default"].get("KEY_PREFIX", "")
    return f"{prefix}:access:v:" if prefix else "access:v:"


def user_key(user_id) -> str:
    return f"{_prefix()}user:{user_id}"


def everyone_key() -> str:
    return f"{_prefix()}everyone"


def keys_for(user_id) -> tuple[str, str]:
    """The keys a socket of this person watches."""
    return (user_key(user_id), everyone_key())


def _new_token() -> bytes:
    return secrets.token_hex(8).encode()


# --- Writing (sync: signal handlers, services) ------------------------------------------

_sync_client: redis.Redis | None = None


def _client() -> redis.Redis:
    global _sync_client
    if _sync_client is None:
        _sync_client = redis.Redis.from_url(
            settings.REDIS_URL,
            socket_timeout=TIMEOUT_SECONDS,
            socket_connect_timeout=TIMEOUT_SECONDS,
        )
    return _sync_client


def _write(keys: list[str]) -> None:
    try:
        pipe = _client().pipeline(transaction=False)
        for key in keys:
            pipe.set(key, _new_token(), ex=KEY_TTL_SECONDS)
        pipe.execute()
    except (redis.RedisError, OSError) as error:
        # The change itself stands. Open sockets notice it at their next full check,
        # at most FULL_CHECK_SECONDS later (learning.regions.consumers), or at once on
        # the person's next message, which is always checked in full.
        logger.warning("access version not bumped for %s: %s", keys, error)


def access_changed(*user_ids) -> None:
    """Something that can end these people's access changed: their open sockets check
    in full before they receive or send anything more. Takes effect when the current
    transaction commits (at once outside one), so a socket cannot re-check before the
    change is visible and keep the new version with the old answer."""
    keys = [user_key(pk) for pk in user_ids if pk is not None]
    if keys:
        transaction.on_commit(lambda: _write(keys))


def access_changed_for_everyone() -> None:
    """As `access_changed`, for a change that may touch many people at once."""
    transaction.on_commit(lambda: _write([everyone_key()]))


# --- Reading (async: consumers) ----------------------------------------------------------


class _Batch:
    def __init__(self, loop: asyncio.AbstractEventLoop):
        self.keys: set[str] = set()
        self.future: asyncio.Future = loop.create_future()
        # Read the outcome even when every waiter has gone, so none is reported unread.
        self.future.add_done_callback(lambda f: f.cancelled() or f.exception())


class _LoopReader:
    """One event loop's Redis client, and the batch of keys its consumers are waiting
    for. One MGET is in flight at a time; keys asked for meanwhile wait for the next,
    which goes out as soon as the first returns. So a read never reuses an answer from
    before it was asked for, and a burst of N asks costs one or two round trips."""

    def __init__(self, loop: asyncio.AbstractEventLoop):
        self.loop = loop
        self.redis = redis.asyncio.Redis(
            connection_pool=redis.asyncio.BlockingConnectionPool.from_url(
                settings.REDIS_URL,
                max_connections=MAX_CONNECTIONS,
                timeout=TIMEOUT_SECONDS,
                # No socket_timeout: with one, redis-py wraps every write in
                # asyncio.wait_for, which on Python 3.11 can swallow a cancellation.
                # Every call below is bounded by asyncio.timeout instead.
                socket_timeout=None,
                socket_connect_timeout=TIMEOUT_SECONDS,
            )
        )
        self.waiting: _Batch | None = None
        self.in_flight: asyncio.Task | None = None

    async def read(self, keys: Iterable[str]) -> dict[str, bytes | None]:
        batch = self.waiting
        if batch is None:
            batch = self.waiting = _Batch(self.loop)
            if self.in_flight is None:
                # Let the other consumers woken by the same event join this batch.
                self.loop.call_soon(self._send)
        batch.keys.update(keys)
        # Shielded: one waiter being cancelled must not cancel the others' read.
        return await asyncio.shield(batch.future)

    def _send(self) -> None:
        batch, self.waiting = self.waiting, None
        if batch is not None:
            self.in_flight = self.loop.create_task(self._mget(batch))

    async def _mget(self, batch: _Batch) -> None:
        keys = list(batch.keys)
        try:
            async with asyncio.timeout(TIMEOUT_SECONDS):
                values = await self.redis.mget(keys)
        except asyncio.CancelledError:
            batch.future.cancel()
            raise
        except Exception as error:  # down, slow or refusing: the callers check in full
            batch.future.set_exception(error)
        else:
            batch.future.set_result(dict(zip(keys, values, strict=True)))
        finally:
            self.in_flight = None
            if self.waiting is not None:
                self._send()

    async def seed(self, key: str) -> bytes | None:
        """A missing key gets a token (unless someone set one meanwhile); returns the
        key's value now, or None if it vanished again."""
        token = _new_token()
        async with asyncio.timeout(TIMEOUT_SECONDS):
            if await self.redis.set(key, token, nx=True, ex=KEY_TTL_SECONDS):
                return token
            return await self.redis.get(key)

    async def close(self) -> None:
        if self.in_flight is not None:
            self.in_flight.cancel()
        await self.redis.aclose(close_connection_pool=True)


_readers: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, _LoopReader] = (
    weakref.WeakKeyDictionary()
)


def _reader() -> _LoopReader:
    loop = asyncio.get_running_loop()
    reader = _readers.get(loop)
    if reader is None:
        reader = _readers[loop] = _LoopReader(loop)
    return reader


async def read(keys: tuple[str, ...]) -> Version:
    """The current tokens of `keys` (None for a missing key), in one batched MGET.
    Raises if Redis cannot answer within TIMEOUT_SECONDS."""
    values = await _reader().read(keys)
    return tuple(values[key] for key in keys)


async def establish(keys: tuple[str, ...]) -> Version:
    """As `read`, but a missing key is given a token first. Call it before a full
    check: the version it returns was current before the check looked at anything."""
    reader = _reader()
    values = list(await read(keys))
    for index, key in enumerate(keys):
        if values[index] is None:
            values[index] = await reader.seed(key)
    return tuple(values)


async def close_reader() -> None:
    """Close this event loop's Redis connections (for a loop about to close: tests)."""
    reader = _readers.pop(asyncio.get_running_loop(), None)
    if reader is not None:
        await reader.close()
