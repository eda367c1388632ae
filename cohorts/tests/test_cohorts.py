"""The list of a region's cohorts, creating and changing one, archiving and restoring."""

from datetime import date

import pytest
from django_tenants.utils import tenant_context

from courses.enums import EnrolmentStatus
from learning.audit.enums import AuditAction
from learning.audit.models import AuditEvent

from ..models import Cohort
from .factories import add_members, assign, days_from_today, make_cohort, set_enrolment

pytestmark = pytest.mark.django_db


def date_fields(name: str, value: date | None = None, **parts) -> dict:
    values = {"day": value.day, "month": value.month, "year": value.year} if value else {}
    values.update(parts)
    return {f"{name}_{part}": values.get(part, "") for part in ("day", "month", "year")}


def cohort_data(name="Spring intake", start=date(2027, 3, 1), **parts) -> dict:
    return {"name": name, **date_fields("start_date", start, **parts)}


def test_an_empty_list_says_what_cohorts_are_and_offers_to_create_one(coordinator_client):
    response = coordinator_client.get("/cohorts/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "There are no active cohorts in North West yet." in html
    assert 'href="/cohorts/new/"' in html and "Create a cohort" in html
    assert "<table" not in html


def test_the_list_shows_each_active_cohort_with_its_numbers(
    north_west, coordinator, workers, module, coordinator_client
):
    set_enrolment(workers[0], module, EnrolmentStatus.COMPLETED)
    with tenant_context(north_west):
        spring = make_cohort(by=coordinator, name="Spring intake", start_date=date(2026, 3, 2))
        add_members(spring, workers, by=coordinator)
        assign(spring, module, due=days_from_today(-3))  # Ada completed it; Ben and Cara are late
        assign(spring, due=days_from_today(10))
        make_cohort(by=coordinator, name="Autumn intake", start_date=date(2026, 9, 7))
        old = make_cohort(by=coordinator, name="Last year", start_date=date(2025, 9, 1))
        old.archived_at = old.created_at
        old.save()
    html = coordinator_client.get("/cohorts/").content.decode()
    assert "2 active cohorts" in html
    assert html.index("Autumn intake") < html.index("Spring intake")  # newest start first
    spring_row = html[html.index("Spring intake") :].split("</tr>")[0]
    assert "2 Mar 2026" in spring_row
    assert "Members </span>3<" in spring_row
    assert "2 items" in spring_row
    assert "2 behind" in spring_row
    autumn_row = html[html.index("Autumn intake") :].split("</tr>")[0]
    assert "0 items" in autumn_row and "Behind schedule </span>None" in autumn_row
    assert "Archived cohorts (1)" in html and "Last year" in html


def test_a_coordinator_creates_a_cohort_and_it_is_audited(north_west, coordinator_client):
    form = coordinator_client.get("/cohorts/new/").content.decode()
    assert (
        '<legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Start date</legend>'
        in form
    )
    assert 'inputmode="numeric"' in form
    response = coordinator_client.post("/cohorts/new/", cohort_data(name="  Spring   intake "))
    assert response.status_code == 302
    with tenant_context(north_west):
        cohort = Cohort.objects.get()
    assert (cohort.name, cohort.start_date) == ("Spring intake", date(2027, 3, 1))
    assert response["Location"] == f"/cohorts/{cohort.pk}/members/"
    follow = coordinator_client.get(response["Location"]).content.decode()
    assert "Cohort created: Spring intake." in follow
    event = AuditEvent.objects.get(action=AuditAction.COHORT_CREATED)
    assert event.region_schema == north_west.schema_name
    assert event.details == {"start_date": "2027-03-01"}


@pytest.mark.parametrize(
    ("data", "message", "anchor"),
    [
        (cohort_data(name=""), "Enter a name for the cohort.", "id_name"),
        (cohort_data(name="x" * 121), "Keep the name to 120 characters.", "id_name"),
        (cohort_data(start=None), "Enter the start date.", "id_start_date_0"),
        (cohort_data(start=None, day="1", year="2027"), "The start date must include a month.", "id_start_date_0"),
        (cohort_data(start=None, day="1"), "The start date must include a month and a year.", "id_start_date_0"),
        (cohort_data(start=None, day="31", month="2", year="2027"), "The start date must be a real date.", "id_start_date_0"),
        (cohort_data(start=None, day="1", month="March", year="2027"), "The start date must be a real date, in numbers.", "id_start_date_0"),
        (cohort_data(start=None, day="1", month="3", year="27"), "Year must include 4 numbers", "id_start_date_0"),
    ],
    ids=["no-name", "long-name", "no-date", "no-month", "no-month-year", "31-feb", "words", "short-year"],
)  # fmt: skip
def test_mistakes_are_explained_in_an_error_summary_and_nothing_is_saved(
    north_west, coordinator_client, data, message, anchor
):
    response = coordinator_client.post("/cohorts/new/", data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "<title>Error: Create a cohort" in html
    assert (
        '<h2 class="nhsuk-error-summary__title" id="error-summary-title">There is a problem</h2>'
        in html
    )
    assert f'<a href="#{anchor}">{message}' in html
    with tenant_context(north_west):
        assert not Cohort.objects.exists()


def test_a_second_cohort_with_the_same_name_and_start_date_is_refused(
    north_west, coordinator, coordinator_client
):
    with tenant_context(north_west):
        make_cohort(by=coordinator, name="Spring intake", start_date=date(2027, 3, 1))
    response = coordinator_client.post("/cohorts/new/", cohort_data(name="SPRING INTAKE"))
    assert response.status_code == 400
    assert (
        "There is already a cohort called SPRING INTAKE starting on 1 March 2027. "
        "Give this cohort a different name." in response.content.decode()
    )
    other_day = coordinator_client.post("/cohorts/new/", cohort_data(start=date(2027, 9, 6)))
    assert other_day.status_code == 302
    with tenant_context(north_west):
        assert Cohort.objects.count() == 2


def test_changing_a_cohorts_details(north_west, coordinator, module, coordinator_client):
    with tenant_context(north_west):
        cohort = make_cohort(by=coordinator, name="Spring intake", start_date=date(2027, 3, 1))
        make_cohort(by=coordinator, name="Autumn intake", start_date=date(2027, 9, 6))
        assign(cohort, module, due=date(2027, 4, 1))
    url = f"/cohorts/{cohort.pk}/edit/"
    form = coordinator_client.get(url).content.decode()
    assert 'value="Spring intake"' in form and 'value="2027"' in form
    clash = coordinator_client.post(url, cohort_data(name="Autumn intake", start=date(2027, 9, 6)))
    assert "There is already a cohort called Autumn intake" in clash.content.decode()
    after_due = coordinator_client.post(url, cohort_data(start=date(2027, 4, 2)))
    assert after_due.status_code == 400
    assert (
        "The start date must be on or before the first due date, 1 April 2027."
        in after_due.content.decode()
    )
    response = coordinator_client.post(url, cohort_data(name="Spring 2027", start=date(2027, 3, 8)))
    assert response.status_code == 302
    with tenant_context(north_west):
        cohort.refresh_from_db()
    assert (cohort.name, cohort.start_date) == ("Spring 2027", date(2027, 3, 8))
    event = AuditEvent.objects.get(action=AuditAction.COHORT_CHANGED)
    assert event.details == {
        "name": ["Spring intake", "Spring 2027"],
        "start_date": ["2027-03-01", "2027-03-08"],
    }


def test_archiving_takes_a_cohort_off_the_list_and_freezes_it_until_restored(
    north_west, coordinator, workers, coordinator_client
):
    with tenant_context(north_west):
        cohort = make_cohort(by=coordinator, name="Spring intake")
    response = coordinator_client.post(f"/cohorts/{cohort.pk}/archive/", {"action": "archive"})
    assert response.status_code == 302
    listing = coordinator_client.get("/cohorts/").content.decode()
    assert "There are no active cohorts" in listing and "Archived cohorts (1)" in listing
    assert "(archived)" in coordinator_client.get(f"/cohorts/{cohort.pk}/").content.decode()
    refused = coordinator_client.post(f"/cohorts/{cohort.pk}/members/", {"email": "ada@nhs.net"})
    assert refused.status_code == 400
    assert "This cohort is archived. Restore it before changing it." in refused.content.decode()
    # A new cohort may take the archived one's name and date; restoring then is refused.
    with tenant_context(north_west):
        make_cohort(by=coordinator, name="Spring intake", start_date=cohort.start_date)
    clash = coordinator_client.post(f"/cohorts/{cohort.pk}/archive/", {"action": "restore"})
    follow = coordinator_client.get(clash["Location"]).content.decode()
    assert "There is already an active cohort called Spring intake" in follow
    with tenant_context(north_west):
        Cohort.objects.filter(archived_at=None).delete()
    coordinator_client.post(f"/cohorts/{cohort.pk}/archive/", {"action": "restore"})
    with tenant_context(north_west):
        cohort.refresh_from_db()
    assert cohort.archived_at is None
    assert [e.details for e in AuditEvent.objects.filter(action=AuditAction.COHORT_CHANGED)] == [
        {"archived": False},
        {"archived": True},
    ]


def test_the_list_runs_the_same_queries_for_one_cohort_or_many(
    north_west, coordinator, workers, module, pack, coordinator_client, queries_for
):
    def cohorts(count: int, start: int):
        with tenant_context(north_west):
            for n in range(start, start + count):
                cohort = make_cohort(by=coordinator, name=f"Intake {n}")
                add_members(cohort, workers, by=coordinator)
                assign(cohort, module, due=days_from_today(-n - 1))
                assign(cohort, due=days_from_today(-n - 1))

    cohorts(1, 0)
    coordinator_client.get("/cohorts/")  # warm the menu's cache
    one = queries_for(lambda: coordinator_client.get("/cohorts/"))
    cohorts(6, 1)
    html = coordinator_client.get("/cohorts/").content.decode()
    assert "7 active cohorts" in html and html.count("3 behind") == 7
    assert queries_for(lambda: coordinator_client.get("/cohorts/")) == one
