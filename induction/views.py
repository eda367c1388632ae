from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_POST

from learning.accounts.permissions import region_staff_required
from learning.accounts.selectors import link_workers_overseen_by, regions_run_by
from learning.audit.enums import AuditAction
from learning.audit.services import audit_record
from learning.downloads import csv_download, pdf_download
from learning.forms import apply_validation_error, search_query

from . import pdf
from .enums import ProgressState, StepStatus
from .forms import (
    READ_BY_COORDINATORS,
    SHARE,
    YOU_CHOOSE,
    CompleteStepForm,
    ReflectionSharingForm,
    ReviewForm,
)
from .person_page import person_sections
from .selectors import (
    PROGRESS_SORTS,
    induction_pack,
    induction_progress_rows,
    induction_task_list,
    progress_state,
    sign_off_queue,
    step_progress,
    webinar_step,
)
from .services import reflection_sharing_set, step_complete, step_return, step_sign_off


def serve_step(request, page, *args, **kwargs):
    """A step page: read it, and mark it done (with a reflection where it asks for one).
    An "attend a webinar" step has no button: a POST to it is refused by step_complete."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    if request.method == "POST" and request.POST.get("action") == "sharing":
        return _change_sharing(request, page)
    form = CompleteStepForm(request.POST if request.method == "POST" else None, step=page)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                progress = step_complete(
                    user=request.user,
                    step=page,
                    reflection=form.cleaned_data.get("reflection", ""),
                    share_reflection=form.share_reflection,
                )
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                messages.success(
                    request,
                    f"Sent for sign-off: {page.title}. Your coordinator will confirm it."
                    if progress.status == StepStatus.AWAITING_SIGN_OFF
                    else f"Done: {page.title}.",
                )
                return redirect(page.get_parent().get_parent().url)
        status = 400
    return _step_response(request, page, form, status, *args, **kwargs)


def _step_response(request, page, form, status, *args, **kwargs):
    context = page.get_context(request, *args, **kwargs)
    progress = step_progress(user=request.user, step=page)
    context.update(
        form=form,
        progress=progress,
        status=progress.status if progress else StepStatus.NOT_STARTED,
        read_by_coordinators=READ_BY_COORDINATORS,
        you_choose=YOU_CHOOSE,
        # Completed only by recorded attendance: the page lists sessions to book instead.
        webinar=webinar_step(step=page, user=request.user),
    )
    return TemplateResponse(request, page.get_template(request), context, status=status)


def _change_sharing(request, page):
    """The person shares a reflection they wrote, or takes it back to themselves."""
    form = ReflectionSharingForm(request.POST)
    if form.is_valid():
        shared = form.cleaned_data["sharing"] == SHARE
        try:
            reflection_sharing_set(user=request.user, step=page, shared=shared)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return _step_response(request, page, CompleteStepForm(step=page), 400)
        messages.success(
            request,
            "Your learning coordinators can now read your reflection."
            if shared
            else "Your reflection is now private: only you can read it.",
        )
        return redirect(page.url)
    messages.error(request, "Choose who can read your reflection.")
    return _step_response(request, page, CompleteStepForm(step=page), 400)


# --- The whole Reference Guide as one PDF ------------------------------------------


def reference_guide_pdf(request, guide):
    """Built once per published version of the guide, then served from the cache."""
    chapters = list(guide.chapters())
    stamps = [guide.last_published_at, *(c.last_published_at for c in chapters)]
    version = max((s for s in stamps if s), default=None)
    key = f"reference-guide-pdf:{guide.pk}:{len(chapters)}:{version.isoformat() if version else 0}"
    data = cache.get(key)
    if data is None:
        data = pdf.reference_guide_pdf(guide=guide, chapters=chapters)
        cache.set(key, data, timeout=24 * 3600)
    return pdf_download(data, filename=f"{guide.slug}.pdf")


# --- A person's own record ------------------------------------------------------------


def completion_record(request, pack):
    """The signed-in person's record of their completed induction."""
    task_list = induction_task_list(user=request.user, pack=pack)
    if not task_list.is_complete:
        messages.error(
            request,
            f"Your record is ready when you have completed every required step. "
            f"{task_list.required_left} to go.",
        )
        return redirect(pack.url)
    return _record_response(person=request.user, pack=pack, task_list=task_list)


def _record_response(*, person, pack, task_list) -> HttpResponse:
    data = pdf.induction_record_pdf(
        user=person, pack=pack, task_list=task_list, generated_at=timezone.now()
    )
    return pdf_download(data, filename=f"induction-record-{slugify(person.full_name)}.pdf")


# --- Learning coordinators: progress, a person's induction, sign-off ------------------

PAGE_SIZE = 25


def _pack_or_404():
    pack = induction_pack()
    if pack is None:
        raise Http404("The induction pack has not been published yet.")
    return pack


def _table_filters(request, regions) -> dict:
    region_slug = request.GET.get("region", "")
    state = request.GET.get("state", "")
    sort = request.GET.get("sort", "name")
    return {
        "region_slug": region_slug if region_slug in {r.slug for r in regions} else "",
        "state": state if state in ProgressState.values else "",
        "query": search_query(request),
        "sort": sort if sort in PROGRESS_SORTS else "name",
    }


@region_staff_required
def progress_table(request):
    pack = _pack_or_404()
    regions = list(regions_run_by(request.user))
    filters = _table_filters(request, regions)
    rows, required_total = induction_progress_rows(viewer=request.user, pack=pack, **filters)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    for row in page:
        row.state = progress_state(
            required_done=row.required_done, started=row.started, required_total=required_total
        )
    return render(
        request,
        "induction/coordinating/progress.html",
        {
            "page_obj": page,
            "required_total": required_total,
            "filters": filters,
            "regions": regions,
            "states": ProgressState.choices,
            "waiting_count": sign_off_queue(viewer=request.user).count(),
        },
    )


CSV_HEADER = [
    "Name",
    "Email",
    "PCN",
    "CCG",
    "Region",
    "Required steps completed",
    "Required steps",
    "Waiting for sign-off",
    "Status",
    "Last activity",
]


@region_staff_required
def progress_export(request):
    """The table as filtered, every page of it, as CSV for a spreadsheet."""
    pack = _pack_or_404()
    filters = _table_filters(request, list(regions_run_by(request.user)))
    rows, required_total = induction_progress_rows(viewer=request.user, pack=pack, **filters)
    audit_record(
        action=AuditAction.INDUCTION_EXPORTED,
        actor=request.user,
        subject="Induction progress (CSV)",
        request=request,
        details={key: value for key, value in filters.items() if value},
    )

    def lines():
        yield CSV_HEADER
        for row in rows.iterator(chunk_size=500):
            pcn = row.pcn
            state = progress_state(
                required_done=row.required_done, started=row.started, required_total=required_total
            )
            yield [
                row.full_name,
                row.email,
                pcn.name if pcn else "",
                pcn.ccg.name if pcn else "",
                pcn.ccg.region.name if pcn else "",
                row.required_done,
                required_total,
                row.awaiting,
                state.label,
                timezone.localtime(row.last_activity).strftime("%Y-%m-%d %H:%M")
                if row.last_activity
                else "",
            ]

    stamp = timezone.localdate().isoformat()
    return csv_download(lines(), filename=f"induction-progress-{stamp}.csv")


def _overseen_person(request, person_id: int):
    # Outside the viewer's regions a person is "not found", so ids cannot be probed.
    return get_object_or_404(
        link_workers_overseen_by(request.user).select_related("pcn__ccg__region"), pk=person_id
    )


@region_staff_required
def person_induction(request, person_id: int):
    """One link worker's induction, with their reflections, for their coordinators."""
    pack = _pack_or_404()
    person = _overseen_person(request, person_id)
    audit_record(
        action=AuditAction.INDUCTION_RECORD_VIEWED,
        actor=request.user,
        subject=person.email,
        request=request,
    )
    return render(
        request,
        "induction/coordinating/person.html",
        {
            "person": person,
            "pack": pack,
            # Reflections the person kept to themselves are not even read from the database.
            "task_list": induction_task_list(user=person, pack=pack, shared_reflections_only=True),
            "person_sections": person_sections(person),
            "crumbs": [("Induction progress", reverse("induction:progress"))],
        },
    )


@region_staff_required
def person_record(request, person_id: int):
    pack = _pack_or_404()
    person = _overseen_person(request, person_id)
    task_list = induction_task_list(user=person, pack=pack)
    return _record_response(person=person, pack=pack, task_list=task_list)


def _sign_off_page(request, *, failed_form: ReviewForm | None = None, failed_id=None):
    page = Paginator(sign_off_queue(viewer=request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    items = [(p, failed_form if p.pk == failed_id else ReviewForm(progress_id=p.pk)) for p in page]
    return render(
        request,
        "induction/coordinating/sign_off.html",
        {"page_obj": page, "items": items, "error_form": failed_form},
        status=400 if failed_form else 200,
    )


@region_staff_required
def sign_off_list(request):
    return _sign_off_page(request)


@region_staff_required
@require_POST
def review(request, progress_id: int):
    """Sign off or return one task. Errors re-show the queue with the message by the task."""
    form = ReviewForm(request.POST, progress_id=progress_id)
    if form.is_valid():
        decide = (
            step_sign_off if form.cleaned_data["decision"] == ReviewForm.SIGN_OFF else step_return
        )
        try:
            progress = decide(
                reviewer=request.user,
                progress_id=progress_id,
                comment=form.cleaned_data["comment"],
                request=request,
            )
        except PermissionDenied:
            raise Http404("No task waiting for your sign-off has that number.") from None
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            person = progress.user.full_name or progress.user.email
            messages.success(
                request,
                f"Signed off: {progress.step.title} for {person}. They have been emailed."
                if progress.status == StepStatus.COMPLETED
                else f"Returned: {progress.step.title} to {person}, with your comment. "
                "They have been emailed.",
            )
            return redirect("induction:sign_off")
    return _sign_off_page(request, failed_form=form, failed_id=progress_id)
