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


class StaffSecondFactorMiddleware:
    """Where REQUIRE_STAFF_MFA is true, anyone who can reach the Wagtail admin
    must set up an authenticator app before the admin opens for them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            settings.REQUIRE_STAFF_MFA
            and request.path.startswith("/admin/")
            and request.user.is_authenticated
            and request.user.has_perm("wagtailadmin.access_admin")
            and not _has_totp(request.user)
        ):
            messages.info(
                request,
                "Set up an authenticator app before you use the admin. It protects NHS staff data.",
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)


def _has_totp(user) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
