"""A fixed-window rate limit on the shared cache (Redis, so it holds across processes).

`hit()` counts one attempt and says whether the caller is over the limit.
It uses the default (national) cache, so a limit counts across every host.
"""

import time

from django.core.cache import cache


def _cache_key(action: str, key: str, period_seconds: int) -> str:
    window = int(time.time()) // period_seconds
    return f"ratelimit:{action}:{key}:{window}"


def reset(*, action: str, key: str, period_seconds: int) -> None:
    """Forget this window's count for `key`."""
    cache.delete(_cache_key(action, key, period_seconds))


def hit(*, action: str, key: str, limit: int, period_seconds: int) -> bool:
    """Count one `action` by `key` (an IP address, a user id); True when over `limit`."""
    cache_key = _cache_key(action, key, period_seconds)
    if cache.add(cache_key, 1, timeout=period_seconds):
        return limit < 1
    try:
        return cache.incr(cache_key) > limit
    except ValueError:  # expired between add and incr: a new window
        cache.add(cache_key, 1, timeout=period_seconds)
        return False
