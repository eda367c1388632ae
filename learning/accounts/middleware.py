import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from .sessions import LAST_SEEN_AT, SIGNED_IN_AT, session_end_reason

# Write the activity stamp at most this often, not on every request.
_ACTIVITY_RESOLUTION_SECONDS = 60


class SessionTimeoutMiddleware:
    """Sign people out after SESSION_IDLE_TIMEOUT of inactivity or SESSION_MAX_AGE in all."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(time.time())
            session = request.session
            session.setdefault(SIGNED_IN_AT, now)
            reason = session_end_reason(session, now)
            if reason is not None:
                logout(request)
                messages.info(
                    request,
                    "You were signed out because you had been inactive for a while."
                    if reason == "idle"
                    else "You were signed out because your session reached its time limit.",
                )
                login = reverse("account_login")
                return redirect(f"{login}?{urlencode({'next': request.get_full_path()})}")
            last_seen = session.get(LAST_SEEN_AT)
            if last_seen is None or now - last_seen >= _ACTIVITY_RESOLUTION_SECONDS:
                session[LAST_SEEN_AT] = now
        return self.get_response(request)


# Reachable without a second factor: setting one up, signing in and out.
_MFA_EXEMPT_PREFIXES = (
    "/accounts/2fa/",
    "/accounts/login/",
    "/accounts/logout/",
    "/accounts/reauthenticate/",
    "/static/",
    "/health/",
)
MFA_ENROLLED_THIS_SESSION = "mfa_enrolled_this_session"
# Set on a region host's session when the hub session that handed it on had used
# its second factor (learning.accounts.hub_sign_in).
SECOND_FACTOR_AT_HUB = "second_factor_at_hub"


class StaffSecondFactorMiddleware:
    """Where REQUIRE_STAFF_MFA is true, anyone who can reach the Wagtail admin or
    act as the national team must have an authenticator app, and this session
    must have used it. Until then every page but setup and sign-out is closed."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            settings.REQUIRE_STAFF_MFA
            and user.is_authenticated
            and not request.path_info.startswith(_MFA_EXEMPT_PREFIXES)
            and _is_staff(user)
        ):
            if not _has_totp(user):
                messages.info(
                    request,
                    "Set up an authenticator app before you continue. "
                    "It protects the personal data of NHS staff.",
                )
                return redirect("mfa_activate_totp")
            if not session_used_second_factor(request):
                logout(request)
                messages.info(request, "Sign in again, with the code from your authenticator app.")
                return redirect("account_login")
        return self.get_response(request)


def _is_staff(user) -> bool:
    return user.is_staff or user.is_national_team or user.has_perm("wagtailadmin.access_admin")


def _has_totp(user) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def session_used_second_factor(request) -> bool:
    from allauth.account.authentication import get_authentication_records

    if request.session.get(MFA_ENROLLED_THIS_SESSION) or request.session.get(SECOND_FACTOR_AT_HUB):
        return True
    return any(r.get("method") == "mfa" for r in get_authentication_records(request, request.user))


# Never asked about quietly: the account pages (the hand-over itself), files, probes.
_QUIET_CHECK_EXEMPT_PREFIXES = ("/accounts/", "/static/", "/media/", "/health/", "/documents/")


class HubSignInMiddleware:
    """On a region host, a browser opening a page signed out first asks the hub,
    quietly, whether the person is signed in there (learning.accounts.hub_sign_in):
    so someone who signed in on the hub, or followed a link from an email, arrives
    signed in. Only a browser's own page loads are sent (Sec-Fetch-Mode: navigate),
    never a feed reader, a script or a form post; and not again while the state
    cookie of the last check lasts, so a signed-out visitor is asked once in a while."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.method in ("GET", "HEAD")
            and not request.user.is_authenticated
            and request.headers.get("Sec-Fetch-Mode") == "navigate"
            and request.headers.get("Sec-Fetch-Dest", "document") == "document"
            and not request.path_info.startswith(_QUIET_CHECK_EXEMPT_PREFIXES)
        ):
            from learning.regions.selectors import current_region

            from .hub_sign_in import STATE_COOKIE, start

            if STATE_COOKIE not in request.COOKIES and current_region() is not None:
                return start(request, request.get_full_path(), quiet=True)
        return self.get_response(request)
