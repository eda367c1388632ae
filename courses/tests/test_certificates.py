"""Certificates: the holder's PDF, public verification by code (on every host,
signed in or out, rate limited) and revoking by the national team."""

import io
import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import dateformat, timezone
from pypdf import PdfReader

from courses.models import Certificate
from courses.services import (
    CODE_ALPHABET,
    CODE_LENGTH,
    attempt_start,
    attempt_submit,
    enrolment_create,
    lesson_complete,
    new_certificate_code,
)
from courses.views_records import VERIFY_LIMITS
from learning.accounts.enums import Role
from learning.accounts.tests.factories import UserFactory
from learning.audit.enums import AuditAction
from learning.audit.models import AuditEvent

from .factories import answers, lessons_of, make_course

pytestmark = pytest.mark.django_db


def complete_module(user, course) -> Certificate:
    """Take `course` from enrolment to a pass; returns the certificate it issues."""
    enrolment_create(user=user, course=course)
    for lesson in lessons_of(course):
        lesson_complete(user=user, lesson=lesson)
    attempt = attempt_start(user=user, course=course)
    attempt_submit(user=user, attempt_id=attempt.pk, answers=answers(attempt))
    return Certificate.objects.get(user=user, enrolment__course=course)


@pytest.fixture
def holder(north_west):
    return UserFactory(region=north_west, full_name="Siân O'Neill", email="sian@example.org")


@pytest.fixture
def course():
    return make_course("Personalised care conversations", lessons=2, cpd_hours="2.5")


@pytest.fixture
def certificate(holder, course):
    return complete_module(holder, course)


@pytest.fixture
def national(north_west):
    return UserFactory(region=north_west, role=Role.NATIONAL, full_name="Nat Team")


def long_date(moment) -> str:
    return dateformat.format(timezone.localtime(moment).date(), "j F Y")


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def main_content(response) -> str:
    """The page's <main>: the header and footer (the NHS logo's SVG path holds "2.5")
    are the same on every page."""
    return response.text.split('id="maincontent"', 1)[1].split("</main>", 1)[0]


def verify_path(code: str) -> str:
    return reverse("courses:verify", args=[code])


# --- Codes -------------------------------------------------------------------------


def test_codes_are_twenty_characters_of_crockford_base32_and_never_repeat(holder, north_west):
    first = complete_module(holder, make_course("Module one", lessons=1))
    second = complete_module(UserFactory(region=north_west), make_course("Module two", lessons=1))
    assert len(CODE_ALPHABET) == 32 and not set("ILOU") & set(CODE_ALPHABET)
    for code in (first.code, second.code):
        assert len(code) == CODE_LENGTH == 20
        assert set(code) <= set(CODE_ALPHABET)
    assert first.code != second.code
    assert len({new_certificate_code() for _ in range(2000)}) == 2000
    assert re.fullmatch(r"([0-9A-Z]{4}-){4}[0-9A-Z]{4}", first.display_code)


# --- The PDF ---------------------------------------------------------------------


def test_the_pdf_holds_the_name_module_hours_body_date_code_and_hub_address(
    certificate, holder, client_for
):
    response = client_for(None, holder).get(
        reverse("courses:certificate_pdf", args=[certificate.code])
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"]
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert float(box.width) > float(box.height)  # landscape
    text = pdf_text(response.content)
    assert "Siân O'Neill" in text
    assert "Personalised care conversations" in text
    assert "2.5 CPD hours" in text
    assert "Personalised Care Institute" in text
    assert long_date(certificate.issued_at) in text
    assert certificate.display_code in text
    url = f"{settings.HUB_URL}/certificates/verify/{certificate.display_code}/"
    assert url in text
    assert reader.metadata.title == "Certificate: Personalised care conversations"


def test_the_printed_address_opens_the_verification_page_on_the_hub(certificate, client_for):
    path = f"/certificates/verify/{certificate.display_code}/"
    response = client_for(None).get(path)
    assert response.status_code == 200
    assert "This certificate is valid" in response.text


def test_a_long_name_and_title_still_fit_one_page(holder, client_for):
    holder.full_name = "Bartholomew-Alexander " * 6
    holder.save()
    long_course = make_course("Care and support planning " * 9, lessons=1)
    certificate = complete_module(holder, long_course)
    response = client_for(None, holder).get(
        reverse("courses:certificate_pdf", args=[certificate.code])
    )
    assert len(PdfReader(io.BytesIO(response.content)).pages) == 1
    assert certificate.display_code in pdf_text(response.content)


def test_the_holder_may_type_the_code_in_any_case_with_dashes(certificate, holder, client_for):
    response = client_for(None, holder).get(
        f"/my-learning/certificates/{certificate.display_code.lower()}.pdf"
    )
    assert response.status_code == 200


def test_only_the_holder_can_download_the_pdf(certificate, north_west, national, client_for):
    path = reverse("courses:certificate_pdf", args=[certificate.code])
    assert client_for(None, UserFactory(region=north_west)).get(path).status_code == 404
    # Not even the national team: they check certificates on the verification page.
    assert client_for(None, national).get(path).status_code == 404
    signed_out = client_for(None).get(path)
    assert signed_out.status_code == 302
    assert signed_out["Location"].startswith(reverse("account_login"))


def test_a_revoked_certificate_is_not_handed_out(certificate, holder, national, client_for):
    from courses.services import certificate_revoke

    certificate_revoke(by=national, certificate_id=certificate.pk, reason="Issued in error")
    response = client_for(None, holder).get(
        reverse("courses:certificate_pdf", args=[certificate.code])
    )
    assert response.status_code == 410
    assert response["Content-Type"].startswith("text/html")
    assert "This certificate has been revoked" in response.text
    assert "can no longer be downloaded" in response.text


# --- Public verification ------------------------------------------------------------


@pytest.mark.parametrize("host", ["hub", "north_west", "london"])
def test_anyone_signed_out_can_check_a_certificate_on_any_host(
    host, certificate, regions, client_for
):
    region = None if host == "hub" else regions[host.replace("_", "-")]
    response = client_for(region).get(verify_path(certificate.display_code))
    assert response.status_code == 200
    assert "This certificate is valid" in response.text
    assert "Siân O&#x27;Neill" in response.text
    assert "Personalised care conversations" in response.text
    assert long_date(certificate.issued_at) in response.text


def test_verification_reveals_only_name_module_date_and_status(certificate, holder, client_for):
    response = client_for(None).get(verify_path(certificate.display_code))
    page = main_content(response)
    assert "Siân O&#x27;Neill" in page
    assert holder.email not in page
    assert "sian@" not in page
    assert "2.5" not in page and "CPD" not in page  # no hours, no CPD log
    assert "Personalised Care Institute" not in page
    assert holder.pcn.name not in page and holder.pcn.ccg.name not in page
    assert "Revoke" not in page


def test_verification_pages_are_kept_out_of_search_engines(certificate, client_for):
    client = client_for(None)
    for path in (
        reverse("courses:verify_lookup"),
        verify_path(certificate.display_code),
        verify_path("0" * 20),
    ):
        response = client.get(path)
        assert "noindex" in response["X-Robots-Tag"], path
        assert '<meta name="robots" content="noindex, nofollow">' in response.text, path


def test_a_signed_in_member_of_another_region_can_check_it_on_this_host(
    certificate, north_west, london, client_for
):
    visitor = UserFactory(region=london)
    response = client_for(north_west, visitor).get(verify_path(certificate.display_code))
    assert response.status_code == 200
    assert "This certificate is valid" in response.text


def test_the_form_takes_a_code_with_or_without_dashes_spaces_and_capitals(certificate, client_for):
    client = client_for(None)
    code = certificate.code
    typed = [
        code.lower(),
        certificate.display_code,
        " ".join(code[i : i + 4] for i in range(0, 20, 4)).lower(),
        f"  {certificate.display_code.lower()}  ",
    ]
    for text in typed:
        response = client.get(reverse("courses:verify_lookup"), {"code": text})
        assert response.status_code == 302, text
        assert response["Location"] == verify_path(certificate.display_code)
    # The code's own page normalises too, and reads O as 0 and I or L as 1.
    assert client.get(verify_path(code.lower())).status_code == 200
    if "0" in code or "1" in code:
        confusable = code.replace("0", "O").replace("1", "I")
        assert client.get(verify_path(confusable)).status_code == 200


def test_the_lookup_form_works_signed_out_and_explains_a_malformed_code(client_for):
    client = client_for(None)
    blank = client.get(reverse("courses:verify_lookup"))
    assert blank.status_code == 200
    assert 'method="get"' in blank.text and 'name="code"' in blank.text
    short = client.get(reverse("courses:verify_lookup"), {"code": "ABCD-1234"})
    assert short.status_code == 400
    assert "There is a problem" in short.text
    assert "Enter all 20 letters and numbers" in short.text
    empty = client.get(reverse("courses:verify_lookup"), {"code": ""})
    assert empty.status_code == 400 and "Enter the certificate code" in empty.text


def test_an_unknown_or_near_miss_code_is_a_clear_404(certificate, client_for):
    client = client_for(None)
    last = certificate.code[-1]
    near_miss = certificate.code[:-1] + CODE_ALPHABET[(CODE_ALPHABET.index(last) + 1) % 32]
    for code in (near_miss, "0" * 20, "too-short", "X" * 40):
        response = client.get(verify_path(code))
        assert response.status_code == 404, code
        assert "No certificate has this code" in response.text
        assert "Siân" not in response.text


def test_lookups_are_rate_limited_per_client_address(client_for):
    (_, per_minute, _), *_ = VERIFY_LIMITS
    client = client_for(None)
    for n in range(per_minute):
        code = f"{n:020d}"
        assert client.get(verify_path(code), REMOTE_ADDR="203.0.113.7").status_code == 404
    limited = client.get(verify_path("1" * 20), REMOTE_ADDR="203.0.113.7")
    assert limited.status_code == 429
    assert "Too many checks" in limited.text
    assert limited["Retry-After"] == "60"
    # Another address is counted on its own.
    other = client.get(verify_path("1" * 20), REMOTE_ADDR="198.51.100.4")
    assert other.status_code == 404


# --- Revoking -----------------------------------------------------------------------


def revoke_path(certificate) -> str:
    return reverse("courses:certificate_revoke", args=[certificate.pk])


def test_only_the_national_team_sees_the_revoke_link(certificate, holder, national, client_for):
    path = verify_path(certificate.display_code)
    assert revoke_path(certificate) not in client_for(None, holder).get(path).text
    assert revoke_path(certificate) not in client_for(None).get(path).text
    assert revoke_path(certificate) in client_for(None, national).get(path).text


def test_no_one_but_the_national_team_can_revoke(certificate, holder, north_west, client_for):
    coordinator = UserFactory(region=north_west, role=Role.COORDINATOR)
    for person in (holder, coordinator):
        client = client_for(north_west, person)
        assert client.get(revoke_path(certificate)).status_code == 403
        response = client.post(revoke_path(certificate), {"reason": "Because"})
        assert response.status_code == 403
    signed_out = client_for(None).post(revoke_path(certificate), {"reason": "Because"})
    assert signed_out.status_code == 302
    certificate.refresh_from_db()
    assert not certificate.is_revoked
    assert not AuditEvent.objects.filter(action=AuditAction.CERTIFICATE_REVOKED).exists()


def test_the_form_shows_the_certificate_and_needs_a_short_reason(certificate, national, client_for):
    client = client_for(None, national)
    page = client.get(revoke_path(certificate))
    assert page.status_code == 200
    assert "Siân O&#x27;Neill" in page.text and certificate.display_code in page.text
    blank = client.post(revoke_path(certificate), {"reason": "   "})
    assert blank.status_code == 400
    assert "Say why the certificate is being revoked" in blank.text
    too_long = client.post(revoke_path(certificate), {"reason": "x" * 501})
    assert too_long.status_code == 400
    assert "Keep the reason to 500 characters" in too_long.text
    certificate.refresh_from_db()
    assert not certificate.is_revoked


def test_revoking_is_audited_and_the_check_then_says_revoked_and_when(
    certificate, national, client_for
):
    client = client_for(None, national)
    response = client.post(revoke_path(certificate), {"reason": "Assessment taken by someone else"})
    assert response.status_code == 302
    assert response["Location"] == verify_path(certificate.display_code)
    certificate.refresh_from_db()
    assert certificate.is_revoked and certificate.revoked_by == national
    event = AuditEvent.objects.get(action=AuditAction.CERTIFICATE_REVOKED)
    assert event.actor == national
    assert event.details["certificate"] == certificate.pk

    public = client_for(None).get(verify_path(certificate.display_code))
    assert public.status_code == 200
    assert "This certificate has been revoked" in public.text
    assert f"Revoked on {long_date(certificate.revoked_at)}" in public.text
    assert "This certificate is valid" not in public.text
    assert "Assessment taken by someone else" not in public.text  # the reason stays private
    assert revoke_path(certificate) not in client.get(verify_path(certificate.code)).text

    again = client.post(revoke_path(certificate), {"reason": "Twice"})
    assert again.status_code == 200 and "already been revoked" in again.text
    assert AuditEvent.objects.filter(action=AuditAction.CERTIFICATE_REVOKED).count() == 1


def test_revoking_an_unknown_certificate_is_404(national, client_for):
    assert client_for(None, national).get("/certificates/999999/revoke/").status_code == 404


def test_names_beyond_western_european_letters_print_in_an_embedded_font(holder, client_for):
    """Helvetica, built into PDF readers, has no Ł: it printed as a black box."""
    holder.full_name = "Łukasz Wójcik-Şahin"
    holder.save()
    certificate = complete_module(holder, make_course("Safeguarding adults", lessons=1))
    response = client_for(None, holder).get(
        reverse("courses:certificate_pdf", args=[certificate.code])
    )
    assert "Łukasz Wójcik-Şahin" in pdf_text(response.content)
    page = PdfReader(io.BytesIO(response.content)).pages[0]
    fonts = [font.get_object() for font in page["/Resources"]["/Font"].values()]
    # reportlab's canvas always lists Helvetica; the text is set in an embedded subset.
    assert any(font["/Subtype"] == "/TrueType" for font in fonts)
