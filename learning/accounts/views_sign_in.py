"""Signing in once (learning.accounts.hub_sign_in): the hub's hand-over, a region's
continue page, and the region hosts' account pages, which all live on the hub."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import login
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render
from django.utils.crypto import constant_time_compare
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from learning.audit.enums import AuditAction
from learning.audit.services import audit_record

from . import hub_sign_in
from .middleware import SECOND_FACTOR_AT_HUB, session_used_second_factor
from .models import User
from .sessions import SIGNED_IN_AT


def _invalid(request, problem: str):
    return render(
        request,
        "accounts/sign_in_link_invalid.html",
        {"problem": problem, "hub_url": settings.HUB_URL},
        status=400,
    )


@never_cache
def accounts_on_hub(request, rest: str = ""):
    """On a region host: sign-in and every other account page are the hub's. Signing
    in starts a hand-over back to the page the person wanted here."""
    if rest == "login/":
        return hub_sign_in.start(request, request.GET.get("next") or "/")
    return redirect(settings.HUB_URL + request.get_full_path())


@never_cache
@require_safe
def handoff(request):
    """On the hub: hand a signed-in person on to a region host (asking them to sign in
    here first if they are not); with quiet=1, hand back "signed out" instead."""
    address = hub_sign_in.region_address(request.GET.get("next", ""))
    state = request.GET.get("state", "")
    if address is None or not hub_sign_in.valid_state(state):
        return _invalid(request, "The address this link goes back to is not one of ours.")
    origin, next_path = address
    if not request.user.is_authenticated:
        if request.GET.get("quiet") == "1":
            return redirect(hub_sign_in.continue_url(origin, token=None, next_path=next_path))
        return redirect_to_login(request.get_full_path())
    token = hub_sign_in.token_issue(
        request,
        hostname=urlsplit(origin).hostname,
        state=state,
        second_factor=session_used_second_factor(request),
    )
    return redirect(hub_sign_in.continue_url(origin, token=token, next_path=next_path))


@never_cache
@require_safe
def continue_sign_in(request):
    """On a region host: sign in the person the hub handed on, then go to `next`."""
    next_path = hub_sign_in.safe_path(request.GET.get("next"), request)
    token = request.GET.get("token")
    if token is None:  # the hub is signed out: carry on signed out
        if hub_sign_in.STATE_COOKIE not in request.COOKIES:
            return _invalid(request, "Your browser did not keep the cookie signing in needs.")
        return redirect(next_path)
    handed = hub_sign_in.token_redeem(request, token)
    user = None
    if handed is not None:
        user = User.objects.filter(pk=handed.user_id, is_active=True).first()
    if user is None or not constant_time_compare(user.get_session_auth_hash(), handed.auth_hash):
        return _invalid(request, "This sign-in link has expired or has already been used.")
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    if handed.signed_in_at is not None:
        # The maximum age counts from the one sign-in, not from each host's.
        request.session[SIGNED_IN_AT] = handed.signed_in_at
    if handed.second_factor:
        request.session[SECOND_FACTOR_AT_HUB] = True
    audit_record(
        action=AuditAction.SIGN_IN,
        actor=user,
        subject=user.email,
        request=request,
        details={"via": "hub", "host": request.get_host()},
    )
    response = redirect(next_path)
    response.delete_cookie(hub_sign_in.STATE_COOKIE)
    return response
