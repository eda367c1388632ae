"""A link worker's side of the webinars: the schedule, a session, taking and giving
up a place, calendar files and the private calendar feed, and feedback afterwards.

Every page needs a signed-in person except the feed itself, whose token is its only
credential. A session outside someone's audience (another region's learning event)
is "not found", as elsewhere in the project. A refusal from a service reaches the
person as a message on the session page, as enrolling on a module does, and
changes nothing.
"""

import re

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from learning import ratelimit
from learning.client_address import client_address
from learning.forms import apply_validation_error

from . import calendars, selectors, services
from .enums import RegistrationStatus
from .forms import PAST, FeedbackForm, ScheduleFilterForm
from .permissions import user_may_run_session

PAGE_SIZE = 20
READ_OR_SEND = ["GET", "HEAD", "POST"]


def _message(error: ValidationError) -> str:
    return " ".join(error.messages)


def _crumbs() -> list[tuple[str, str]]:
    return [("Home", "/"), ("Webinars and events", reverse("webinars:schedule"))]


def _session_or_404(request, pk: int):
    session = selectors.session_for(request.user, pk)
    if session is None:
        raise Http404("No such session.")
    return session


# --- The schedule ---------------------------------------------------------------------


@login_required
@require_safe
def schedule(request):
    user = request.user
    form = ScheduleFilterForm(
        request.GET,
        regions=selectors.audience_regions(user),
        series=selectors.series_open_to(user).order_by("title"),
    )
    filters = form.filters()
    sessions = selectors.schedule(user, filters)
    page = Paginator(sessions, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "webinars/schedule.html",
        {
            "form": form,
            "filters": filters,
            "page_obj": page,
            "months": selectors.group_by_month(page.object_list),
            "past_value": PAST,
            "crumbs": [("Home", "/")],
        },
        status=400 if form.errors else 200,
    )


# --- One session ----------------------------------------------------------------------


@login_required
@require_safe
def session_detail(request, pk: int):
    return _session_page(request, _session_or_404(request, pk))


def _session_page(request, session, *, feedback_form=None, status=200):
    user = request.user
    ended = session.has_ended()
    given = selectors.feedback_of(user, session) if session.gave_feedback else None
    if feedback_form is None and given is None and selectors.may_give_feedback(session):
        feedback_form = FeedbackForm()
    return render(
        request,
        "webinars/session.html",
        {
            "session": session,
            "has_place": session.my_status == RegistrationStatus.REGISTERED,
            "is_waiting": session.my_status == RegistrationStatus.WAITING,
            "started": session.has_started(),
            "ended": ended,
            "feedback": given,
            "feedback_form": feedback_form,
            "may_run": user_may_run_session(user, session),
            "crumbs": _crumbs(),
        },
        status=status,
    )


@login_required
@require_http_methods(READ_OR_SEND)
def register(request, pk: int):
    """Take a place, or a place on the waiting list when the session is full."""
    session = _session_or_404(request, pk)
    if request.method != "POST":
        return redirect(session)
    if session.my_status:  # a second click: the first one did it
        messages.info(
            request,
            "You already have a place on this session."
            if session.my_status == RegistrationStatus.REGISTERED
            else "You are already on the waiting list for this session.",
        )
        return redirect(session)
    try:
        result = services.registration_create(user=request.user, session_id=session.pk)
    except ValidationError as error:
        messages.error(request, _message(error))
    else:
        if result.waiting_position is None:
            messages.success(
                request,
                f"You have a place on {session.title}. We have emailed you the details.",
            )
        else:
            messages.success(
                request,
                f"This session is full, so you are number {result.waiting_position} on the "
                "waiting list. If a place comes up it will be yours, and we will email you.",
            )
    return redirect(session)


@login_required
@require_http_methods(READ_OR_SEND)
def cancel_registration(request, pk: int):
    """GET asks "are you sure?" (so this works without JavaScript); POST cancels."""
    session = _session_or_404(request, pk)
    if not session.my_status:  # nothing to cancel, or a second click
        messages.info(
            request, "You do not have a place on this session, so there is nothing to cancel."
        )
        return redirect(session)
    if request.method == "POST":
        was_waiting = session.my_status == RegistrationStatus.WAITING
        try:
            services.registration_cancel(user=request.user, session_id=session.pk)
        except ValidationError as error:
            messages.error(request, _message(error))
        else:
            messages.success(
                request,
                f"You have left the waiting list for {session.title}."
                if was_waiting
                else f"You have cancelled your place on {session.title}. "
                "It has gone to the next person waiting, if there is one.",
            )
        return redirect(session)
    if session.has_started():
        messages.error(
            request, "This session has already started, so your place cannot be cancelled now."
        )
        return redirect(session)
    return render(
        request,
        "webinars/cancel.html",
        {
            "session": session,
            "is_waiting": session.my_status == RegistrationStatus.WAITING,
            "crumbs": [*_crumbs(), (session.title, session.get_absolute_url())],
        },
    )


def _ics_response(data: bytes, *, filename: str, disposition: str = "attachment") -> HttpResponse:
    response = HttpResponse(data, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


@login_required
@require_safe
def invitation(request, pk: int):
    """The session as a calendar file, for people with a place (with the joining link)
    or on the waiting list (without it); for a cancelled session, the cancellation."""
    session = _session_or_404(request, pk)
    if not session.my_status:
        messages.info(request, "Register for this session first, then add it to your calendar.")
        return redirect(session)
    data = calendars.invitation_ics(
        session, with_join_link=session.my_status == RegistrationStatus.REGISTERED
    )
    response = _ics_response(data, filename=f"{slugify(session.title)[:60] or 'webinar'}.ics")
    response["Cache-Control"] = "private, no-store"  # it may carry the joining link
    return response


@login_required
@require_http_methods(READ_OR_SEND)
def feedback(request, pk: int):
    session = _session_or_404(request, pk)
    if request.method != "POST":
        return redirect(session.get_absolute_url() + "#feedback")
    if session.gave_feedback:  # a second click, or the form open in another tab
        messages.info(request, services.ALREADY_GAVE_FEEDBACK)
        return redirect(session)
    form = FeedbackForm(request.POST)
    if form.is_valid():
        try:
            services.feedback_create(
                user=request.user,
                session_id=session.pk,
                rating=form.cleaned_data["rating"],
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as error:
            if not hasattr(error, "error_dict"):  # not theirs to give, or given already
                messages.error(request, _message(error))
                return redirect(session)
            apply_validation_error(form, error)
        else:
            messages.success(request, "Thank you for your feedback.")
            return redirect(session)
    if not selectors.may_give_feedback(session):
        messages.error(
            request, "Only people who had a place can leave feedback, once it has ended."
        )
        return redirect(session)
    return _session_page(request, session, feedback_form=form, status=400)


# --- My webinars ----------------------------------------------------------------------


def _feed_urls(feed) -> dict:
    if feed is None:
        return {"feed_url": "", "webcal_url": ""}
    url = settings.HUB_URL + reverse("webinars:calendar_feed_ics", args=[feed.token])
    return {"feed_url": url, "webcal_url": re.sub(r"^https?://", "webcal://", url)}


@login_required
@require_safe
def my_webinars(request):
    user = request.user
    past = Paginator(selectors.my_past(user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "webinars/my_webinars.html",
        {
            "upcoming": selectors.my_upcoming(user),
            "page_obj": past,
            "has_feed": selectors.calendar_feed_of(user) is not None,
            "crumbs": _crumbs(),
        },
    )


# --- The calendar feed ----------------------------------------------------------------


@login_required
@require_http_methods(READ_OR_SEND)
def calendar_feed(request):
    """The person's feed address. GET only reads; the address is made by the first
    POST, and replaced (the old one stops) by a POST to revoke it."""
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "create":
            services.calendar_feed_create(user=request.user)
            messages.success(
                request, "Your calendar address is ready. Add it to your calendar app below."
            )
        elif action == "revoke":
            try:
                services.calendar_feed_revoke(user=request.user, request=request)
            except ValidationError as error:
                messages.error(request, _message(error))
            else:
                messages.success(
                    request,
                    "Your old calendar address has stopped working. Here is a new one: "
                    "add it to your calendar app, and remove the old calendar.",
                )
        else:
            messages.error(request, "Use one of the buttons on this page.")
        return redirect("webinars:calendar_feed")
    feed = selectors.calendar_feed_of(request.user)
    return render(
        request,
        "webinars/calendar_feed.html",
        {
            "feed": feed,
            **_feed_urls(feed),
            "crumbs": [*_crumbs(), ("My webinars", reverse("webinars:my_webinars"))],
        },
    )


# A feed token is what models.new_feed_token makes: URL-safe base64. Anything else
# is a miss without asking the database (and a NUL byte would upset PostgreSQL).
TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{20,64}")
# Unknown tokens per client address. Tokens carry 256 random bits, so this is not
# what keeps them unguessable; it stops the address being used to hammer the database.
FEED_MISSES = ("webinar-feed-miss", 30, 3600)
FEED_NAME = f"{settings.SERVICE_NAME}: webinars"


def _plain(text: str, *, status: int) -> HttpResponse:
    response = HttpResponse(text + "\n", content_type="text/plain; charset=utf-8", status=status)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _blocked_key(address: str) -> str:
    return f"webinar-feed-blocked:{address}"


def _too_many(period: int) -> HttpResponse:
    response = _plain(
        "Too many unknown calendar addresses were asked for from your network. "
        "Try again in an hour.",
        status=429,
    )
    response["Retry-After"] = str(period)
    return response


@never_cache
@require_safe
def calendar_feed_ics(request, token: str):
    """The feed a calendar app polls: no sign-in, the token is the credential."""
    address = client_address(request) or "unknown"
    action, limit, period = FEED_MISSES
    # Once over the limit, every request from the address is refused for a while,
    # without a lookup: a sweep then learns nothing from which addresses answer.
    if cache.get(_blocked_key(address)):
        return _too_many(period)
    feed = selectors.calendar_feed_by_token(token) if TOKEN_SHAPE.fullmatch(token) else None
    if feed is None:
        if ratelimit.hit(action=action, key=address, limit=limit, period_seconds=period):
            cache.set(_blocked_key(address), True, timeout=period)
            return _too_many(period)
        return _plain(
            "This calendar address is not known. It may have been stopped: sign in to the "
            f"{settings.SERVICE_NAME} and open My webinars to get your current address.",
            status=404,
        )
    sessions, joined = selectors.feed_sessions(feed.user)
    services.calendar_feed_mark_read(feed_id=feed.pk)
    response = _ics_response(
        calendars.feed_ics(sessions, joined_ids=joined, name=FEED_NAME),
        filename="webinars.ics",
        disposition="inline",
    )
    # never_cache marks it private (no shared cache, a proxy, may keep it) and
    # no-store: a revoked address must stop at once.
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
