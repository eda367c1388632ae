"""Adding members one by email or many from a CSV file, and removing them."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django_tenants.utils import tenant_context

from learning.accounts.enums import Role
from learning.accounts.tests.factories import UserFactory
from learning.audit.enums import AuditAction
from learning.audit.models import AuditEvent

from ..models import CohortMember
from .factories import add_members, make_cohort

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort(north_west, coordinator):
    with tenant_context(north_west):
        return make_cohort(by=coordinator)


def member_emails(region, cohort) -> list[str]:
    with tenant_context(region):
        return sorted(
            CohortMember.objects.filter(cohort=cohort).values_list("user__email", flat=True)
        )


def add(client, cohort, email: str):
    return client.post(f"/cohorts/{cohort.pk}/members/", {"email": email})


# --- One by email ------------------------------------------------------------------------


def test_a_coordinator_adds_a_link_worker_of_the_region_by_email(
    north_west, cohort, workers, coordinator_client
):
    response = add(coordinator_client, cohort, "  ADA@nhs.net ")
    assert response.status_code == 302
    assert member_emails(north_west, cohort) == ["ada@nhs.net"]
    page = coordinator_client.get(response["Location"]).content.decode()
    assert "Ada Lovelace is now a member of Spring intake." in page
    assert "1 member" in page and "ada@nhs.net" in page
    event = AuditEvent.objects.get(action=AuditAction.COHORT_MEMBERS_ADDED)
    assert event.details == {"added": ["ada@nhs.net"]}
    assert event.region_schema == north_west.schema_name


@pytest.fixture
def strangers(london, north_west):
    return {
        "coordinator": UserFactory(role=Role.COORDINATOR, region=north_west, email="co@nhs.net"),
        "lead": UserFactory(role=Role.CCG_LEAD, region=north_west, email="lead@nhs.net"),
        "londoner": UserFactory(region=london, email="london@nhs.net"),
        "closed": UserFactory(region=north_west, email="closed@nhs.net", is_active=False),
    }


@pytest.mark.parametrize(
    ("email", "message"),
    [
        ("nobody@nhs.net", "No one has an account with this email address."),
        ("co@nhs.net", "Not a link worker (their role is Learning coordinator)."),
        ("lead@nhs.net", "Not a link worker (their role is CCG social prescribing lead)."),
        ("london@nhs.net", "Works in another region: only link workers whose PCN is in North West"),
        ("closed@nhs.net", "This person&#x27;s account is closed."),
        ("ada@nhs.net", "Already a member of this cohort."),
        ("not-an-email", "Enter an email address in the correct format, like name@example.org."),
        ("", "Enter the work email address of the link worker to add."),
    ],
)
def test_someone_who_cannot_join_is_refused_with_the_reason(
    north_west, cohort, coordinator, workers, strangers, coordinator_client, email, message
):
    with tenant_context(north_west):
        add_members(cohort, workers[:1], by=coordinator)
    response = add(coordinator_client, cohort, email)
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html
    assert message in html
    assert 'href="#id_email"' in html  # the error summary links to the box
    assert 'aria-invalid="true"' in html
    assert member_emails(north_west, cohort) == ["ada@nhs.net"]


def test_removing_asks_first_then_removes_and_audits(
    north_west, cohort, coordinator, workers, coordinator_client
):
    with tenant_context(north_west):
        [membership] = add_members(cohort, workers[:1], by=coordinator)
    url = f"/cohorts/{cohort.pk}/members/{membership.pk}/remove/"
    confirm = coordinator_client.get(url)
    assert confirm.status_code == 200
    assert "Remove Ada Lovelace from this cohort?" in confirm.content.decode()
    assert member_emails(north_west, cohort) == ["ada@nhs.net"]  # asking changes nothing
    response = coordinator_client.post(url)
    assert response.status_code == 302
    assert member_emails(north_west, cohort) == []
    follow = coordinator_client.get(response["Location"]).content.decode()
    assert "Ada Lovelace is no longer a member of Spring intake." in follow
    event = AuditEvent.objects.get(action=AuditAction.COHORT_MEMBER_REMOVED)
    assert event.subject == "ada@nhs.net"
    assert coordinator_client.post(url).status_code == 404  # already gone


def test_a_member_of_another_cohort_cannot_be_removed_through_this_one(
    north_west, cohort, coordinator, workers, coordinator_client
):
    with tenant_context(north_west):
        other = make_cohort(by=coordinator, name="Other intake")
        [membership] = add_members(other, workers[:1], by=coordinator)
    url = f"/cohorts/{cohort.pk}/members/{membership.pk}/remove/"
    assert coordinator_client.get(url).status_code == 404
    assert coordinator_client.post(url).status_code == 404
    assert member_emails(north_west, other) == ["ada@nhs.net"]


# --- Many from a CSV file ----------------------------------------------------------------


def upload(client, cohort, content: bytes, name: str = "members.csv"):
    return client.post(
        f"/cohorts/{cohort.pk}/members/upload/",
        {"file": SimpleUploadedFile(name, content, content_type="text/csv")},
    )


def failure_rows(html: str) -> list[tuple[str, str, str]]:
    cells = re.findall(
        r'aria-hidden="true">(?:Row|Value|Why it was not added) </span>(.*?)</td>', html, re.S
    )
    cleaned = [re.sub(r"<[^>]+>", "", c).strip() for c in cells]
    return [tuple(cleaned[i : i + 3]) for i in range(0, len(cleaned), 3)]


def test_the_upload_page_says_what_happens_to_bad_files_and_bad_rows(cohort, coordinator_client):
    html = coordinator_client.get(f"/cohorts/{cohort.pk}/members/upload/").content.decode()
    assert 'enctype="multipart/form-data"' in html
    assert "no one is added" in html
    assert "everyone who can be added is" in html
    assert "2,000 rows" in html


def test_a_csv_adds_the_good_rows_and_reports_each_bad_one_with_its_row_and_reason(
    north_west, london, cohort, coordinator, workers, coordinator_client
):
    UserFactory(region=london, email="london@nhs.net")
    UserFactory(role=Role.CCG_LEAD, region=north_west, email="lead@nhs.net")
    with tenant_context(north_west):
        add_members(cohort, workers[2:], by=coordinator)  # Cara is already in
    content = (
        "\ufeffEmail\r\n"  # Excel's byte order mark and a header row
        "ada@nhs.net\r\n"
        "\r\n"  # a blank line
        "BEN@NHS.NET\r\n"
        "ada@nhs.net\r\n"  # the same address again
        "not an email\r\n"
        "nobody@nhs.net\r\n"
        "london@nhs.net\r\n"
        "lead@nhs.net\r\n"
        "cara@nhs.net\r\n"
        '"=cmd|calc",extra\r\n'
    ).encode()
    response = upload(coordinator_client, cohort, content)
    assert response.status_code == 200
    html = response.content.decode()
    assert "2 link workers added" in html
    assert member_emails(north_west, cohort) == ["ada@nhs.net", "ben@nhs.net", "cara@nhs.net"]
    assert failure_rows(html) == [
        ("5", "ada@nhs.net", "The same email address as row 2."),
        ("6", "not an email", "Not an email address."),
        ("7", "nobody@nhs.net", "No one has an account with this email address."),
        (
            "8",
            "london@nhs.net",
            "Works in another region: only link workers whose PCN is in North West can join "
            "its cohorts.",
        ),
        (
            "9",
            "lead@nhs.net",
            "Not a link worker (their role is CCG social prescribing lead). Only link workers "
            "can join a cohort.",
        ),
        ("10", "cara@nhs.net", "Already a member of this cohort."),
        (
            "11",
            "=cmd|calc",
            "More than one column: put one email address in each row, in the first column.",
        ),
    ]
    assert "7 rows not added" in html
    event = AuditEvent.objects.get(action=AuditAction.COHORT_MEMBERS_ADDED)
    assert event.details == {"source": "csv", "added": 2, "failed": 7}


def test_a_file_without_a_header_and_with_unix_line_ends_works_too(
    north_west, cohort, workers, coordinator_client
):
    response = upload(coordinator_client, cohort, b"ada@nhs.net\nben@nhs.net\n")
    assert "2 link workers added" in response.content.decode()
    assert "Every row of the file was added." in response.content.decode()
    assert member_emails(north_west, cohort) == ["ada@nhs.net", "ben@nhs.net"]


def good_rows_then(extra: bytes) -> bytes:
    return b"email\nada@nhs.net\nben@nhs.net\n" + extra


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (good_rows_then(b"x@nhs.net\n" * 1999), "The selected file has more than 2,000 rows."),
        (good_rows_then(b" " * (2 * 1024 * 1024)), "The selected file must be smaller than 1 MB."),
        (good_rows_then("caf\u00e9@nhs.net\n".encode("latin-1")), "not saved as UTF-8"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"ada@nhs.net\n", "is not a CSV file"),
        (good_rows_then(b'"unclosed\x00'), "is not a CSV file"),
        (b"email\r\n\r\n,,\r\n", "The selected file has no email addresses in it."),
        (b"", "The selected file is empty."),
    ],
    ids=["2001-rows", "2MB", "latin-1", "binary", "nul", "header-only", "empty"],
)
def test_a_file_that_cannot_be_used_adds_no_one_and_says_why(
    north_west, cohort, workers, coordinator_client, content, message
):
    response = upload(coordinator_client, cohort, content)
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html
    assert message in html
    assert 'href="#id_file"' in html
    assert member_emails(north_west, cohort) == []
    assert not AuditEvent.objects.filter(action=AuditAction.COHORT_MEMBERS_ADDED).exists()


def test_two_thousand_rows_are_accepted_and_read_in_a_few_queries(
    north_west, cohort, workers, coordinator_client, django_assert_max_num_queries
):
    rows = "".join(f"person{n}@nowhere.example\n" for n in range(1998))
    content = f"ada@nhs.net\nben@nhs.net\n{rows}".encode()
    coordinator_client.get(f"/cohorts/{cohort.pk}/members/upload/")  # warm the menu's cache
    with django_assert_max_num_queries(20):
        response = upload(coordinator_client, cohort, content)
    assert response.status_code == 200
    html = response.content.decode()
    assert "2 link workers added" in html
    assert "1998 rows not added" in html
    assert member_emails(north_west, cohort) == ["ada@nhs.net", "ben@nhs.net"]


def test_no_file_is_a_clear_error(cohort, coordinator_client):
    response = coordinator_client.post(f"/cohorts/{cohort.pk}/members/upload/", {})
    assert response.status_code == 400
    assert "Select a CSV file of email addresses." in response.content.decode()
