"""A session's page, taking and giving up a place, the calendar invitation, My
webinars, the calendar feed page and feedback: over HTTP, as a link worker uses them.
Every refusal is a clear message and changes nothing."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from icalendar import Calendar

from learning.accounts.enums import Role
from learning.accounts.tests.factories import UserFactory
from learning.audit.enums import AuditAction
from learning.audit.models import AuditEvent
from webinars.enums import RegistrationStatus, SessionStatus
from webinars.models import FEEDBACK_MAX_LENGTH, Attendance, CalendarFeed, Feedback, Registration
from webinars.services import registration_create
from webinars.tests.factories import SessionFactory

pytestmark = pytest.mark.django_db

JOIN_URL = "https://teams.example.org/l/meetup-join/secret-meeting-42"


@pytest.fixture
def worker(north_west):
    return UserFactory(region=north_west, full_name="Priya Shah")


@pytest.fixture
def client(worker, client_for):
    return client_for(None, worker)


@pytest.fixture
def session():
    return SessionFactory(title="Supporting people with debt", join_url=JOIN_URL, capacity=2)


def page(session) -> str:
    return f"/webinars/{session.pk}/"


def html_of(response) -> str:
    return response.content.decode()


def messages_after(client, response) -> str:
    """The page a redirect leads to, where the message shows."""
    assert response.status_code == 302
    return html_of(client.get(response["Location"]))


def status_of(user, session) -> str | None:
    return (
        Registration.objects.filter(user=user, session=session)
        .values_list("status", flat=True)
        .first()
    )


def ended(**fields):
    start = timezone.now() - timedelta(days=3)
    return SessionFactory(starts_at=start, ends_at=start + timedelta(hours=1), **fields)


# --- The session page ---------------------------------------------------------------


def test_the_page_shows_the_details_in_uk_time_and_the_places_left(client, session):
    html = html_of(client.get(page(session)))
    start = timezone.localtime(session.starts_at)
    assert f"{start:%A} {start.day} {start:%B %Y, %H:%M}</time> to" in html
    assert "When (UK time)" in html
    assert "Amira Khan, Citizens Advice" in html
    assert "2 places left" in html
    assert '<button class="nhsuk-button" type="submit"' in html
    assert "Register</button>" in html
    assert "csrfmiddlewaretoken" in html


def test_the_join_link_is_only_for_people_with_a_place(client, worker, session, client_for):
    waiting_person, outsider = UserFactory(), UserFactory()
    registration_create(user=worker, session_id=session.pk)
    registration_create(user=UserFactory(), session_id=session.pk)
    registration_create(user=waiting_person, session_id=session.pk)

    registered_view = html_of(client.get(page(session)))
    waiting_view = html_of(client_for(None, waiting_person).get(page(session)))
    outsider_view = html_of(client_for(None, outsider).get(page(session)))

    assert f'<a href="{JOIN_URL}" id="join-link"' in registered_view
    assert "You have a place on this session." in registered_view
    assert JOIN_URL not in waiting_view
    assert "You are number 1 on the waiting list." in waiting_view
    assert JOIN_URL not in outsider_view
    assert "Join the waiting list</button>" in outsider_view
    assert "Full \N{EN DASH} join the waiting list" in outsider_view


def test_someone_outside_a_regional_events_audience_gets_not_found(london, client, worker):
    event = SessionFactory(region=london)
    for url in (page(event), f"{page(event)}invitation.ics", f"{page(event)}cancel/"):
        assert client.get(url).status_code == 404
    assert client.post(f"{page(event)}register/").status_code == 404
    assert not Registration.objects.exists()
    assert client.get("/webinars/999999/").status_code == 404


def test_people_who_run_the_session_see_the_link_to_manage_it(
    north_west, session, client_for, client
):
    coordinator = UserFactory(role=Role.COORDINATOR, region=north_west)
    event = SessionFactory(region=north_west)
    manage = f"/webinars/manage/{event.pk}/"
    assert manage in html_of(client_for(None, coordinator).get(page(event)))
    assert manage not in html_of(client.get(page(event)))
    # A national webinar is the national team's.
    national_page = html_of(client_for(None, coordinator).get(page(session)))
    assert f"/webinars/manage/{session.pk}/" not in national_page
    national = UserFactory(role=Role.NATIONAL)
    assert f"/webinars/manage/{session.pk}/" in html_of(
        client_for(None, national).get(page(session))
    )


def test_a_cancelled_session_shows_why_and_offers_no_place(client, worker):
    cancelled = SessionFactory(
        status=SessionStatus.CANCELLED,
        cancelled_at=timezone.now(),
        cancellation_reason="The speaker is unwell; we will run it again in the spring.",
    )
    html = html_of(client.get(page(cancelled)))
    assert "This session is cancelled" in html
    assert "The speaker is unwell; we will run it again in the spring." in html
    assert "Register</button>" not in html
    response = client.post(f"{page(cancelled)}register/")
    assert "This session was cancelled, so you cannot register." in messages_after(client, response)
    assert status_of(worker, cancelled) is None


def test_after_it_ends_everyone_who_could_attend_sees_the_recording(client):
    past = ended(
        recording_url="https://video.example.org/debt", slides_url="https://slides.example.org/debt"
    )
    html = html_of(client.get(page(past)))
    assert '<a href="https://video.example.org/debt"' in html
    assert '<a href="https://slides.example.org/debt"' in html
    assert "Register</button>" not in html
    assert "Tell us what you thought" not in html  # they had no place


# --- Registering ----------------------------------------------------------------------


def test_registering_gives_a_place_and_says_so(client, worker, session):
    response = client.post(f"{page(session)}register/")
    html = messages_after(client, response)
    assert "You have a place on Supporting people with debt" in html
    assert status_of(worker, session) == RegistrationStatus.REGISTERED
    assert "1 place left" in html
    assert JOIN_URL in html


def test_registering_for_a_full_session_puts_them_on_the_waiting_list(client, worker, session):
    for _ in range(3):  # two places, and one person already waiting
        registration_create(user=UserFactory(), session_id=session.pk)
    html = messages_after(client, client.post(f"{page(session)}register/"))
    assert "you are number 2 on the waiting list" in html
    assert status_of(worker, session) == RegistrationStatus.WAITING
    assert (
        Registration.objects.filter(session=session, status=RegistrationStatus.REGISTERED).count()
        == 2
    )


def test_registering_twice_changes_nothing(client, worker, session):
    client.post(f"{page(session)}register/")
    first = Registration.objects.get(user=worker)
    html = messages_after(client, client.post(f"{page(session)}register/"))
    assert "You already have a place on this session." in html
    assert list(Registration.objects.filter(user=worker)) == [first]
    first.refresh_from_db()
    assert first.status == RegistrationStatus.REGISTERED


@pytest.mark.clock
def test_registering_for_a_session_that_has_started_or_ended_is_refused(client, worker):
    past = ended()
    html = messages_after(client, client.post(f"{page(past)}register/"))
    assert "registration has closed" in html
    assert status_of(worker, past) is None


def test_register_only_takes_a_post_with_a_csrf_token(worker, session):
    strict = Client(HTTP_HOST="localhost", enforce_csrf_checks=True)
    strict.force_login(worker, backend="django.contrib.auth.backends.ModelBackend")
    assert strict.post(f"{page(session)}register/").status_code == 403
    assert strict.get(f"{page(session)}register/").status_code == 302
    assert status_of(worker, session) is None


def test_signed_out_people_are_sent_to_sign_in(session, client_for):
    anonymous = client_for(None)
    for url in (
        page(session),
        f"{page(session)}register/",
        "/webinars/mine/",
        "/webinars/calendar/",
    ):
        response = anonymous.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


# --- Cancelling -----------------------------------------------------------------------


def test_cancelling_asks_first_then_frees_the_place_for_the_next_person(
    client, worker, session, client_for
):
    registration_create(user=worker, session_id=session.pk)
    registration_create(user=UserFactory(), session_id=session.pk)
    next_in_line = UserFactory()
    registration_create(user=next_in_line, session_id=session.pk)

    confirm = client.get(f"{page(session)}cancel/")
    assert confirm.status_code == 200
    assert "Are you sure you want to cancel your place?" in html_of(confirm)
    assert "Yes, cancel my place" in html_of(confirm)
    assert status_of(worker, session) == RegistrationStatus.REGISTERED  # GET changes nothing

    html = messages_after(client, client.post(f"{page(session)}cancel/"))
    assert "You have cancelled your place on Supporting people with debt" in html
    assert status_of(worker, session) == RegistrationStatus.CANCELLED
    assert status_of(next_in_line, session) == RegistrationStatus.REGISTERED

    again = messages_after(client, client.post(f"{page(session)}cancel/"))
    assert "nothing to cancel" in again
    assert status_of(worker, session) == RegistrationStatus.CANCELLED


def test_leaving_the_waiting_list(client, worker, session):
    for _ in range(2):
        registration_create(user=UserFactory(), session_id=session.pk)
    registration_create(user=worker, session_id=session.pk)
    assert "Are you sure you want to leave the waiting list?" in html_of(
        client.get(f"{page(session)}cancel/")
    )
    html = messages_after(client, client.post(f"{page(session)}cancel/"))
    assert "You have left the waiting list" in html
    assert status_of(worker, session) == RegistrationStatus.CANCELLED


def test_cancelling_without_a_place_says_there_is_nothing_to_cancel(client, session):
    html = messages_after(client, client.get(f"{page(session)}cancel/"))
    assert "nothing to cancel" in html


def test_a_place_on_a_session_under_way_cannot_be_cancelled(client, worker):
    now = timezone.now()
    under_way = SessionFactory(starts_at=now + timedelta(hours=1), ends_at=now + timedelta(hours=2))
    registration_create(user=worker, session_id=under_way.pk)
    type(under_way).objects.filter(pk=under_way.pk).update(starts_at=now - timedelta(minutes=10))
    html = messages_after(client, client.post(f"{page(under_way)}cancel/"))
    assert "already started" in html
    assert status_of(worker, under_way) == RegistrationStatus.REGISTERED


# --- The calendar invitation ----------------------------------------------------------


def invitation_of(response) -> Calendar:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def test_the_invitation_carries_the_join_link_for_a_place_only(client, worker, session, client_for):
    registration_create(user=worker, session_id=session.pk)
    registration_create(user=UserFactory(), session_id=session.pk)
    waiting = UserFactory()
    registration_create(user=waiting, session_id=session.pk)

    response = client.get(f"{page(session)}invitation.ics")
    assert (
        response["Content-Disposition"] == 'attachment; filename="supporting-people-with-debt.ics"'
    )
    [event] = invitation_of(response).walk("VEVENT")
    assert JOIN_URL in str(event["DESCRIPTION"])

    [event] = invitation_of(client_for(None, waiting).get(f"{page(session)}invitation.ics")).walk(
        "VEVENT"
    )
    assert JOIN_URL not in event.to_ical().decode()

    stranger = client_for(None, UserFactory())
    html = messages_after(stranger, stranger.get(f"{page(session)}invitation.ics"))
    assert "Register for this session first" in html


def test_the_invitation_of_a_cancelled_session_cancels_it(client, worker, session):
    registration_create(user=worker, session_id=session.pk)
    type(session).objects.filter(pk=session.pk).update(
        status=SessionStatus.CANCELLED, cancellation_reason="Speaker unwell.", sequence=1
    )
    calendar = invitation_of(client.get(f"{page(session)}invitation.ics"))
    assert calendar["METHOD"] == "CANCEL"
    [event] = calendar.walk("VEVENT")
    assert event["STATUS"] == "CANCELLED"


# --- Feedback -------------------------------------------------------------------------


def had_place_on(worker, **fields):
    session = SessionFactory(**fields)
    registration_create(user=worker, session_id=session.pk)
    start = timezone.now() - timedelta(days=2)
    type(session).objects.filter(pk=session.pk).update(
        starts_at=start, ends_at=start + timedelta(hours=1)
    )
    session.refresh_from_db()
    return session


def test_feedback_once_it_has_ended_from_someone_who_had_a_place(client, worker):
    past = had_place_on(worker)
    html = html_of(client.get(page(past)))
    assert "Tell us what you thought" in html
    assert 'name="rating"' in html

    response = client.post(f"{page(past)}feedback/", {"rating": "4", "comment": " Practical. "})
    assert "Thank you for your feedback." in messages_after(client, response)
    feedback = Feedback.objects.get()
    assert (feedback.user, feedback.rating, feedback.comment) == (worker, 4, "Practical.")
    assert "You rated this session 4 out of 5" in html_of(client.get(page(past)))

    for data in ({"rating": "1"}, {"rating": "nine"}):
        again = client.post(f"{page(past)}feedback/", data)
        assert "already left feedback" in messages_after(client, again)
    assert Feedback.objects.get().rating == 4


def test_someone_marked_as_attending_can_give_feedback(client, worker):
    past = ended()
    Attendance.objects.create(session=past, user=worker, source="marked")
    assert "Tell us what you thought" in html_of(client.get(page(past)))
    client.post(f"{page(past)}feedback/", {"rating": "5"})
    assert Feedback.objects.filter(user=worker, rating=5).exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Choose how useful the session was, from 1 to 5."),
        ({"rating": "6"}, "Choose how useful the session was, from 1 to 5."),
        ({"rating": "five"}, "Choose how useful the session was, from 1 to 5."),
        (
            {"rating": "3", "comment": "x" * (FEEDBACK_MAX_LENGTH + 1)},
            f"Keep your comment to {FEEDBACK_MAX_LENGTH:,} characters.",
        ),
    ],
)
def test_bad_feedback_is_a_form_error_and_saves_nothing(data, message, client, worker):
    past = had_place_on(worker)
    response = client.post(f"{page(past)}feedback/", data)
    assert response.status_code == 400
    html = html_of(response)
    assert "There is a problem" in html
    assert message in html
    assert not Feedback.objects.exists()


def test_feedback_is_refused_before_the_end_and_from_people_without_a_place(
    client, worker, session
):
    registration_create(user=worker, session_id=session.pk)
    assert "Tell us what you thought" not in html_of(client.get(page(session)))
    html = messages_after(client, client.post(f"{page(session)}feedback/", {"rating": "5"}))
    assert "once the session has ended" in html
    html = messages_after(client, client.post(f"{page(ended())}feedback/", {"rating": "5"}))
    assert "Only people who had a place" in html
    assert not Feedback.objects.exists()


# --- My webinars ----------------------------------------------------------------------


@pytest.mark.clock
def test_my_webinars_lists_places_waiting_positions_and_past_sessions(client, worker):
    place = SessionFactory(title="Housing and homelessness")
    full = SessionFactory(title="Carers' rights", capacity=1)
    registration_create(user=UserFactory(), session_id=full.pk)
    registration_create(user=worker, session_id=place.pk)
    registration_create(user=worker, session_id=full.pk)
    SessionFactory(title="Not booked")
    called_off = SessionFactory(title="Called off")
    registration_create(user=worker, session_id=called_off.pk)
    type(called_off).objects.filter(pk=called_off.pk).update(status=SessionStatus.CANCELLED)
    past = had_place_on(
        worker, title="Loneliness", recording_url="https://video.example.org/lonely"
    )
    given = had_place_on(worker, title="Supervision")
    Feedback.objects.create(session=given, user=worker, rating=5)

    response = client.get("/webinars/mine/")
    assert response.status_code == 200
    html = html_of(response)
    assert "Housing and homelessness" in html and "You have a place" in html
    assert "Carers&#x27; rights" in html and "Waiting list: number 1" in html
    assert "Not booked" not in html
    assert "Called off" in html and "Cancelled</strong>" in html
    assert '<a href="https://video.example.org/lonely"' in html
    assert f"/webinars/{past.pk}/#feedback" in html
    assert f"/webinars/{given.pk}/#feedback" not in html
    assert "Set up your calendar feed" in html


def test_my_webinars_when_there_is_nothing_yet(client):
    html = html_of(client.get("/webinars/mine/"))
    assert "You have no places booked" in html
    assert "Sessions you have been to will be listed here" in html


# --- The calendar feed page -----------------------------------------------------------


def test_the_calendar_page_makes_an_address_only_when_asked(client, worker):
    html = html_of(client.get("/webinars/calendar/"))
    assert "Create my calendar address" in html
    assert not CalendarFeed.objects.exists()  # reading the page writes nothing

    response = client.post("/webinars/calendar/", {"action": "create"})
    html = messages_after(client, response)
    feed = CalendarFeed.objects.get(user=worker)
    assert f"/webinars/calendar/{feed.token}.ics" in html
    assert "webcal://" in html
    assert "Outlook" in html and "Google Calendar" in html and "Apple Calendar" in html

    client.post("/webinars/calendar/", {"action": "create"})  # a second click
    assert list(CalendarFeed.objects.values_list("token", flat=True)) == [feed.token]


def test_revoking_replaces_the_address_and_is_audited(client, worker):
    client.post("/webinars/calendar/", {"action": "create"})
    old = CalendarFeed.objects.get().token
    html = messages_after(client, client.post("/webinars/calendar/", {"action": "revoke"}))
    new = CalendarFeed.objects.get().token
    assert new != old
    assert old not in html and new in html
    assert "stopped working" in html
    assert (
        AuditEvent.objects.filter(action=AuditAction.CALENDAR_FEED_REVOKED, actor=worker).count()
        == 1
    )


def test_revoking_without_an_address_or_an_unknown_action_changes_nothing(client):
    assert "no calendar address to stop" in messages_after(
        client, client.post("/webinars/calendar/", {"action": "revoke"})
    )
    assert "Use one of the buttons" in messages_after(
        client, client.post("/webinars/calendar/", {"action": "delete-everything"})
    )
    assert not CalendarFeed.objects.exists()
    assert not AuditEvent.objects.filter(action=AuditAction.CALENDAR_FEED_REVOKED).exists()
