"""Marking attendance by hand: who may, when, what the page lists, what saving does
(records, removes, audits, completes "attend a webinar" induction steps), and a
query count that does not grow with the list."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from induction.enums import StepKind, StepStatus
from induction.models import StepProgress
from induction.tests.factories import make_pack, make_section, make_step
from learning.accounts.enums import Role
from learning.accounts.tests.factories import UserFactory
from learning.audit.enums import AuditAction
from learning.audit.models import AuditEvent
from webinars import views_attendance
from webinars.attendance import attendance_mark, attendance_save, attendance_unmark
from webinars.enums import AttendanceSource, RegistrationStatus, SessionStatus
from webinars.models import Attendance, Registration

from .factories import SeriesFactory, SessionFactory

pytestmark = pytest.mark.django_db


def started(**fields):
    """A session that began half an hour ago and ends in half an hour."""
    now = timezone.now()
    fields.setdefault("starts_at", now - timedelta(minutes=30))
    fields.setdefault("ends_at", now + timedelta(minutes=30))
    return SessionFactory(**fields)


def register(session, *people, status=RegistrationStatus.REGISTERED):
    for person in people:
        Registration.objects.create(
            session=session, user=person, status=status, queued_at=timezone.now()
        )


def page_url(session) -> str:
    return reverse("webinars:attendance", args=[session.pk])


def attended_ids(session) -> set[int]:
    return set(Attendance.objects.filter(session=session).values_list("user_id", flat=True))


@pytest.fixture
def national(north_west):
    return UserFactory(role=Role.NATIONAL, region=north_west, full_name="Nia National")


@pytest.fixture
def coordinator(north_west):
    return UserFactory(role=Role.COORDINATOR, region=north_west, full_name="Grace Lee")


@pytest.fixture
def people(north_west):
    return [
        UserFactory(
            region=north_west, full_name=name, email=f"{name.split()[0].lower()}@example.org"
        )
        for name in ("Ada Okoye", "Ben Carter", "Cara Dune")
    ]


@pytest.fixture
def event(north_west, people):
    """A North West learning event under way, with three people registered."""
    session = started(region=north_west, title="Housing options in Bolton")
    register(session, *people)
    return session


def test_the_urls_are_the_agreed_ones():
    assert reverse("webinars:attendance", args=[7]) == "/webinars/manage/7/attendance/"
    assert (
        reverse("webinars:attendance_upload", args=[7]) == "/webinars/manage/7/attendance/upload/"
    )


def test_signed_out_people_are_sent_to_sign_in(event, client_for):
    for url in (page_url(event), reverse("webinars:attendance_upload", args=[event.pk])):
        response = client_for(None).get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))


def test_only_people_who_run_the_session_find_it(event, people, london, client_for):
    outsiders = [
        people[0],  # a link worker registered for it
        UserFactory(role=Role.COORDINATOR, region=london),  # another region's coordinator
        UserFactory(role=Role.CCG_LEAD, region=event.region),
    ]
    for outsider in outsiders:
        client = client_for(None, outsider)
        assert client.get(page_url(event)).status_code == 404
        response = client.post(
            page_url(event), {"shown": [people[0].pk], "attended": [people[0].pk]}
        )
        assert response.status_code == 404
    assert not Attendance.objects.exists()


def test_a_session_that_does_not_exist_is_not_found(national, client_for):
    client = client_for(None, national)
    assert client.get(reverse("webinars:attendance", args=[999999])).status_code == 404
    assert client.get(reverse("webinars:attendance_upload", args=[999999])).status_code == 404


def test_a_coordinator_runs_their_regions_events_but_not_national_webinars(
    event, coordinator, client_for
):
    client = client_for(None, coordinator)
    assert client.get(page_url(event)).status_code == 200
    assert client.get(page_url(started())).status_code == 404


def test_the_national_team_runs_every_session(event, national, client_for):
    client = client_for(None, national)
    assert client.get(page_url(event)).status_code == 200
    assert client.get(page_url(started())).status_code == 200


def test_the_page_lists_people_with_places_and_anyone_recorded(
    event, people, coordinator, north_west, client_for
):
    waiting, gave_up, walked_in = (
        UserFactory(region=north_west, full_name=name)
        for name in ("Wes Waiting", "Gil Gone", "Ola Walkin")
    )
    register(event, waiting, status=RegistrationStatus.WAITING)
    register(event, gave_up, status=RegistrationStatus.CANCELLED)
    Attendance.objects.create(
        session=event, user=walked_in, source=AttendanceSource.UPLOAD, minutes=42
    )
    html = client_for(north_west, coordinator).get(page_url(event)).content.decode()
    for person in people:
        assert f'name="attended" type="checkbox" value="{person.pk}"' in html
        assert person.full_name in html
    assert f'value="{walked_in.pk}" aria-describedby="attended-{walked_in.pk}-hint" checked' in html
    assert "Not registered; recorded from an attendance report, 42 minutes" in html
    assert "Wes Waiting" not in html and "Gil Gone" not in html
    assert '<dd class="nhsuk-summary-list__value">3</dd>' in html  # registered
    assert '<dd class="nhsuk-summary-list__value" id="attended-count">1</dd>' in html
    assert reverse("webinars:attendance_upload", args=[event.pk]) in html
    assert 'enctype="multipart/form-data"' in html


def test_saving_records_the_ticked_and_removes_the_unticked_and_audits_both(
    event, people, coordinator, client_for
):
    ada, ben, cara = people
    Attendance.objects.create(session=event, user=cara, source=AttendanceSource.MARKED)
    client = client_for(None, coordinator)
    response = client.post(
        page_url(event), {"shown": [ada.pk, ben.pk, cara.pk], "attended": [ada.pk, ben.pk]}
    )
    assert response.status_code == 302
    assert response["Location"] == page_url(event)
    assert attended_ids(event) == {ada.pk, ben.pk}
    record = Attendance.objects.get(session=event, user=ada)
    assert record.source == AttendanceSource.MARKED
    assert record.recorded_by == coordinator
    assert record.minutes is None
    recorded = AuditEvent.objects.get(action=AuditAction.WEBINAR_ATTENDANCE_RECORDED)
    assert recorded.details == {"session": event.pk, "source": "marked", "recorded": 2}
    assert recorded.actor == coordinator
    removed = AuditEvent.objects.get(action=AuditAction.WEBINAR_ATTENDANCE_REMOVED)
    assert removed.details == {"session": event.pk, "removed": 1}
    page = client.get(page_url(event)).content.decode()
    assert "Attendance saved: 2 people recorded and 1 removed." in page


def test_saving_again_changes_nothing_and_says_so(event, people, coordinator, client_for):
    ada = people[0]
    client = client_for(None, coordinator)
    shown = [p.pk for p in people]
    client.post(page_url(event), {"shown": shown, "attended": [ada.pk]})
    first = Attendance.objects.get(user=ada)
    response = client.post(page_url(event), {"shown": shown, "attended": [ada.pk]}, follow=True)
    assert "Attendance saved. Nothing changed." in response.content.decode()
    assert Attendance.objects.get(user=ada).recorded_at == first.recorded_at
    assert AuditEvent.objects.filter(action=AuditAction.WEBINAR_ATTENDANCE_RECORDED).count() == 1


@pytest.mark.parametrize(
    "make_session, message",
    [
        (
            lambda: SessionFactory(),  # next week
            "This session has not started yet. You can record attendance once it has begun.",
        ),
        (
            lambda: SessionFactory(status=SessionStatus.CANCELLED, cancelled_at=timezone.now()),
            "This session was cancelled, so there is no attendance to record.",
        ),
    ],
    ids=["not started", "cancelled"],
)
def test_no_attendance_before_a_session_starts_or_for_a_cancelled_one(
    make_session, message, national, people, client_for
):
    session = make_session()
    register(session, people[0])
    client = client_for(None, national)
    page = client.get(page_url(session))
    assert page.status_code == 200
    html = page.content.decode()
    assert message in html
    assert 'name="attended"' not in html and 'type="file"' not in html
    response = client.post(page_url(session), {"shown": [people[0].pk], "attended": [people[0].pk]})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert "There is a problem" in response.content.decode()
    with pytest.raises(ValidationError, match="attendance"):
        attendance_mark(actor=national, session_id=session.pk, user_ids=[people[0].pk])
    assert not Attendance.objects.exists()
    assert not AuditEvent.objects.filter(action=AuditAction.WEBINAR_ATTENDANCE_RECORDED).exists()


def test_ticking_someone_without_a_place_changes_nothing(
    event, people, coordinator, north_west, client_for
):
    ada, _, cara = people
    Attendance.objects.create(session=event, user=cara, source=AttendanceSource.MARKED)
    stranger = UserFactory(region=north_west)
    response = client_for(None, coordinator).post(
        page_url(event),
        {"shown": [ada.pk, cara.pk, stranger.pk], "attended": [ada.pk, stranger.pk]},
    )
    assert response.status_code == 400
    assert "not registered for this session" in response.content.decode()
    assert attended_ids(event) == {cara.pk}  # neither Ada added nor Cara removed


@pytest.mark.parametrize(
    "data, message",
    [
        ({"shown": ["1"], "attended": ["2"]}, "Tick only people in the list"),
        ({"shown": ["1", "x"], "attended": []}, "The list was changed"),
        ({"attended": []}, "The list was empty"),
    ],
    ids=["ticked but not shown", "not a number", "nothing shown"],
)
def test_a_tampered_form_gets_a_message_and_changes_nothing(
    data, message, event, people, coordinator, client_for
):
    Attendance.objects.create(session=event, user=people[0], source=AttendanceSource.MARKED)
    response = client_for(None, coordinator).post(page_url(event), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert "nhsuk-error-summary" in html
    assert attended_ids(event) == {people[0].pk}


def test_services_refuse_people_who_do_not_run_the_session(event, people, london):
    outsider = UserFactory(role=Role.COORDINATOR, region=london)
    for service in (attendance_mark, attendance_unmark):
        with pytest.raises(PermissionDenied):
            service(actor=outsider, session_id=event.pk, user_ids=[people[0].pk])
    assert not Attendance.objects.exists()


def test_saving_one_page_touches_only_the_people_on_it(
    event, people, coordinator, client_for, monkeypatch
):
    monkeypatch.setattr(views_attendance, "PAGE_SIZE", 2)
    ada, _, cara = people  # by name: Ada and Ben on page 1, Cara on page 2
    Attendance.objects.create(session=event, user=ada, source=AttendanceSource.MARKED)
    client = client_for(None, coordinator)
    second = client.get(page_url(event) + "?page=2").content.decode()
    assert f'value="{cara.pk}"' in second and f'value="{ada.pk}"' not in second
    assert "Saving changes only the 1 people on this page" in second
    response = client.post(page_url(event) + "?page=2", {"shown": [cara.pk], "attended": [cara.pk]})
    assert response["Location"] == page_url(event) + "?page=2"
    assert attended_ids(event) == {ada.pk, cara.pk}


def test_the_page_reads_in_the_same_queries_for_few_or_many_people(
    event, coordinator, north_west, client_for, queries_for, django_assert_max_num_queries
):
    client = client_for(None, coordinator)
    client.get(page_url(event))  # warm the menu's caches
    few = queries_for(lambda: client.get(page_url(event)))
    crowd = [UserFactory(region=north_west) for _ in range(30)]
    register(event, *crowd)
    for person in crowd[:10]:
        Attendance.objects.create(session=event, user=person, source=AttendanceSource.MARKED)
    many = queries_for(lambda: client.get(page_url(event)))
    assert many == few
    with django_assert_max_num_queries(14):
        response = client.get(page_url(event))
    assert response.content.decode().count('name="attended"') == 33


def test_saving_many_people_takes_a_fixed_number_of_queries(
    event, coordinator, north_west, client_for, queries_for
):
    client = client_for(None, coordinator)

    def save_everyone():
        shown = [p.pk for p in attendance_people_of(event)]
        return client.post(page_url(event), {"shown": shown, "attended": shown})

    save_everyone()  # warm the caches a request reads
    Attendance.objects.all().delete()
    few = queries_for(save_everyone)
    Attendance.objects.all().delete()
    register(event, *(UserFactory(region=north_west) for _ in range(25)))
    many = queries_for(save_everyone)
    assert many == few
    assert Attendance.objects.filter(session=event).count() == 28


def attendance_people_of(session):
    from webinars.attendance import attendance_people

    return list(attendance_people(session))


# --- Induction: "attend a webinar" steps ---------------------------------------------


@pytest.fixture
def webinar_steps(event):
    """A pack with a live step for the event's series, one for another series, and
    an unpublished one for the event's series."""
    pack = make_pack()
    section = make_section(pack, "Learning with others")
    ours = make_step(section, "Attend a housing webinar", StepKind.WEBINAR, series=event.series)
    other = make_step(
        section, "Attend the welcome webinar", StepKind.WEBINAR, series=SeriesFactory()
    )
    draft = make_step(section, "Attend another", StepKind.WEBINAR, series=event.series)
    draft.unpublish()
    return ours, other, draft


def test_recording_attendance_completes_the_series_live_steps(
    event, people, coordinator, webinar_steps
):
    ours, other, draft = webinar_steps
    ada, ben, _ = people
    attendance_save(
        actor=coordinator,
        session_id=event.pk,
        shown_ids=[ada.pk, ben.pk],
        attended_ids=[ada.pk],
    )
    progress = StepProgress.objects.get(user=ada, step=ours)
    assert progress.status == StepStatus.COMPLETED
    assert progress.completed_at is not None
    assert not StepProgress.objects.filter(user=ben).exists()
    assert not StepProgress.objects.filter(step__in=[other, draft]).exists()


def test_a_step_already_completed_keeps_its_date(event, people, coordinator, webinar_steps):
    ours = webinar_steps[0]
    ada = people[0]
    earlier = timezone.now() - timedelta(days=30)
    StepProgress.objects.create(
        user=ada, step=ours, status=StepStatus.COMPLETED, completed_at=earlier
    )
    attendance_mark(actor=coordinator, session_id=event.pk, user_ids=[ada.pk])
    assert StepProgress.objects.get(user=ada, step=ours).completed_at == earlier


def test_taking_attendance_back_reopens_the_step_unless_another_session_counts(
    event, people, coordinator, webinar_steps, north_west
):
    ours = webinar_steps[0]
    ada, ben, _ = people
    attendance_mark(actor=coordinator, session_id=event.pk, user_ids=[ada.pk, ben.pk])
    earlier = started(
        region=north_west,
        series=event.series,
        starts_at=timezone.now() - timedelta(days=7),
        ends_at=timezone.now() - timedelta(days=7) + timedelta(hours=1),
    )
    register(earlier, ben)
    attendance_mark(actor=coordinator, session_id=earlier.pk, user_ids=[ben.pk])
    attendance_unmark(actor=coordinator, session_id=event.pk, user_ids=[ada.pk, ben.pk])
    assert not StepProgress.objects.filter(user=ada, step=ours).exists()
    assert StepProgress.objects.get(user=ben, step=ours).status == StepStatus.COMPLETED
