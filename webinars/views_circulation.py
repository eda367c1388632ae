"""Circulating the schedule: a CCG lead's cascade list and its one-click forward,
the national team's circulation report, and the one-click unsubscribe.

The cascade pages are CCG leads' only and the report the national team's only:
everyone else gets "not found", as on the other staff pages. The unsubscribe page
opens signed out, on any host: its signed token is the credential."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from learning.forms import apply_validation_error

from .circulation import DIGEST_WEEKS, circulation_opt_out, opted_out, unsubscribe_read
from .circulation_cascade import (
    FORWARD_TOKEN,
    cascade_contact_add,
    cascade_contact_remove,
    cascade_contacts_add_many,
    cascade_draft,
    circulation_cascade,
    forward_token,
    user_is_ccg_lead,
)
from .circulation_schedule import day_and_time_phrase, next_weekly_digest_at
from .circulation_selectors import (
    carried_changes,
    cascade_contacts,
    cascade_reach,
    circulation_for_report,
    circulation_list,
    failed_messages,
    with_delivery,
)
from .forms_circulation import BulkContactsForm, ContactForm
from .models import CascadeContact

GET_POST = ["GET", "POST"]
CONTACTS_PER_PAGE = 50
CIRCULATIONS_PER_PAGE = 25
FAILED_PER_PAGE = 50


def ccg_leads_required(view):
    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not user_is_ccg_lead(request.user):
            raise Http404("No such page.")
        return view(request, *args, **kwargs)

    return wrapped


def national_team_required(view):
    """Unlike learning.accounts.permissions' decorator (403), "not found": the
    report's addresses say nothing to anyone else."""

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not (request.user.is_active and request.user.is_national_team):
            raise Http404("No such page.")
        return view(request, *args, **kwargs)

    return wrapped


def _cascade_crumbs():
    return [
        ("Webinars", reverse("webinars:schedule")),
        ("Share the schedule", reverse("webinars:cascade")),
    ]


def _report_crumbs():
    return [
        ("Run webinars and events", reverse("webinars:manage")),
        ("Circulations", reverse("webinars:circulation_report")),
    ]


# --- The cascade list ------------------------------------------------------------------


def _next_digest_phrase(now) -> str:
    """ "Monday 14 December at 7:30am", from the rule beat sends it by ("" if off)."""
    due = next_weekly_digest_at(now=now)
    return day_and_time_phrase(due, today=timezone.localdate(now)) if due else ""


def _cascade_page(request, form: ContactForm):
    lead = request.user
    ccg = lead.ccg
    now = timezone.now()
    draft = cascade_draft(lead=lead, now=now)
    contacts = Paginator(cascade_contacts(ccg_id=ccg.pk), CONTACTS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "webinars/circulation/cascade.html",
        {
            "ccg": ccg,
            "form": form,
            "page_obj": contacts,
            "contacts": contacts.object_list,
            "draft": draft,
            "next_digest": _next_digest_phrase(now),
            "forward_token": forward_token(),
            "reach": cascade_reach(ccg_id=ccg.pk),
            "digest_weeks": DIGEST_WEEKS,
            "crumbs": [("Webinars", reverse("webinars:schedule"))],
        },
        status=400 if form.errors else 200,
    )


@ccg_leads_required
@require_http_methods(GET_POST)
def cascade(request):
    """The lead's PCN contacts, the form to add one, and the forward button."""
    lead = request.user
    form = ContactForm(request.POST if request.method == "POST" else None, ccg=lead.ccg)
    if request.method == "POST" and form.is_valid():
        try:
            contact = cascade_contact_add(lead=lead, request=request, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, f"{contact.email} is on your list.")
            if opted_out(contact.email):
                messages.warning(
                    request,
                    f"{contact.email} unsubscribed from schedule emails, so it will not "
                    "receive the schedule when you forward it.",
                )
            return redirect("webinars:cascade")
    return _cascade_page(request, form)


@ccg_leads_required
@require_http_methods(GET_POST)
def contacts_add_many(request):
    """Paste many addresses at once: each bad line is reported, the good ones added."""
    lead = request.user
    form = BulkContactsForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            result = cascade_contacts_add_many(
                lead=lead, text=form.cleaned_data["addresses"], request=request
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            return render(
                request,
                "webinars/circulation/add_many_result.html",
                {"result": result, "ccg": lead.ccg, "crumbs": _cascade_crumbs()},
            )
    return render(
        request,
        "webinars/circulation/add_many.html",
        {"form": form, "ccg": lead.ccg, "crumbs": _cascade_crumbs()},
        status=400 if form.errors else 200,
    )


@ccg_leads_required
@require_http_methods(GET_POST)
def contact_remove(request, contact_id: int):
    # Another CCG's contact is "not found", like one that does not exist.
    contact = (
        CascadeContact.objects.filter(pk=contact_id, ccg_id=request.user.ccg_id)
        .select_related("pcn")
        .first()
    )
    if contact is None:
        raise Http404("No such contact.")
    if request.method == "POST":
        try:
            cascade_contact_remove(lead=request.user, contact_id=contact.pk, request=request)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"{contact.email} is no longer on your list.")
        return redirect("webinars:cascade")
    return render(
        request,
        "webinars/circulation/contact_remove.html",
        {"contact": contact, "crumbs": _cascade_crumbs()},
    )


@ccg_leads_required
def preview(request):
    """The email a forward would send now, as the contacts' mail shows its text."""
    draft = cascade_draft(lead=request.user)
    text = draft.rendered.text.replace(draft.placeholder, "(each contact's own unsubscribe link)")
    return render(
        request,
        "webinars/circulation/preview.html",
        {"draft": draft, "text": text, "crumbs": _cascade_crumbs()},
    )


@ccg_leads_required
@require_POST
def forward(request):
    token = request.POST.get("token", "")
    if not FORWARD_TOKEN.match(token):
        # Not a form the cascade page drew: nothing is sent, and the page says why.
        return render(
            request,
            "webinars/circulation/forward_refused.html",
            {"crumbs": _cascade_crumbs()},
            status=400,
        )
    try:
        cascade = circulation_cascade(lead=request.user, token=token, request=request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("webinars:cascade")
    count = cascade.recipient_count
    messages.success(
        request,
        f"The schedule is on its way to {count} PCN contact{'s' if count != 1 else ''}.",
    )
    return redirect("webinars:cascade")


# --- The national team's report ----------------------------------------------------------


@national_team_required
def report(request):
    page = Paginator(circulation_list(), CIRCULATIONS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "webinars/circulation/report.html",
        {
            "page_obj": page,
            "circulations": with_delivery(list(page.object_list)),
            "crumbs": [("Run webinars and events", reverse("webinars:manage"))],
        },
    )


@national_team_required
def circulation_detail(request, pk: int):
    circulation = circulation_for_report(pk)
    if circulation is None:
        raise Http404("No such circulation.")
    failed = Paginator(failed_messages(circulation), FAILED_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "webinars/circulation/detail.html",
        {
            "circulation": circulation,
            "page_obj": failed,
            "failed": failed.object_list,
            "changes": list(carried_changes(circulation)),
            "crumbs": _report_crumbs(),
        },
    )


# --- One-click unsubscribe ---------------------------------------------------------------


# csrf_exempt, on this view only: mail clients send the one-click unsubscribe POST
# (RFC 8058) from outside the site, signed out, with no cookie or CSRF token. The
# signed token in the URL is the credential, and all it can do is stop schedule
# emails to the one address it names, so a forged cross-site POST gains nothing.
# A GET only asks: mail scanners follow links, and must not unsubscribe anyone.
@csrf_exempt
@require_http_methods(GET_POST)
def unsubscribe(request, token: str):
    try:
        email, _ = unsubscribe_read(token)
    except ValidationError as error:
        return render(
            request,
            "webinars/circulation/unsubscribe_invalid.html",
            {"problem": error.messages[0]},
            status=400,
        )
    if request.method == "POST":
        _, new = circulation_opt_out(token=token)
        return render(
            request, "webinars/circulation/unsubscribe_done.html", {"email": email, "new": new}
        )
    return render(
        request,
        "webinars/circulation/unsubscribe.html",
        {"email": email, "already": opted_out(email) is not None},
    )
