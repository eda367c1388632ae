"""Assigning the induction pack and modules to a cohort, with due dates."""

from datetime import date

import pytest
from django_tenants.utils import tenant_context

from courses.tests.factories import make_course
from learning.audit.enums import AuditAction
from learning.audit.models import AuditEvent

from ..enums import AssignmentKind
from ..models import CohortAssignment
from .factories import assign, make_cohort

pytestmark = pytest.mark.django_db

START = date(2027, 3, 1)


@pytest.fixture
def cohort(north_west, coordinator):
    with tenant_context(north_west):
        return make_cohort(by=coordinator, start_date=START)


def due(value: date | None = None, **parts) -> dict:
    values = {"day": value.day, "month": value.month, "year": value.year} if value else {}
    values.update(parts)
    return {f"due_date_{part}": values.get(part, "") for part in ("day", "month", "year")}


def assignments(region, cohort) -> list[tuple[str, int | None, date]]:
    with tenant_context(region):
        return list(
            CohortAssignment.objects.filter(cohort=cohort)
            .order_by("pk")
            .values_list("kind", "course_id", "due_date")
        )


def test_the_induction_pack_and_live_modules_can_be_assigned_once_each(
    north_west, cohort, pack, module, second_module, coordinator_client
):
    url = f"/cohorts/{cohort.pk}/learning/"
    page = coordinator_client.get(url).content.decode()
    assert '<option value="induction">Induction pack</option>' in page
    assert f'<option value="course-{module.pk}">{module.title}</option>' in page
    response = coordinator_client.post(url, {"item": f"course-{module.pk}", **due(START)})
    assert response.status_code == 302
    follow = coordinator_client.get(url).content.decode()
    assert f"Assigned: {module.title}, due 1 March 2027." in follow
    assert f'value="course-{module.pk}"' not in follow  # not offered twice
    coordinator_client.post(url, {"item": "induction", **due(date(2027, 5, 31))})
    assert assignments(north_west, cohort) == [
        (AssignmentKind.COURSE, module.pk, START),
        (AssignmentKind.INDUCTION, None, date(2027, 5, 31)),
    ]
    page = coordinator_client.get(url).content.decode()
    assert "2 items assigned" in page and "31 May 2027" in page
    assert 'value="induction"' not in page
    again = coordinator_client.post(url, {"item": f"course-{module.pk}", **due(START)})
    assert again.status_code == 400
    assert (
        "Choose the induction pack or a module that is not assigned yet." in again.content.decode()
    )
    events = AuditEvent.objects.filter(action=AuditAction.COHORT_ASSIGNED)
    assert [e.details for e in events.order_by("pk")] == [
        {"change": "assigned", "item": module.title, "due_date": "2027-03-01"},
        {"change": "assigned", "item": "Induction pack", "due_date": "2027-05-31"},
    ]


def test_an_unpublished_module_or_an_unpublished_pack_is_not_offered(
    north_west, cohort, module, coordinator_client
):
    draft = make_course("Draft module", lessons=1, questions=1)
    draft.unpublish()
    url = f"/cohorts/{cohort.pk}/learning/"
    page = coordinator_client.get(url).content.decode()
    assert "Draft module" not in page and 'value="induction"' not in page  # no pack published
    forged = coordinator_client.post(url, {"item": f"course-{draft.pk}", **due(START)})
    assert forged.status_code == 400
    assert coordinator_client.post(url, {"item": "induction", **due(START)}).status_code == 400
    assert assignments(north_west, cohort) == []


@pytest.mark.parametrize(
    ("dates", "message"),
    [
        (due(), "Enter the due date."),
        (due(date(2027, 2, 28)), "The due date must be on or after the cohort&#x27;s start date, 1 March 2027."),
        (due(day="30", month="2", year="2027"), "The due date must be a real date."),
        (due(day="12", month="13", year="2027"), "The due date must be a real date."),
        (due(month="4", year="2027"), "The due date must include a day."),
        (due(day="-1", month="4", year="2027"), "The due date must be a real date, in numbers."),
        (due(day="²", month="4", year="2027"), "The due date must be a real date, in numbers."),
        (due(day="1" * 5000, month="4", year="2027"), "The due date must be a real date, in numbers."),
    ],
    ids=["blank", "before-start", "30-feb", "month-13", "no-day", "negative", "superscript", "huge"],
)  # fmt: skip
def test_a_due_date_must_be_a_real_date_on_or_after_the_start(
    north_west, cohort, module, coordinator_client, dates, message
):
    response = coordinator_client.post(
        f"/cohorts/{cohort.pk}/learning/", {"item": f"course-{module.pk}", **dates}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert f'<a href="#id_due_date_0">{message}</a>' in html
    assert "nhsuk-input--error" in html
    assert assignments(north_west, cohort) == []


def test_changing_a_due_date(north_west, cohort, module, coordinator_client):
    with tenant_context(north_west):
        assignment = assign(cohort, module, due=date(2027, 4, 1))
    url = f"/cohorts/{cohort.pk}/learning/{assignment.pk}/"
    form = coordinator_client.get(url).content.decode()
    assert f"When is {module.title} due?" in form and 'value="4"' in form
    early = coordinator_client.post(url, due(date(2027, 1, 1)))
    assert early.status_code == 400
    assert "on or after the cohort&#x27;s start date" in early.content.decode()
    response = coordinator_client.post(url, due(date(2027, 4, 15)))
    assert response.status_code == 302
    assert assignments(north_west, cohort) == [("course", module.pk, date(2027, 4, 15))]
    event = AuditEvent.objects.get(action=AuditAction.COHORT_ASSIGNED)
    assert event.details == {
        "change": "due date",
        "item": module.title,
        "due_date": ["2027-04-01", "2027-04-15"],
    }


def test_removing_an_assignment_asks_first(north_west, cohort, module, coordinator_client):
    with tenant_context(north_west):
        assignment = assign(cohort, module, due=date(2027, 4, 1))
    url = f"/cohorts/{cohort.pk}/learning/{assignment.pk}/remove/"
    confirm = coordinator_client.get(url).content.decode()
    assert f"Stop assigning {module.title} to this cohort?" in confirm
    assert len(assignments(north_west, cohort)) == 1
    response = coordinator_client.post(url)
    assert response.status_code == 302
    assert assignments(north_west, cohort) == []
    follow = coordinator_client.get(response["Location"]).content.decode()
    assert f"{module.title} is no longer assigned to Spring intake." in follow
    assert AuditEvent.objects.get(action=AuditAction.COHORT_ASSIGNED).details == {
        "change": "removed",
        "item": module.title,
    }


def test_an_assignment_of_another_cohort_is_not_found_through_this_one(
    north_west, coordinator, cohort, module, coordinator_client
):
    with tenant_context(north_west):
        other = make_cohort(by=coordinator, name="Other intake")
        theirs = assign(other, module, due=date(2027, 4, 1))
    for path in (f"{theirs.pk}/", f"{theirs.pk}/remove/", "999999/", "999999/remove/"):
        url = f"/cohorts/{cohort.pk}/learning/{path}"
        assert coordinator_client.get(url).status_code == 404
        assert coordinator_client.post(url, due(date(2027, 5, 1))).status_code == 404
    assert assignments(north_west, other) == [("course", module.pk, date(2027, 4, 1))]
