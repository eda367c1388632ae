"""Learning coordinators' cohort pages, on the region's host.

Only people who run the region (its coordinators and the national team) see any
of them; everyone else gets "not found". A cohort, member or assignment number
from another region, or one that does not exist, is "not found" too, and changes
nothing."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_http_methods, require_POST

from learning.audit.enums import AuditAction
from learning.audit.services import audit_record
from learning.downloads import csv_download
from learning.forms import apply_validation_error

from . import services
from .forms import AddMemberForm, AssignForm, CohortForm, DueDateForm, UploadMembersForm
from .grid import cohort_grid
from .models import Cohort, CohortAssignment, CohortMember
from .permissions import cohort_runners_required
from .selectors import (
    assignable_choices,
    behind_counts,
    cohort_items,
    cohort_list,
    cohort_members,
)
from .uploads import MAX_UPLOAD_BYTES, MAX_UPLOAD_ROWS, read_email_rows

GET_POST = ["GET", "POST"]


def _cohort_or_404(cohort_id: int) -> Cohort:
    # The current schema holds only this region's cohorts: another region's number is not found.
    return get_object_or_404(Cohort, pk=cohort_id)


def _crumbs(cohort: Cohort | None = None) -> list[tuple[str, str]]:
    crumbs = [("Cohorts", reverse("cohorts:index"))]
    if cohort is not None:
        crumbs.append((cohort.name, reverse("cohorts:grid", args=[cohort.pk])))
    return crumbs


def _form_page(request, template: str, context: dict):
    form = context.get("form")
    return render(
        request, template, context, status=400 if form is not None and form.errors else 200
    )


# --- Cohorts ---------------------------------------------------------------------------


@cohort_runners_required
def index(request):
    cohorts = list(cohort_list().order_by("-start_date", "name"))
    behind = behind_counts(cohorts=cohorts, today=timezone.localdate())
    for cohort in cohorts:
        cohort.behind = behind.get(cohort.pk, 0)
    return render(
        request,
        "cohorts/index.html",
        {
            "cohorts": cohorts,
            "archived": list(cohort_list(archived=True).order_by("-archived_at")),
        },
    )


@cohort_runners_required
@require_http_methods(GET_POST)
def create(request):
    form = CohortForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            cohort = services.cohort_create(
                actor=request.user, request=request, **form.cleaned_data
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(
                request, f"Cohort created: {cohort.name}. Now add its members and its learning."
            )
            return redirect("cohorts:members", cohort_id=cohort.pk)
    return _form_page(request, "cohorts/form.html", {"form": form, "crumbs": _crumbs()})


@cohort_runners_required
@require_http_methods(GET_POST)
def edit(request, cohort_id: int):
    cohort = _cohort_or_404(cohort_id)
    form = CohortForm(
        request.POST if request.method == "POST" else None,
        initial={"name": cohort.name, "start_date": cohort.start_date},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.cohort_update(
                actor=request.user, cohort_id=cohort.pk, request=request, **form.cleaned_data
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, "The cohort's details are saved.")
            return redirect("cohorts:grid", cohort_id=cohort.pk)
    return _form_page(
        request, "cohorts/form.html", {"form": form, "cohort": cohort, "crumbs": _crumbs(cohort)}
    )


@cohort_runners_required
@require_POST
def archive(request, cohort_id: int):
    cohort = _cohort_or_404(cohort_id)
    archived = request.POST.get("action") != "restore"
    try:
        services.cohort_set_archived(
            actor=request.user, cohort_id=cohort.pk, archived=archived, request=request
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("cohorts:grid", cohort_id=cohort.pk)
    if archived:
        messages.success(
            request, f"{cohort.name} is archived. Its members get no more weekly reminders."
        )
        return redirect("cohorts:index")
    messages.success(request, f"{cohort.name} is active again.")
    return redirect("cohorts:grid", cohort_id=cohort.pk)


# --- The grid and its CSV ----------------------------------------------------------------


@cohort_runners_required
def grid(request, cohort_id: int):
    cohort = _cohort_or_404(cohort_id)
    table = cohort_grid(cohort=cohort, sort=request.GET.get("sort", "name"))
    return render(
        request,
        "cohorts/grid.html",
        {"cohort": cohort, "grid": table, "filters": {"sort": table.sort}, "crumbs": _crumbs()},
    )


@cohort_runners_required
def export(request, cohort_id: int):
    """The grid as CSV, for a spreadsheet: one row a member, one column an item."""
    cohort = _cohort_or_404(cohort_id)
    table = cohort_grid(cohort=cohort, sort=request.GET.get("sort", "name"))
    audit_record(
        action=AuditAction.COHORT_EXPORTED,
        actor=request.user,
        subject=f"cohort {cohort.pk} “{cohort.name}” (CSV)",
        request=request,
        details={"members": len(table.rows), "items": len(table.items)},
    )
    header = [
        "Name",
        "Email",
        "PCN",
        *(f"{item.title} (due {item.due_date.isoformat()})" for item in table.items),
        "Items completed",
        "Items overdue",
        "Modules with every attempt used without passing",
    ]
    rows = (
        [
            row.name,
            row.email,
            row.pcn,
            *(cell.text for cell in row.cells),
            row.done,
            row.overdue,
            row.out_of_attempts,
        ]
        for row in table.rows
    )
    name = slugify(cohort.name)[:60] or "cohort"
    stamp = timezone.localdate().isoformat()
    return csv_download([header, *rows], filename=f"cohort-{name}-{stamp}.csv")


# --- Members ---------------------------------------------------------------------------


def _members_page(request, cohort: Cohort, form: AddMemberForm):
    return _form_page(
        request,
        "cohorts/members.html",
        {
            "cohort": cohort,
            "form": form,
            "members": cohort_members(cohort=cohort),
            "crumbs": _crumbs(cohort),
        },
    )


@cohort_runners_required
@require_http_methods(GET_POST)
def members(request, cohort_id: int):
    """The members, and a form to add one by email."""
    cohort = _cohort_or_404(cohort_id)
    form = AddMemberForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            member = services.cohort_member_add(
                actor=request.user,
                cohort_id=cohort.pk,
                email=form.cleaned_data["email"],
                request=request,
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            person = member.user.full_name or member.user.email
            messages.success(request, f"{person} is now a member of {cohort.name}.")
            return redirect("cohorts:members", cohort_id=cohort.pk)
    return _members_page(request, cohort, form)


@cohort_runners_required
@require_http_methods(GET_POST)
def upload(request, cohort_id: int):
    """Add many members from a CSV file of email addresses."""
    cohort = _cohort_or_404(cohort_id)
    form = UploadMembersForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            rows = read_email_rows(form.cleaned_data["file"])
            result = services.cohort_members_import(
                actor=request.user, cohort_id=cohort.pk, rows=rows, request=request
            )
        except ValidationError as error:
            form.add_error("file", error.messages)
        else:
            return render(
                request,
                "cohorts/upload_result.html",
                {"cohort": cohort, "result": result, "crumbs": _crumbs(cohort)},
            )
    return _form_page(
        request,
        "cohorts/upload.html",
        {
            "cohort": cohort,
            "form": form,
            "max_rows": f"{MAX_UPLOAD_ROWS:,}",
            "max_megabytes": MAX_UPLOAD_BYTES // 1024 // 1024,
            "crumbs": _crumbs(cohort),
        },
    )


@cohort_runners_required
@require_http_methods(GET_POST)
def member_remove(request, cohort_id: int, member_id: int):
    cohort = _cohort_or_404(cohort_id)
    member = get_object_or_404(
        CohortMember.objects.select_related("user"), pk=member_id, cohort=cohort
    )
    person = member.user.full_name or member.user.email
    if request.method == "POST":
        try:
            services.cohort_member_remove(
                actor=request.user, cohort_id=cohort.pk, member_id=member.pk, request=request
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"{person} is no longer a member of {cohort.name}.")
        return redirect("cohorts:members", cohort_id=cohort.pk)
    return render(
        request,
        "cohorts/member_remove.html",
        {"cohort": cohort, "member": member, "person": person, "crumbs": _crumbs(cohort)},
    )


# --- Assigned learning -----------------------------------------------------------------


@cohort_runners_required
@require_http_methods(GET_POST)
def learning(request, cohort_id: int):
    """What the cohort is assigned, with due dates, and a form to assign more."""
    cohort = _cohort_or_404(cohort_id)
    choices = assignable_choices(cohort=cohort)
    form = AssignForm(request.POST if request.method == "POST" else None, choices=choices)
    if request.method == "POST" and form.is_valid():
        try:
            assignment = services.cohort_assignment_create(
                actor=request.user, cohort_id=cohort.pk, request=request, **form.cleaned_data
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            title = dict(choices).get(form.cleaned_data["item"], "The learning")
            messages.success(
                request,
                f"Assigned: {title}, due {assignment.due_date:%-d %B %Y}.",
            )
            return redirect("cohorts:learning", cohort_id=cohort.pk)
    return _form_page(
        request,
        "cohorts/learning.html",
        {
            "cohort": cohort,
            "form": form,
            "items": cohort_items(cohort=cohort),
            "can_assign": bool(choices),
            "crumbs": _crumbs(cohort),
        },
    )


def _assignment_or_404(cohort: Cohort, assignment_id: int) -> CohortAssignment:
    return get_object_or_404(
        CohortAssignment.objects.select_related("course"), pk=assignment_id, cohort=cohort
    )


def _title(assignment: CohortAssignment) -> str:
    return assignment.course.title if assignment.course_id else assignment.get_kind_display()


@cohort_runners_required
@require_http_methods(GET_POST)
def assignment_edit(request, cohort_id: int, assignment_id: int):
    cohort = _cohort_or_404(cohort_id)
    assignment = _assignment_or_404(cohort, assignment_id)
    form = DueDateForm(
        request.POST if request.method == "POST" else None,
        initial={"due_date": assignment.due_date},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.cohort_assignment_update(
                actor=request.user,
                cohort_id=cohort.pk,
                assignment_id=assignment.pk,
                request=request,
                **form.cleaned_data,
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(
                request,
                f"{_title(assignment)} is now due {form.cleaned_data['due_date']:%-d %B %Y}.",
            )
            return redirect("cohorts:learning", cohort_id=cohort.pk)
    return _form_page(
        request,
        "cohorts/assignment_edit.html",
        {
            "cohort": cohort,
            "assignment": assignment,
            "title": _title(assignment),
            "form": form,
            "crumbs": [
                *_crumbs(cohort),
                ("Learning", reverse("cohorts:learning", args=[cohort.pk])),
            ],
        },
    )


@cohort_runners_required
@require_http_methods(GET_POST)
def assignment_remove(request, cohort_id: int, assignment_id: int):
    cohort = _cohort_or_404(cohort_id)
    assignment = _assignment_or_404(cohort, assignment_id)
    title = _title(assignment)
    if request.method == "POST":
        try:
            services.cohort_assignment_remove(
                actor=request.user,
                cohort_id=cohort.pk,
                assignment_id=assignment.pk,
                request=request,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"{title} is no longer assigned to {cohort.name}.")
        return redirect("cohorts:learning", cohort_id=cohort.pk)
    return render(
        request,
        "cohorts/assignment_remove.html",
        {
            "cohort": cohort,
            "assignment": assignment,
            "title": title,
            "crumbs": [
                *_crumbs(cohort),
                ("Learning", reverse("cohorts:learning", args=[cohort.pk])),
            ],
        },
    )
