"""The visitor's address, worked out in one place, from TRUSTED_PROXY_COUNT alone.

Rate limits (sign-in lockout, certificate checks, join requests, calendar feeds)
and the audit log all key on it, so a client must not be able to choose it:

- With no trusted proxies (the default, and `make run`), it is the connection's
  own address (REMOTE_ADDR). X-Forwarded-For is ignored: anyone can send it.
- Behind N proxies, each appends the address it saw to X-Forwarded-For, so the
  Nth entry from the right is what the outermost proxy saw: the visitor. Entries
  further left were written by the client and are never read.
- A header with fewer entries than proxies, or an entry that is not an address,
  did not come through all of them: the connection's address is used instead,
  so a bad header groups its sender with the proxy rather than picking a fresh key.

uvicorn is served with --no-proxy-headers (learning.devserver, README) so that
REMOTE_ADDR is the real peer: by default uvicorn itself would rewrite it from
X-Forwarded-For for any request from 127.0.0.1.
"""

import ipaddress

from django.conf import settings


def _address(text: str) -> str | None:
    try:
        return str(ipaddress.ip_address(text.strip()))
    except ValueError:
        return None


def client_address(request) -> str | None:
    """The visitor's address, or None without a request (a task, a command)."""
    if request is None:
        return None
    peer = _address(request.META.get("REMOTE_ADDR") or "")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return peer
    header = request.headers.get("x-forwarded-for", "")
    forwarded = header.split(",") if header else []
    if len(forwarded) < proxies:
        return peer
    return _address(forwarded[-proxies]) or peer
