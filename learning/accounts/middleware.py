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
            if not _session_used_second_factor(request):
                logout(request)
                messages.info(request, "Sign in again, with the code from your authenticator app.")
                return redirect("account_login")
        return self.get_response(request)


def _is_staff(user) -> bool:
    return user.is_staff or user.is_national_team or user.has_perm("wagtailadmin.access_admin")


def _has_totp(user) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def _session_used_second_factor(request) -> bool:
    from allauth.account.authentication import get_authentication_records

    if request.session.get(MFA_ENROLLED_THIS_SESSION):
        return True
    return any(r.get("method") == "mfa" for r in get_authentication_records(request, request.user))
