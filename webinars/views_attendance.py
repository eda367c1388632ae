"""Recording attendance: the national team (any session) and learning coordinators
(their regions' events) tick who attended, or upload the attendance report that
Teams or Zoom exports. Anyone else gets 404, as for a session that does not exist.
Writes are `attendance.py`'s services; both forms work without JavaScript."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from learning.forms import apply_validation_error

from . import attendance as records
from .forms_attendance import AttendanceForm, AttendanceUploadForm
from .models import Session
from .permissions import user_may_run_session

PAGE_SIZE = 100
GET_POST = ["GET", "HEAD", "POST"]


def _session_or_404(request, pk: int) -> Session:
    session = Session.objects.select_related("series", "region").filter(pk=pk).first()
    if session is None or not user_may_run_session(request.user, session):
        raise Http404("No session you run has that number.")
    return session


def _crumbs(session: Session) -> list[tuple[str, str]]:
    return [
        ("Webinars and events", reverse("webinars:manage")),
        (session.title, reverse("webinars:session_manage", args=[session.pk])),
    ]


def _context(session: Session, **extra) -> dict:
    return {
        "session": session,
        "when": session.uk_when,
        "refusal": records.recording_refusal(session),
        "crumbs": _crumbs(session),
        "max_rows": f"{records.MAX_REPORT_ROWS:,}",
        "max_megabytes": records.MAX_REPORT_BYTES // 1024 // 1024,
        **extra,
    }


@login_required
@require_http_methods(GET_POST)
def attendance(request, pk: int):
    """Everyone with a place (and anyone recorded already), a checkbox each."""
    session = _session_or_404(request, pk)
    page_number = request.GET.get("page") or request.POST.get("page")
    form = AttendanceForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        refusal = records.recording_refusal(session)
        if refusal:
            form.add_error(None, refusal)
        elif form.is_valid():
            try:
                result = records.attendance_save(
                    actor=request.user,
                    session_id=session.pk,
                    shown_ids=form.cleaned_data["shown"],
                    attended_ids=form.cleaned_data["attended"],
                    request=request,
                )
            except PermissionDenied:
                raise Http404("No session you run has that number.") from None
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                messages.success(request, _saved_message(result))
                url = reverse("webinars:attendance", args=[session.pk])
                page = Paginator(records.attendance_people(session), PAGE_SIZE).get_page(
                    page_number
                )
                return redirect(f"{url}?page={page.number}" if page.number > 1 else url)
    page = Paginator(records.attendance_people(session), PAGE_SIZE).get_page(page_number)
    return render(
        request,
        "webinars/attendance/attendance.html",
        _context(
            session,
            form=form,
            page_obj=page,
            counts=records.attendance_counts(session),
            upload_form=AttendanceUploadForm(),
        ),
        status=400 if form.errors else 200,
    )


def _saved_message(result: records.SaveResult) -> str:
    if not (result.recorded or result.removed):
        return "Attendance saved. Nothing changed."
    parts = []
    if result.recorded:
        parts.append(f"{result.recorded} {'person' if result.recorded == 1 else 'people'} recorded")
    if result.removed:
        parts.append(f"{result.removed} removed")
    return f"Attendance saved: {' and '.join(parts)}."


@login_required
@require_http_methods(GET_POST)
def attendance_upload(request, pk: int):
    """Record attendance from a Teams or Zoom attendance report."""
    session = _session_or_404(request, pk)
    form = AttendanceUploadForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
    )
    if request.method == "POST":
        refusal = records.recording_refusal(session)
        if refusal:
            form.add_error(None, refusal)
        elif form.is_valid():
            try:
                result = records.attendance_import(
                    actor=request.user,
                    session_id=session.pk,
                    report=form.cleaned_data["report"],
                    request=request,
                )
            except PermissionDenied:
                raise Http404("No session you run has that number.") from None
            except ValidationError as error:
                form.add_error(None, error.messages)
            else:
                return render(
                    request,
                    "webinars/attendance/upload_result.html",
                    _context(session, result=result),
                )
    return render(
        request,
        "webinars/attendance/upload.html",
        _context(session, upload_form=form),
        status=400 if form.errors else 200,
    )
