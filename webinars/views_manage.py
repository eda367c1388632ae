"""The pages where the national team and learning coordinators run the schedule:
their sessions, adding a series or a session, changing, cancelling, the recording
and slides, the registration list (and its CSV) and what people thought.

Anyone else gets "not found", as on the cohort pages, and so does a session the
person does not run (another region's event, for a coordinator): its number says
nothing to them. Writes go through `services`, which check again and audit."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from learning.accounts.selectors import regions_run_by
from learning.audit.enums import AuditAction
from learning.audit.services import audit_record
from learning.downloads import csv_download
from learning.forms import apply_validation_error

from . import services
from .enums import RegistrationStatus
from .forms_manage import CancelForm, MaterialsForm, SeriesForm, SessionForm, uk_parts
from .manage_selectors import (
    audience_regions_for,
    feedback_comments,
    manage_list,
    person_organisation,
    registration_list,
    series_usable_by,
    session_with_counts,
)
from .manage_selectors import feedback_summary as summarise_feedback
from .models import Session
from .permissions import user_runs_events

GET_POST = ["GET", "POST"]
SESSIONS_PER_PAGE = 25
REGISTRATIONS_PER_PAGE = 100
COMMENTS_PER_PAGE = 20


def event_runners_required(view):
    """The national team and learning coordinators; everyone else "not found"."""

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not user_runs_events(request.user):
            raise Http404("No such page.")
        return view(request, *args, **kwargs)

    return wrapped


def _session_or_404(request, pk: int) -> Session:
    session = session_with_counts(user=request.user, pk=pk)
    if session is None:
        raise Http404("No such session.")
    return session


def _crumbs(session: Session | None = None) -> list[tuple[str, str]]:
    crumbs = [("Run webinars and events", reverse("webinars:manage"))]
    if session is not None:
        crumbs.append((session.title, reverse("webinars:session_manage", args=[session.pk])))
    return crumbs


def _form_page(request, template: str, context: dict):
    form = context.get("form")
    status = 400 if form is not None and form.errors else 200
    return render(request, template, context, status=status)


# --- The list -----------------------------------------------------------------------


@event_runners_required
def manage(request):
    now = timezone.now()
    page = Paginator(manage_list(user=request.user, now=now), SESSIONS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    sessions = list(page)
    return render(
        request,
        "webinars/manage/index.html",
        {
            "page_obj": page,
            "upcoming": [s for s in sessions if not s.is_past],
            "past": [s for s in sessions if s.is_past],
            "now": now,
            # A coordinator's regions, named: "Your region's" or "Your regions'" events.
            "event_regions": []
            if request.user.is_national_team
            else list(regions_run_by(request.user).values_list("name", flat=True)),
        },
    )


# --- Series -------------------------------------------------------------------------


@event_runners_required
@require_http_methods(GET_POST)
def series_create(request):
    national = request.user.is_national_team
    form = SeriesForm(
        request.POST if request.method == "POST" else None,
        regions=list(audience_regions_for(request.user)),
        national=national,
    )
    if request.method == "POST" and form.is_valid():
        try:
            series = services.series_create(
                actor=request.user, request=request, **form.cleaned_data
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        except PermissionDenied as error:
            form.add_error("region", str(error))
        else:
            messages.success(request, f"Series added: {series.title}. Now add its first session.")
            return redirect(f"{reverse('webinars:session_create')}?series={series.pk}")
    return _form_page(
        request, "webinars/manage/series_form.html", {"form": form, "crumbs": _crumbs()}
    )


# --- Adding and changing a session ----------------------------------------------------


def _say_twice(request, form: SessionForm) -> None:
    for note in form.twice.values():
        messages.warning(request, note)


@event_runners_required
@require_http_methods(GET_POST)
def session_create(request):
    national = request.user.is_national_team
    series = series_usable_by(request.user)
    regions = list(audience_regions_for(request.user))
    initial = {}
    chosen = request.GET.get("series", "")
    if chosen.isdigit():
        picked = next((s for s in series if str(s.pk) == chosen), None)
        if picked is not None:
            initial["series"] = picked.pk
            initial["audience"] = str(picked.region_id) if picked.region_id else "national"
    form = SessionForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        series=series,
        regions=regions,
        national=national,
    )
    if request.method == "POST" and form.is_valid():
        try:
            session = services.session_create(
                actor=request.user,
                series=form.cleaned_data["series"],
                region=form.cleaned_data["audience"],
                request=request,
                **form.session_fields(),
            )
        except ValidationError as error:
            form.apply_service_error(error)
        except PermissionDenied as error:
            form.add_error("audience", str(error))
        else:
            messages.success(request, f"Added to the schedule: {session.title}.")
            _say_twice(request, form)
            return redirect("webinars:session_manage", pk=session.pk)
    return _form_page(
        request,
        "webinars/manage/session_form.html",
        {"form": form, "has_series": series.exists(), "crumbs": _crumbs()},
    )


def _unchanged_times(form: SessionForm, session: Session) -> dict:
    """Keep the stored start and end when their UK date and time were left as they
    were: a session under way keeps its start (which is now past), and a time that
    happens twice keeps whichever of the two it was."""
    data = form.cleaned_data
    fields = form.session_fields()
    day, start = uk_parts(session.starts_at)
    end_day, end = uk_parts(session.ends_at)
    if data["date"] == day and f"{data['start_time']:%H:%M}" == start:
        fields["starts_at"] = session.starts_at
        form.twice.pop("start_time", None)
    if data["date"] == end_day and f"{data['end_time']:%H:%M}" == end:
        fields["ends_at"] = session.ends_at
        form.twice.pop("end_time", None)
    return fields


def _closed_for_changes(session: Session) -> str:
    if session.is_cancelled:
        return "This session was cancelled, so it can no longer be changed."
    if session.has_ended():
        return "This session has ended, so its details can no longer be changed."
    return ""


@event_runners_required
@require_http_methods(GET_POST)
def session_edit(request, pk: int):
    session = _session_or_404(request, pk)
    closed = _closed_for_changes(session)
    form = SessionForm(
        request.POST if request.method == "POST" and not closed else None,
        initial=SessionForm.initial_for(session),
    )
    if request.method == "POST" and not closed and form.is_valid():
        try:
            services.session_update(
                actor=request.user,
                session_id=session.pk,
                request=request,
                **_unchanged_times(form, session),
            )
        except ValidationError as error:
            form.apply_service_error(error)
        else:
            messages.success(request, f"Saved: {form.cleaned_data['title']}.")
            _say_twice(request, form)
            return redirect("webinars:session_manage", pk=session.pk)
    return _form_page(
        request,
        "webinars/manage/session_form.html",
        {
            "form": form,
            "session": session,
            "closed": closed,
            "under_way": session.has_started() and not closed,
            "crumbs": _crumbs(session),
        },
    )


# --- One session: its page, the registration list and CSV ----------------------------


@event_runners_required
def session_manage(request, pk: int):
    session = _session_or_404(request, pk)
    page = Paginator(registration_list(session=session), REGISTRATIONS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    rows = list(page)
    for row in rows:
        row.pcn_name, row.ccg_name, row.region_name = person_organisation(row.user)
    now = timezone.now()
    return render(
        request,
        "webinars/manage/session.html",
        {
            "session": session,
            "page_obj": page,
            "groups": [
                (heading, status, [row for row in rows if row.status == status])
                for heading, status in (
                    ("Registered", RegistrationStatus.REGISTERED),
                    ("Waiting list", RegistrationStatus.WAITING),
                    ("Cancelled", RegistrationStatus.CANCELLED),
                )
            ],
            "started": session.has_started(now),
            "ended": session.has_ended(now),
            "crumbs": _crumbs(),
        },
    )


CSV_HEADER = [
    "Name",
    "Email",
    "PCN",
    "CCG",
    "Region",
    "Status",
    "Registered at (UK time)",
    "Waiting list position",
]


@event_runners_required
def registrations_csv(request, pk: int):
    session = _session_or_404(request, pk)
    audit_record(
        action=AuditAction.WEBINAR_REGISTRATIONS_EXPORTED,
        actor=request.user,
        subject=f"session {session.pk} “{session.title}” (CSV)",
        request=request,
        details={"session": session.pk, "registered": session.taken, "waiting": session.waiting},
    )

    def lines():
        yield CSV_HEADER
        for row in registration_list(session=session).iterator(chunk_size=500):
            pcn, ccg, region = person_organisation(row.user)
            yield [
                row.user.full_name,
                row.user.email,
                pcn,
                ccg,
                region,
                row.get_status_display(),
                timezone.localtime(row.queued_at).strftime("%Y-%m-%d %H:%M"),
                row.position if row.is_waiting else "",
            ]

    stamp = timezone.localdate(session.starts_at).isoformat()
    return csv_download(lines(), filename=f"registrations-{session.pk}-{stamp}.csv")


# --- Cancelling, materials, feedback ------------------------------------------------


@event_runners_required
@require_http_methods(GET_POST)
def session_cancel(request, pk: int):
    """Confirm with a reason (GET), then cancel (POST): everyone registered or waiting
    is emailed and their calendars drop the event."""
    session = _session_or_404(request, pk)
    closed = ""
    if session.is_cancelled:
        closed = "This session is already cancelled."
    elif session.has_started():
        closed = "This session has already started, so it cannot be cancelled."
    form = CancelForm(request.POST if request.method == "POST" and not closed else None)
    if request.method == "POST" and not closed and form.is_valid():
        try:
            services.session_cancel(
                actor=request.user,
                session_id=session.pk,
                reason=form.cleaned_data["reason"],
                request=request,
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            told = session.taken + session.waiting
            messages.success(
                request,
                f"Cancelled: {session.title}. "
                + (
                    f"{told} {'person is' if told == 1 else 'people are'} being emailed."
                    if told
                    else "No one had registered."
                ),
            )
            return redirect("webinars:session_manage", pk=session.pk)
    return _form_page(
        request,
        "webinars/manage/cancel.html",
        {"form": form, "session": session, "closed": closed, "crumbs": _crumbs(session)},
    )


@event_runners_required
@require_http_methods(GET_POST)
def session_materials(request, pk: int):
    session = _session_or_404(request, pk)
    form = MaterialsForm(
        request.POST if request.method == "POST" and not session.is_cancelled else None,
        initial={"recording_url": session.recording_url, "slides_url": session.slides_url},
    )
    if request.method == "POST" and not session.is_cancelled and form.is_valid():
        try:
            services.session_publish_materials(
                actor=request.user, session_id=session.pk, request=request, **form.cleaned_data
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            data = form.cleaned_data
            messages.success(
                request,
                "The recording and slides are saved."
                if data["recording_url"] or data["slides_url"]
                else "The links to the recording and slides are removed.",
            )
            return redirect("webinars:session_manage", pk=session.pk)
    return _form_page(
        request,
        "webinars/manage/materials.html",
        {"form": form, "session": session, "crumbs": _crumbs(session)},
    )


@event_runners_required
def feedback_summary(request, pk: int):
    session = _session_or_404(request, pk)
    page = Paginator(feedback_comments(session=session), COMMENTS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "webinars/manage/feedback.html",
        {
            "session": session,
            "summary": summarise_feedback(session=session),
            "page_obj": page,
            "crumbs": _crumbs(session),
        },
    )
