"""Steps of the kind "attend a webinar": the editor's rules, the page a link worker sees (sessions
to book, no button), completion by recorded attendance only, steps published after
people attended, and the task list, coordinators' table and cohort grid agreeing."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from django_tenants.utils import tenant_context

from cohorts.enums import CellStatus
from cohorts.grid import cohort_grid
from cohorts.tests.factories import add_members, assign, days_from_today, make_cohort
from induction.enums import StepKind, StepStatus
from induction.models import InductionStepPage, StepProgress
from induction.selectors import induction_progress_rows, induction_task_list
from induction.services import step_complete
from learning.accounts.enums import Role
from learning.accounts.tests.factories import UserFactory
from webinars.attendance import attendance_mark, attendance_unmark
from webinars.enums import AttendanceSource, RegistrationStatus, SessionStatus
from webinars.models import Attendance, Registration
from webinars.tests.factories import SeriesFactory, SessionFactory

from .factories import make_pack, make_section, make_step

pytestmark = pytest.mark.django_db


@pytest.fixture
def series(db):
    return SeriesFactory(title="Welcome webinar")


@pytest.fixture
def pack(series):
    """One read step and one "attend a webinar" step, both required."""
    pack = make_pack()
    section = make_section(pack, "Getting started")
    make_step(section, "Who social prescribing helps")
    make_step(section, "Join the welcome webinar", StepKind.WEBINAR, series=series)
    return pack


@pytest.fixture
def step(pack) -> InductionStepPage:
    return InductionStepPage.objects.get(kind=StepKind.WEBINAR)


@pytest.fixture
def worker(north_west):
    return UserFactory(region=north_west, full_name="Ada Okoye")


@pytest.fixture
def national(north_west):
    return UserFactory(role=Role.NATIONAL, region=north_west)


def past_session(series, *, days_ago=1):
    start = timezone.now() - timedelta(days=days_ago)
    return SessionFactory(series=series, starts_at=start, ends_at=start + timedelta(hours=1))


def mark(national, session, *people):
    for person in people:
        Registration.objects.create(
            session=session, user=person, status=RegistrationStatus.REGISTERED,
            queued_at=session.starts_at - timedelta(days=1),
        )  # fmt: skip
    attendance_mark(actor=national, session_id=session.pk, user_ids=[p.pk for p in people])


# --- The editor's rules -----------------------------------------------------------------


def step_page(**fields) -> InductionStepPage:
    return InductionStepPage(title="A step", slug="a-step", **fields)


def test_a_webinar_step_needs_its_series(series):
    with pytest.raises(ValidationError) as error:
        step_page(kind=StepKind.WEBINAR).clean()
    assert "webinar_series" in error.value.message_dict
    step_page(kind=StepKind.WEBINAR, webinar_series=series).clean()


def test_only_webinar_steps_have_a_series(series):
    for kind in (StepKind.READ, StepKind.OFFLINE, StepKind.REFLECTION):
        with pytest.raises(ValidationError) as error:
            step_page(kind=kind, webinar_series=series).clean()
        assert error.value.message_dict["webinar_series"] == [
            "Only “Attend a webinar” steps have a webinar series."
        ]


def test_a_webinar_step_cannot_need_sign_off(series):
    with pytest.raises(ValidationError) as error:
        step_page(kind=StepKind.WEBINAR, webinar_series=series, needs_sign_off=True).clean()
    assert "needs_sign_off" in error.value.message_dict


def test_a_series_in_use_by_a_step_cannot_be_deleted(step, series):
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        series.delete()


# --- The step page ------------------------------------------------------------------------


def test_the_page_lists_sessions_to_book_and_has_no_button(
    step, series, worker, client_for, london
):
    now = timezone.now()
    soon = SessionFactory(series=series, title="Welcome, April", starts_at=now + timedelta(days=3))
    later = SessionFactory(series=series, title="Welcome, May", starts_at=now + timedelta(days=30))
    SessionFactory(series=series, title="Welcome, March", starts_at=now - timedelta(days=30),
                   ends_at=now - timedelta(days=30) + timedelta(hours=1))  # fmt: skip
    SessionFactory(series=series, title="Welcome, June", starts_at=now + timedelta(days=60),
                   status=SessionStatus.CANCELLED)  # fmt: skip
    SessionFactory(series=series, title="Welcome, London only", region=london,
                   starts_at=now + timedelta(days=5))  # fmt: skip
    SessionFactory(title="Another series", starts_at=now + timedelta(days=4))

    response = client_for(None, worker).get(step.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Attend a session of Welcome webinar" in html
    assert f'href="/webinars/{soon.pk}/"' in html and f'href="/webinars/{later.pk}/"' in html
    assert html.index("Welcome, April") < html.index("Welcome, May")
    start = timezone.localtime(soon.starts_at)
    assert f"{start:%A} {start.day} {start:%B %Y}, {start:%H:%M} to" in html
    for absent in ("Welcome, March", "Welcome, June", "Welcome, London only", "Another series"):
        assert absent not in html
    assert "Mark as done" not in html
    assert 'method="post"' not in html.split("<main", 1)[1]


def test_with_no_sessions_ahead_it_points_to_the_schedule(step, worker, client_for):
    html = client_for(None, worker).get(step.url).content.decode()
    assert "No sessions of this series are open to you at the moment" in html
    assert 'href="/webinars/"' in html


def test_marking_it_done_by_hand_is_refused(step, worker, client_for):
    response = client_for(None, worker).post(step.url)
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html
    assert "You cannot mark this step as done yourself" in html
    assert not StepProgress.objects.exists()
    with pytest.raises(ValidationError):
        step_complete(user=worker, step=step)
    assert not StepProgress.objects.exists()


def test_attending_completes_it_and_the_page_says_which_session(
    step, series, worker, national, client_for
):
    session = past_session(series)
    mark(national, session, worker)
    html = client_for(None, worker).get(step.url).content.decode()
    assert "You have completed this step" in html
    assert f"You attended {session.title} on" in html
    assert "Attend a session of" not in html


# --- Published after people attended -------------------------------------------------------


def test_a_step_published_later_counts_people_who_already_attended(
    pack, series, worker, national, north_west
):
    bystander = UserFactory(region=north_west)
    mark(national, past_session(series, days_ago=40), worker)
    section = pack.get_children().get().specific
    step = make_step(section, "Go to a welcome webinar", StepKind.WEBINAR, series=series)
    step.save_revision().publish()  # as an editor publishes it
    assert StepProgress.objects.get(user=worker, step=step).status == StepStatus.COMPLETED
    assert not StepProgress.objects.filter(user=bystander, step=step).exists()


def test_pointing_a_step_at_another_series_follows_that_series(
    step, series, worker, national, north_west
):
    other_series = SeriesFactory(title="Money webinars")
    other_attendee = UserFactory(region=north_west)
    mark(national, past_session(series), worker)
    mark(national, past_session(other_series), other_attendee)
    step.webinar_series = other_series
    step.save_revision().publish()
    done = set(StepProgress.objects.filter(step=step).values_list("user_id", flat=True))
    assert done == {other_attendee.pk}


def test_publishing_a_draft_step_completes_it_for_attendees(pack, series, worker, national):
    section = pack.get_children().get().specific
    draft = make_step(section, "A draft webinar step", StepKind.WEBINAR, series=series)
    draft.unpublish()
    mark(national, past_session(series), worker)
    assert not StepProgress.objects.filter(step=draft).exists()  # not live: not counted yet
    draft.save_revision().publish()
    assert StepProgress.objects.get(step=draft, user=worker).status == StepStatus.COMPLETED


# --- Everyone who counts steps agrees -------------------------------------------------------


def test_task_list_coordinators_table_and_cohort_grid_agree(
    pack, series, worker, national, north_west
):
    coordinator = UserFactory(role=Role.COORDINATOR, region=north_west)
    colleague = UserFactory(region=north_west, full_name="Ben Carter")
    read_step = InductionStepPage.objects.get(kind=StepKind.READ)
    for person in (worker, colleague):
        step_complete(user=person, step=read_step)
    session = past_session(series)
    mark(national, session, worker)

    def everyone_says(person) -> set:
        task_list = induction_task_list(user=person, pack=pack)
        rows, total = induction_progress_rows(viewer=coordinator, pack=pack)
        row = rows.get(pk=person.pk)
        with tenant_context(north_west):
            cohort = make_cohort(by=coordinator)
            add_members(cohort, [person], by=coordinator)
            assign(cohort, due=days_from_today(30))
            (grid_row,) = cohort_grid(cohort=cohort).rows
            cohort.delete()
        return {
            (task_list.required_done, task_list.required_total, task_list.is_complete),
            (row.required_done, total, row.required_done == total),
            (
                task_list.required_done,
                task_list.required_total,
                grid_row.cells[0].status == CellStatus.COMPLETED,
            ),
        }

    assert everyone_says(worker) == {(2, 2, True)}
    assert everyone_says(colleague) == {(1, 2, False)}

    attendance_unmark(actor=national, session_id=session.pk, user_ids=[worker.pk])
    assert everyone_says(worker) == {(1, 2, False)}
    assert not Attendance.objects.filter(source=AttendanceSource.MARKED).exists()


# --- The Wagtail admin ---------------------------------------------------------------------


def add_step_form(**changes) -> dict:
    data = {
        "title": "Join a welcome webinar",
        "slug": "join-a-welcome-webinar",
        "kind": StepKind.WEBINAR,
        "required": "on",
        "summary": "",
        "body-count": "0",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
    }
    data.update(changes)
    return data


def test_editors_choose_the_series_in_the_admin(series, national, client_for):
    section = make_section(make_pack(), "Learning with others")
    client = client_for(None, national)
    add_url = f"/admin/pages/add/induction/inductionsteppage/{section.pk}/"
    form = client.get(add_url)
    assert form.status_code == 200
    assert 'name="webinar_series"' in form.content.decode()

    refused = client.post(add_url, add_step_form())
    assert refused.status_code == 200
    assert "Choose the webinar series whose sessions complete this step." in (
        refused.content.decode()
    )
    assert not InductionStepPage.objects.exists()

    saved = client.post(add_url, add_step_form(webinar_series=series.pk))
    assert saved.status_code == 302
    step = InductionStepPage.objects.get()
    assert step.webinar_series == series
    assert client.get(f"/admin/pages/{step.pk}/edit/").status_code == 200
