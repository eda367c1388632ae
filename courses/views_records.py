"""Training records on every host: My learning, the CPD log, certificates (the
holder's PDF), their public verification and, for the national team, revoking.

A person only ever reaches their own records: every lookup is by the signed-in
user, and someone else's certificate is "not found" rather than forbidden.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

# The induction export's formula defusing and PDF response: the same rules here.
from learning import ratelimit
from learning.accounts.permissions import national_team_required, region_staff_required
from learning.accounts.selectors import link_workers_overseen_by
from learning.client_address import client_address
from learning.downloads import csv_download, pdf_download
from learning.forms import apply_validation_error
from learning.page_urls import learning_page_urls

from . import certificates, services
from .forms_records import RevokeForm, VerifyLookupForm
from .models import Certificate, Enrolment
from .record_selectors import (
    certificate_by_code,
    cpd_log,
    holder_attendances,
    holder_certificate,
    holder_certificates,
    my_enrolments,
)

# --- My learning ----------------------------------------------------------------------


@login_required
@require_safe
def my_learning(request):
    certificate_list = holder_certificates(request.user)
    return render(
        request,
        "courses/records/my_learning.html",
        {
            "enrolments": my_enrolments(request.user),
            "certificates": certificate_list,
            "cpd": cpd_log(certificate_list, holder_attendances(request.user)),
            "training_url": learning_page_urls().get("training"),
        },
    )


CPD_HEADER = [
    "Date completed",
    "Activity",
    "Type",
    "CPD hours",
    "Accrediting body",
    "Certificate code or series",
]


@login_required
@require_safe
def cpd_log_csv(request):
    """The CPD log for a spreadsheet or an appraisal portfolio."""
    log = cpd_log(holder_certificates(request.user), holder_attendances(request.user))
    rows = [
        CPD_HEADER,
        *(
            [
                entry.date.isoformat(),
                entry.activity,
                entry.activity_type,
                certificates.format_hours(entry.hours),
                entry.accrediting_body,
                entry.reference,
            ]
            for entry in log.entries
        ),
        ["", "Total", "", certificates.format_hours(log.total_hours), "", ""],
    ]
    stamp = timezone.localdate().isoformat()
    return csv_download(rows, filename=f"cpd-log-{stamp}.csv")


@login_required
@require_safe
def certificate_pdf(request, code: str):
    certificate = holder_certificate(request.user, code)
    if certificate is None:
        raise Http404("You have no certificate with this code.")
    if certificate.is_revoked:
        # A revoked certificate is not handed out again, even to its holder.
        return render(
            request,
            "courses/records/certificate_revoked.html",
            {"certificate": certificate},
            status=410,
        )
    filename = f"certificate-{slugify(certificate.course_title)[:60]}-{certificate.code}.pdf"
    return pdf_download(certificates.certificate_pdf(certificate), filename=filename)


# --- Public verification --------------------------------------------------------------

# Per client address. Codes carry 100 random bits, so this is not what keeps them
# unguessable; it stops the page being used to hammer the database or to sweep.
VERIFY_LIMITS = (("certificate-verify-minute", 30, 60), ("certificate-verify-hour", 300, 3600))


def _verify_rate_limited(request) -> bool:
    key = client_address(request) or "unknown"
    return any(
        ratelimit.hit(action=action, key=key, limit=limit, period_seconds=period)
        for action, limit, period in VERIFY_LIMITS
    )


def _public(response: HttpResponse) -> HttpResponse:
    """Verification pages name people: keep them out of search engines."""
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@never_cache
@require_safe
def verify_lookup(request):
    """A form anyone can use, signed in or not. It sends the code with GET, so it
    works without JavaScript or a session, then goes to the code's own page."""
    form = VerifyLookupForm(request.GET if "code" in request.GET else None)
    if form.is_bound and form.is_valid():
        printed = Certificate(code=form.cleaned_data["code"]).display_code
        return redirect("courses:verify", code=printed)
    return _public(
        render(
            request,
            "courses/records/verify_lookup.html",
            {"form": form},
            status=400 if form.errors else 200,
        )
    )


@never_cache
@require_safe
def verify(request, code: str):
    """Whether a certificate is genuine. It shows the holder's name, the module,
    the date of completion and whether it still stands: nothing else about them."""
    if _verify_rate_limited(request):
        response = render(request, "courses/records/verify_limited.html", status=429)
        response["Retry-After"] = "60"
        return _public(response)
    certificate = certificate_by_code(code)
    if certificate is None:
        return _public(
            render(
                request,
                "courses/records/verify_not_found.html",
                {"form": VerifyLookupForm()},
                status=404,
            )
        )
    user = request.user
    return _public(
        render(
            request,
            "courses/records/verify.html",
            {
                "certificate": certificate,
                "can_revoke": user.is_authenticated
                and user.is_national_team
                and not certificate.is_revoked,
            },
        )
    )


# --- Revoking (national team) ---------------------------------------------------------


@national_team_required
@require_http_methods(["GET", "HEAD", "POST"])
def certificate_revoke(request, pk: int):
    certificate = get_object_or_404(Certificate, pk=pk)
    verify_url = reverse("courses:verify", args=[certificate.display_code])
    form = RevokeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and not certificate.is_revoked and form.is_valid():
        try:
            services.certificate_revoke(
                by=request.user,
                certificate_id=certificate.pk,
                reason=form.cleaned_data["reason"],
                request=request,
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(
                request,
                f"Revoked: {certificate.course_title} for {certificate.holder_name}. "
                "The verification page now says so.",
            )
            return redirect(verify_url)
    return render(
        request,
        "courses/records/revoke.html",
        {
            "certificate": certificate,
            "form": form,
            "crumbs": [("Certificate check", verify_url)],
        },
        status=400 if form.errors else 200,
    )


@region_staff_required
@require_POST
def attempt_grant(request, enrolment_id: int):
    """A coordinator gives a link worker who used every attempt one more, from that
    person's page. Someone outside the coordinator's regions is not found."""
    person_id = (
        Enrolment.objects.filter(pk=enrolment_id, user__in=link_workers_overseen_by(request.user))
        .values_list("user_id", flat=True)
        .first()
    )
    if person_id is None:
        raise Http404("No such enrolment.")
    try:
        enrolment = services.attempt_grant(
            by=request.user, enrolment_id=enrolment_id, request=request
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            f"{enrolment.user.full_name or enrolment.user.email} has another attempt at "
            f"{enrolment.course.title}. They have been emailed.",
        )
    return redirect("induction:person", person_id=person_id)
