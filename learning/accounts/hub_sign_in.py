"""Sign in once: the national hub is where people sign in; region hosts ask it.

Session cookies stay per host (one region's cookie is never sent to another's host).
A region host that needs to know who is there sends the browser to the hub's
`/accounts/handoff/` with the address to come back to and a random `state`, which it
also keeps in a cookie of its own (`start`). If the hub's session is signed in, the hub
makes a token (`token_issue`) and sends the browser to the region's
`/accounts/continue/`, which signs the person in there (`token_redeem`) and goes on.

A token is
- signed (django.core.signing, its own salt) and short-lived (HUB_SIGN_IN_TOKEN_SECONDS);
- single-use: what it stands for is stored in the shared Redis cache under a random
  key, and only the request that deletes that key may use it;
- bound to the host it was made for, to the browser that asked (the state must match
  the state cookie of the host, so a token made for someone else's account cannot be
  planted in this browser: login CSRF), and to the hub session that made it (signed
  out there meanwhile, or the password changed, and it is refused).

Whether the hub session used its second factor goes with the token, so a member of
staff is not asked again on each host, and one who skipped it is never handed on
(StaffSecondFactorMiddleware runs on the hand-over, as on every hub page).
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from importlib import import_module
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.core import signing
from django.core.cache import cache
from django.shortcuts import redirect
from django.utils.crypto import constant_time_compare
from django.utils.http import url_has_allowed_host_and_scheme

STATE_COOKIE = "lwln_hub_sign_in"
# A state lasts this long; while its cookie is there a quiet check is not repeated.
STATE_SECONDS = 300
_STATE_SHAPE = re.compile(r"[A-Za-z0-9_-]{32,64}")
_SALT = "learning.accounts.hub_sign_in"
_MAX_TOKEN_LENGTH = 400


def _cache_key(key: str) -> str:
    return f"hub-sign-in:{key}"


# --- Addresses ---------------------------------------------------------------------------


def _hub() -> tuple[str, int | None]:
    url = urlsplit(settings.HUB_URL)
    return url.scheme, url.port


def region_hostnames() -> set[str]:
    """Every region's host name (not the hub's): where a hand-over may go."""
    from learning.regions.models import Domain

    return {
        domain.lower()
        for domain in Domain.objects.exclude(
            tenant__schema_name=settings.PUBLIC_SCHEMA_NAME
        ).values_list("domain", flat=True)
    }


def safe_path(path: str | None, request) -> str:
    """`path` if it is a path on this host (no scheme, no other host), else "/"."""
    if (
        path
        and path.startswith("/")
        and not path.startswith(("//", "/\\"))
        and url_has_allowed_host_and_scheme(path, allowed_hosts={request.get_host()})
    ):
        return path
    return "/"


def region_address(url: str) -> tuple[str, str] | None:
    """(origin, path) of an absolute address on one of our region hosts, with the hub's
    scheme and port; None for anything else (another site, the hub, a wrong port)."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    scheme, hub_port = _hub()
    if (
        parts.scheme != scheme
        or port != hub_port
        or parts.username is not None
        or not parts.hostname
        or parts.hostname.lower() not in region_hostnames()
    ):
        return None
    path = parts.path or "/"
    if path.startswith(("//", "/\\")):
        path = "/"
    if parts.query:
        path = f"{path}?{parts.query}"
    return f"{parts.scheme}://{parts.netloc}", path


def _hostname(request) -> str:
    return request.get_host().rsplit(":", 1)[0].lower()


def _origin(hostname: str) -> str:
    """This host's address as links name it: the hub's scheme and port."""
    scheme, port = _hub()
    return f"{scheme}://{hostname}" + (f":{port}" if port else "")


# --- A region host starts ----------------------------------------------------------------


def start(request, next_path: str, *, quiet: bool = False):
    """Send this browser to the hub to be handed back to `next_path` on this host.
    `quiet`: only asking whether the hub is signed in (it shows no sign-in page)."""
    state = secrets.token_urlsafe(32)
    scheme, _ = _hub()
    back = _origin(_hostname(request)) + safe_path(next_path, request)
    query = {"next": back, "state": state}
    if quiet:
        query["quiet"] = "1"
    response = redirect(f"{settings.HUB_URL}/accounts/handoff/?{urlencode(query)}")
    response.set_cookie(
        STATE_COOKIE,
        state,
        max_age=STATE_SECONDS,
        httponly=True,
        samesite="Lax",
        secure=scheme == "https",
    )
    return response


def valid_state(state: str | None) -> bool:
    return bool(state) and bool(_STATE_SHAPE.fullmatch(state))


# --- The hub issues ----------------------------------------------------------------------


@dataclass(frozen=True)
class Handed:
    user_id: int
    auth_hash: str
    hub_session: str
    signed_in_at: int | None
    second_factor: bool


def token_issue(request, *, hostname: str, state: str, second_factor: bool) -> str:
    """A token for the hub session's person, for `hostname`, for the browser whose
    state cookie holds `state`."""
    from .sessions import SIGNED_IN_AT

    if not request.session.session_key:
        request.session.save()
    key = secrets.token_urlsafe(32)
    cache.set(
        _cache_key(key),
        {
            "user": request.user.pk,
            "hash": request.user.get_session_auth_hash(),
            "hub_session": request.session.session_key,
            "signed_in_at": request.session.get(SIGNED_IN_AT),
            "second_factor": second_factor,
            "host": hostname,
            "state": state,
        },
        timeout=settings.HUB_SIGN_IN_TOKEN_SECONDS,
    )
    return signing.dumps({"k": key, "h": hostname}, salt=_SALT)


def token_redeem(request, token: str) -> Handed | None:
    """What a token stands for, if it is genuine, fresh, unused, for this host and this
    browser, and the hub session that made it is still signed in as that person; else
    None. Using it, right or wrong, uses it up."""
    if not token or len(token) > _MAX_TOKEN_LENGTH:
        return None
    try:
        payload = signing.loads(token, salt=_SALT, max_age=settings.HUB_SIGN_IN_TOKEN_SECONDS)
        key, hostname = str(payload["k"]), str(payload["h"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
    record = cache.get(_cache_key(key))
    # Only one request can delete the key: a second use of the same token finds nothing.
    if not isinstance(record, dict) or not cache.delete(_cache_key(key)):
        return None
    state = request.COOKIES.get(STATE_COOKIE, "")
    if (
        hostname != _hostname(request)
        or record.get("host") != hostname
        or not valid_state(state)
        or not constant_time_compare(record.get("state", ""), state)
    ):
        return None
    hub_session = import_module(settings.SESSION_ENGINE).SessionStore(record["hub_session"])
    if str(hub_session.get(SESSION_KEY)) != str(record["user"]):
        return None  # signed out on the hub meanwhile
    return Handed(
        user_id=record["user"],
        auth_hash=record["hash"],
        hub_session=record["hub_session"],
        signed_in_at=record.get("signed_in_at"),
        second_factor=bool(record.get("second_factor")),
    )


def continue_url(origin: str, *, token: str | None, next_path: str) -> str:
    query = {"next": next_path}
    if token:
        query["token"] = token
    return f"{origin}/accounts/continue/?{urlencode(query)}"


# --- Where a person belongs ---------------------------------------------------------------


def home_url(user) -> str:
    """The home page of the person's region on its host; the hub for the national team
    and anyone without a region."""
    from learning.regions.selectors import region_url

    from .enums import Role

    region = user.home_region
    if region is None and user.role == Role.COORDINATOR:
        region = user.coordinated_regions.order_by("name").first()
    if region is None or user.role == Role.NATIONAL:
        return settings.HUB_URL + "/"
    return region_url(region.slug) + "/"


def home_sign_in_url(user) -> str:
    """`home_url`, reached signed in: a region's through its sign-in address, which
    hands over from the hub's session."""
    home = home_url(user)
    if home == settings.HUB_URL + "/":
        return home
    return home + "accounts/login/?" + urlencode({"next": "/"})
