"""The schedule's rules and places on it, as `webinars.services` keeps them: what a
session must be, who may run it, the calendar sequence, and the waiting list (first
come, first served, whether a place frees because someone cancels or because the
session gets more places)."""

from datetime import datetime, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from learning.accounts.enums import Role
from learning.accounts.tests.factories import UserFactory
from learning.audit.enums import AuditAction
from learning.audit.models import AuditEvent
from learning.mail.models import OutboxMessage
from webinars import services
from webinars.enums import ChangeKind, RegistrationStatus, SessionStatus, Theme
from webinars.models import MAX_CAPACITY, Registration, ScheduleChange, Session

from .factories import SeriesFactory, SessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def national(db):
    return UserFactory(role=Role.NATIONAL, full_name="Nadia Osei")


@pytest.fixture
def coordinator(north_west):
    return UserFactory(role=Role.COORDINATOR, region=north_west, full_name="Priya Nair")


def next_week(hour=10, minutes=60):
    start = (timezone.now() + timedelta(days=7)).replace(
        hour=hour, minute=0, second=0, microsecond=0
    )
    return {"starts_at": start, "ends_at": start + timedelta(minutes=minutes)}


def session_fields(**overrides):
    return {
        "title": "Loneliness in later life",
        "description": "Spotting isolation and what local groups offer.",
        "speakers": "Jo Hart, Age UK",
        "theme": Theme.LONELINESS,
        "join_url": "https://teams.example.org/l/meetup-join/xyz",
        "location": "",
        "capacity": 40,
        **next_week(),
        **overrides,
    }


def errors_of(raised) -> dict:
    return raised.value.message_dict


def register(session, count, **user):
    return [
        services.registration_create(user=UserFactory(**user), session_id=session.pk)
        for _ in range(count)
    ]


def statuses(session) -> dict[int, str]:
    return dict(session.registrations.values_list("user_id", "status"))


# --- What a session must be -------------------------------------------------------------


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"ends_at": next_week()["starts_at"] - timedelta(minutes=30)},
            "ends_at",
            "The end must be after the start.",
        ),
        (next_week(minutes=9 * 60), "ends_at", "A session can last at most 8 hours."),
        (
            {
                "starts_at": timezone.now() - timedelta(hours=1),
                "ends_at": timezone.now() + timedelta(hours=1),
            },
            "starts_at",
            "The start must be in the future.",
        ),
        ({"capacity": 0}, "capacity", "Enter a number of places from 1 to 5,000."),
        ({"capacity": MAX_CAPACITY + 1}, "capacity", "Enter a number of places from 1 to 5,000."),
        (
            {"join_url": "http://teams.example.org/l/x"},
            "join_url",
            "Enter the joining link as it starts: https://",
        ),
        (
            {"join_url": "", "location": "  "},
            "join_url",
            "Enter an online joining link, or a venue for an event in person.",
        ),
    ],
    ids=["end before start", "too long", "start past", "no places", "too many", "http", "nowhere"],
)
def test_a_session_that_breaks_a_rule_is_refused_and_nothing_is_saved(
    national, overrides, field, message
):
    series = SeriesFactory()
    with pytest.raises(ValidationError) as raised:
        services.session_create(actor=national, series=series, **session_fields(**overrides))
    assert errors_of(raised)[field] == [message]
    assert not Session.objects.exists()
    assert not ScheduleChange.objects.exists()
    assert not AuditEvent.objects.filter(action=AuditAction.WEBINAR_SESSION_CREATED).exists()


def test_an_event_in_person_needs_no_joining_link(coordinator, north_west):
    series = SeriesFactory(region=north_west)
    session = services.session_create(
        actor=coordinator,
        series=series,
        region=north_west,
        **session_fields(join_url="", location="The Old Bank, 2 High Street, Wigan"),
    )
    assert session.location == "The Old Bank, 2 High Street, Wigan"
    assert session.region == north_west


def test_a_regional_series_holds_only_that_regions_events(national, north_west, london):
    series = SeriesFactory(region=north_west)
    for region in (None, london):
        with pytest.raises(ValidationError) as raised:
            services.session_create(
                actor=national, series=series, region=region, **session_fields()
            )
        assert "is North West's series" in errors_of(raised)["region"][0]
    assert not Session.objects.exists()


def test_adding_a_session_records_the_change_for_circulation_and_audits_it(national):
    session = services.session_create(actor=national, series=SeriesFactory(), **session_fields())
    change = ScheduleChange.objects.get(session=session)
    assert (change.kind, change.sequence) == (ChangeKind.ADDED, 0)
    # No one is registered yet, so there is no one to email.
    assert change.registrants_notified_at is not None and change.circulation is None
    event = AuditEvent.objects.get(action=AuditAction.WEBINAR_SESSION_CREATED)
    assert (event.actor, event.details) == (national, {"session": session.pk})
    assert session.created_by == national


def test_a_series_gets_a_unique_address_and_is_audited(national, north_west):
    first = services.series_create(actor=national, title="  Welcome webinar ")
    second = services.series_create(actor=national, title="Welcome webinar", region=north_west)
    assert (first.title, first.slug, first.region) == ("Welcome webinar", "welcome-webinar", None)
    assert second.slug == "welcome-webinar-2"
    assert AuditEvent.objects.filter(action=AuditAction.WEBINAR_SERIES_CREATED).count() == 2
    with pytest.raises(ValidationError) as raised:
        services.series_create(actor=national, title="   ")
    assert errors_of(raised) == {"title": ["Enter a title for the series."]}


# --- Who may run what -----------------------------------------------------------------


def test_a_coordinator_runs_only_their_own_regions_events(coordinator, north_west, london):
    with pytest.raises(PermissionDenied):
        services.series_create(actor=coordinator, title="National series")
    with pytest.raises(PermissionDenied):
        services.series_create(actor=coordinator, title="London events", region=london)
    with pytest.raises(PermissionDenied):
        services.session_create(actor=coordinator, series=SeriesFactory(), **session_fields())
    with pytest.raises(PermissionDenied):
        services.session_create(
            actor=coordinator,
            series=SeriesFactory(region=london),
            region=london,
            **session_fields(),
        )
    assert not Session.objects.exists()
    ours = services.series_create(actor=coordinator, title="North West events", region=north_west)
    assert (
        services.session_create(
            actor=coordinator, series=ours, region=north_west, **session_fields()
        ).region
        == north_west
    )


@pytest.mark.parametrize("who", ["coordinator of another region", "link worker", "CCG lead"])
def test_only_those_who_run_a_session_may_change_cancel_or_add_its_materials(who, london):
    session = SessionFactory(region=london, title="Housing in London")
    actor = {
        "coordinator of another region": lambda: UserFactory(role=Role.COORDINATOR),
        "link worker": lambda: UserFactory(region=london),
        "CCG lead": lambda: UserFactory(role=Role.CCG_LEAD, region=london),
    }[who]()
    calls = [
        lambda: services.session_update(actor=actor, session_id=session.pk, title="Taken over"),
        lambda: services.session_cancel(actor=actor, session_id=session.pk, reason="Because"),
        lambda: services.session_publish_materials(
            actor=actor, session_id=session.pk, recording_url="https://x.example/r", slides_url=""
        ),
    ]
    for call in calls:
        with pytest.raises(PermissionDenied):
            call()
    session.refresh_from_db()
    assert (session.title, session.status, session.recording_url) == (
        "Housing in London",
        SessionStatus.SCHEDULED,
        "",
    )


def test_the_national_team_runs_regional_events_too(national, london):
    session = SessionFactory(region=london)
    services.session_update(actor=national, session_id=session.pk, speakers="Kwame Mensah")
    session.refresh_from_db()
    assert session.speakers == "Kwame Mensah"


# --- The calendar sequence ----------------------------------------------------------------


def test_a_change_calendars_show_raises_the_sequence_and_tells_everyone_on_the_session(
    national, on_commit
):
    session = SessionFactory(capacity=1)
    holder, waiting = register(session, 2)
    with on_commit():
        services.session_update(
            actor=national, session_id=session.pk, join_url="https://zoom.example.org/j/42"
        )
    session.refresh_from_db()
    assert session.sequence == 1
    change = session.changes.get(kind=ChangeKind.CHANGED)
    assert (change.sequence, change.summary) == (1, "new joining link")
    assert change.registrants_notified_at is not None
    told = set(
        OutboxMessage.objects.filter(key__contains=":changed:1").values_list("to", flat=True)
    )
    assert told == {holder.registration.user.email, waiting.registration.user.email}


def test_a_change_calendars_do_not_show_leaves_the_sequence_alone(national, on_commit):
    session = SessionFactory()
    register(session, 1)
    with on_commit():
        services.session_update(
            actor=national, session_id=session.pk, speakers="Dr Ade Bello", theme=Theme.HOUSING
        )
    session.refresh_from_db()
    assert (session.sequence, session.speakers, session.theme) == (0, "Dr Ade Bello", "housing")
    assert not session.changes.filter(kind=ChangeKind.CHANGED).exists()
    assert not OutboxMessage.objects.filter(key__contains=":changed:").exists()
    event = AuditEvent.objects.get(action=AuditAction.WEBINAR_SESSION_CHANGED)
    assert sorted(event.details["changed"]) == ["speakers", "theme"]


def test_saving_nothing_new_changes_nothing(national):
    session = SessionFactory()
    services.session_update(actor=national, session_id=session.pk, title=session.title)
    session.refresh_from_db()
    assert session.sequence == 0
    assert not AuditEvent.objects.filter(action=AuditAction.WEBINAR_SESSION_CHANGED).exists()


def test_moving_a_session_says_when_it_now_is_in_uk_time(national):
    session = SessionFactory()
    start = timezone.make_aware(datetime(2031, 7, 1, 14, 0))  # BST: 13:00 UTC
    services.session_update(
        actor=national, session_id=session.pk, starts_at=start, ends_at=start + timedelta(hours=1)
    )
    change = session.changes.get(kind=ChangeKind.CHANGED)
    assert change.summary == "now Tuesday 1 July 2031, 14:00 to 15:00"


def test_cancelling_raises_the_sequence_and_tells_everyone_with_the_reason(national, on_commit):
    session = SessionFactory(capacity=1)
    register(session, 2)  # one with a place, one waiting
    with on_commit():
        services.session_cancel(actor=national, session_id=session.pk, reason="  Speaker unwell ")
    session.refresh_from_db()
    assert (session.status, session.sequence, session.cancellation_reason) == (
        SessionStatus.CANCELLED,
        1,
        "Speaker unwell",
    )
    assert session.changes.get(kind=ChangeKind.CANCELLED).summary == "Speaker unwell"
    assert OutboxMessage.objects.filter(key__contains=":cancelled:1").count() == 2
    with pytest.raises(ValidationError, match="already cancelled"):
        services.session_cancel(actor=national, session_id=session.pk, reason="Again")
    with pytest.raises(ValidationError, match="can no longer be changed"):
        services.session_update(actor=national, session_id=session.pk, title="Back on")


def test_cancelling_needs_a_reason_and_not_a_session_under_way(national):
    session = SessionFactory()
    with pytest.raises(ValidationError) as raised:
        services.session_cancel(actor=national, session_id=session.pk, reason="   ")
    assert "reason" in errors_of(raised)
    under_way = SessionFactory(**{"starts_at": timezone.now() - timedelta(minutes=10)})
    with pytest.raises(ValidationError, match="already started"):
        services.session_cancel(actor=national, session_id=under_way.pk, reason="Too late")
    assert not Session.objects.filter(status=SessionStatus.CANCELLED).exists()


# --- A session under way or over -------------------------------------------------------


def test_a_session_under_way_can_still_have_its_details_changed(national):
    start = timezone.now() - timedelta(minutes=15)
    session = SessionFactory(starts_at=start, ends_at=start + timedelta(hours=1))
    services.session_update(
        actor=national,
        session_id=session.pk,
        join_url="https://teams.example.org/l/new-room",
        ends_at=start + timedelta(minutes=90),
    )
    session.refresh_from_db()
    assert session.join_url == "https://teams.example.org/l/new-room"
    assert session.ends_at == start + timedelta(minutes=90)
    assert session.starts_at == start  # kept, though it is past
    # ...but its start cannot move into the past.
    with pytest.raises(ValidationError) as raised:
        services.session_update(
            actor=national, session_id=session.pk, starts_at=start - timedelta(minutes=5)
        )
    assert errors_of(raised) == {"starts_at": ["The start must be in the future."]}


def test_a_session_that_has_ended_keeps_its_details_but_takes_its_recording(national, on_commit):
    start = timezone.now() - timedelta(hours=3)
    session = SessionFactory(starts_at=start, ends_at=start + timedelta(hours=1))
    with pytest.raises(ValidationError, match="has ended"):
        services.session_update(actor=national, session_id=session.pk, title="Renamed")
    with on_commit():
        services.session_publish_materials(
            actor=national,
            session_id=session.pk,
            recording_url="https://video.example.org/r/1",
            slides_url="https://files.example.org/s/1.pdf",
        )
    session.refresh_from_db()
    assert session.recording_url == "https://video.example.org/r/1"
    with pytest.raises(ValidationError) as raised:
        services.session_publish_materials(
            actor=national, session_id=session.pk, recording_url="http://x.example", slides_url=""
        )
    assert errors_of(raised) == {"recording_url": ["Enter a link that starts https://"]}


def test_the_materials_email_goes_once_to_those_who_had_a_place(national, on_commit):
    session = SessionFactory(capacity=1)
    holder, _waiting = register(session, 2)
    session.starts_at -= timedelta(days=8)
    session.ends_at -= timedelta(days=8)
    session.save()
    for url in ("https://video.example.org/a", "https://video.example.org/b"):
        with on_commit():
            services.session_publish_materials(
                actor=national, session_id=session.pk, recording_url=url, slides_url=""
            )
    sent = OutboxMessage.objects.filter(key__endswith=":materials")
    assert list(sent.values_list("to", flat=True)) == [holder.registration.user.email]


# --- Places and the waiting list ---------------------------------------------------------


def test_places_go_first_come_first_served_then_the_waiting_list_takes_the_rest():
    session = SessionFactory(capacity=2)
    results = register(session, 4)
    assert [r.waiting_position for r in results] == [None, None, 1, 2]
    assert [r.registration.status for r in results] == [
        RegistrationStatus.REGISTERED,
        RegistrationStatus.REGISTERED,
        RegistrationStatus.WAITING,
        RegistrationStatus.WAITING,
    ]


def test_a_freed_place_goes_to_the_first_person_waiting_and_they_are_told(on_commit):
    session = SessionFactory(capacity=2)
    first, _second, third, fourth = (r.registration for r in register(session, 4))
    with on_commit():
        services.registration_cancel(user=first.user, session_id=session.pk)
    third.refresh_from_db()
    fourth.refresh_from_db()
    assert third.status == RegistrationStatus.REGISTERED and third.promoted_at is not None
    assert fourth.status == RegistrationStatus.WAITING
    assert services.waiting_position(fourth) == 1
    assert OutboxMessage.objects.filter(
        key__startswith=f"webinar:{third.pk}:promoted:", to=third.user.email
    ).exists()
    assert not OutboxMessage.objects.filter(key__contains=f"webinar:{fourth.pk}:promoted").exists()


def test_leaving_the_waiting_list_frees_no_place_and_moves_those_behind_up():
    session = SessionFactory(capacity=1)
    _holder, second, third = (r.registration for r in register(session, 3))
    services.registration_cancel(user=second.user, session_id=session.pk)
    third.refresh_from_db()
    assert third.status == RegistrationStatus.WAITING
    assert services.waiting_position(third) == 1


def test_asking_again_after_cancelling_goes_to_the_back_of_the_queue():
    session = SessionFactory(capacity=1)
    holder, second, third = (r.registration for r in register(session, 3))
    services.registration_cancel(user=second.user, session_id=session.pk)
    again = services.registration_create(user=second.user, session_id=session.pk)
    assert again.registration.pk == second.pk  # the same row, queued anew
    assert again.waiting_position == 2
    services.registration_cancel(user=holder.user, session_id=session.pk)
    assert statuses(session)[third.user_id] == RegistrationStatus.REGISTERED
    assert statuses(session)[second.user_id] == RegistrationStatus.WAITING


def test_more_places_go_to_the_waiting_list_in_the_order_people_asked(national, on_commit):
    session = SessionFactory(capacity=1)
    _holder, w1, w2, w3 = (r.registration for r in register(session, 4))
    with on_commit():
        services.session_update(actor=national, session_id=session.pk, capacity=3)
    assert statuses(session)[w1.user_id] == RegistrationStatus.REGISTERED
    assert statuses(session)[w2.user_id] == RegistrationStatus.REGISTERED
    assert statuses(session)[w3.user_id] == RegistrationStatus.WAITING
    promoted = OutboxMessage.objects.filter(key__contains=":promoted:")
    assert set(promoted.values_list("to", flat=True)) == {w1.user.email, w2.user.email}
    # Places are not a calendar detail: no "changed" email on top.
    assert not OutboxMessage.objects.filter(key__contains=":changed:").exists()


def test_fewer_places_than_people_have_is_refused(national):
    session = SessionFactory(capacity=5)
    register(session, 3)
    with pytest.raises(ValidationError) as raised:
        services.session_update(actor=national, session_id=session.pk, capacity=2)
    assert errors_of(raised) == {
        "capacity": ["3 people already have places. Enter 3 or more, or cancel places first."]
    }
    session.refresh_from_db()
    assert session.capacity == 5
    services.session_update(actor=national, session_id=session.pk, capacity=3)
    session.refresh_from_db()
    assert session.capacity == 3


def test_no_one_registers_for_a_cancelled_started_or_other_regions_session(national, london):
    cancelled = SessionFactory()
    services.session_cancel(actor=national, session_id=cancelled.pk, reason="No speaker")
    started = SessionFactory(starts_at=timezone.now() - timedelta(minutes=1))
    regional = SessionFactory(region=london)
    person = UserFactory()  # a North West link worker
    for session, message in (
        (cancelled, "cancelled"),
        (started, "already started"),
        (regional, "for people in London only"),
    ):
        with pytest.raises(ValidationError, match=message):
            services.registration_create(user=person, session_id=session.pk)
    assert not Registration.objects.filter(user=person).exists()


def test_registering_twice_is_refused():
    session = SessionFactory(capacity=1)
    holder, waiting = register(session, 2)
    with pytest.raises(ValidationError, match="already registered"):
        services.registration_create(user=holder.registration.user, session_id=session.pk)
    with pytest.raises(ValidationError, match="already on the waiting list"):
        services.registration_create(user=waiting.registration.user, session_id=session.pk)
    assert session.registrations.count() == 2
