"""Calendar files read back as a calendar app reads them (icalendar's parser): the
invitation and the private feed, across changes, cancellations and the UK's clock
changes; and the feed's address, which is its only credential."""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone
from icalendar import Calendar

from learning.accounts.enums import Role
from learning.accounts.tests.factories import UserFactory
from webinars.enums import RegistrationStatus, SessionStatus
from webinars.models import CalendarFeed, Registration, Session
from webinars.services import (
    calendar_feed_create,
    calendar_feed_revoke,
    registration_cancel,
    registration_create,
    session_cancel,
    session_update,
)
from webinars.tests.factories import SessionFactory

pytestmark = pytest.mark.django_db

JOIN_URL = "https://teams.example.org/l/meetup-join/only-for-places"


@pytest.fixture
def worker(north_west):
    return UserFactory(region=north_west)


@pytest.fixture
def national():
    return UserFactory(role=Role.NATIONAL)


def invitation(client, session) -> Calendar:
    response = client.get(f"/webinars/{session.pk}/invitation.ics")
    assert response.status_code == 200
    return Calendar.from_ical(response.content)


def the_event(calendar: Calendar):
    [event] = calendar.walk("VEVENT")
    return event


def feed_url(feed) -> str:
    return f"/webinars/calendar/{feed.token}.ics"


def read_feed(client, feed) -> Calendar:
    response = client.get(feed_url(feed))
    assert response.status_code == 200, response.content
    return Calendar.from_ical(response.content)


def events_by_uid(calendar: Calendar) -> dict:
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def uid_of(session) -> str:
    return f"{session.uid}@webinars.link-worker-learning.nhs.uk"


def placed(user, session, *, status=RegistrationStatus.REGISTERED):
    """A registration made directly, for sessions whose time has passed."""
    return Registration.objects.create(
        session=session, user=user, status=status, queued_at=timezone.now()
    )


# --- The invitation ---------------------------------------------------------------------


def test_the_invitation_is_in_uk_time_with_its_timezone(worker, client_for):
    session = SessionFactory(join_url=JOIN_URL)
    registration_create(user=worker, session_id=session.pk)
    calendar = invitation(client_for(None, worker), session)
    [zone] = calendar.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Europe/London"
    event = the_event(calendar)
    assert event["DTSTART"].params["TZID"] == "Europe/London"
    assert event.decoded("DTSTART") == session.starts_at
    assert event.decoded("DTEND") == session.ends_at
    assert calendar["METHOD"] == "PUBLISH"
    assert JOIN_URL in str(event["DESCRIPTION"])


# 10:00 in the UK on the working days either side of each clock change: 10:00 UTC in
# winter (GMT), 09:00 UTC in summer (BST).
CLOCK_CHANGES = [
    ("Friday before 29 March 2026", datetime(2026, 3, 27, 10, tzinfo=UTC)),
    ("Monday after 29 March 2026", datetime(2026, 3, 30, 9, tzinfo=UTC)),
    ("Friday before 25 October 2026", datetime(2026, 10, 23, 9, tzinfo=UTC)),
    ("Monday after 25 October 2026", datetime(2026, 10, 26, 10, tzinfo=UTC)),
    ("Friday before 28 March 2027", datetime(2027, 3, 26, 10, tzinfo=UTC)),
    ("Monday after 28 March 2027", datetime(2027, 3, 29, 9, tzinfo=UTC)),
    ("Friday before 31 October 2027", datetime(2027, 10, 29, 9, tzinfo=UTC)),
    ("Monday after 31 October 2027", datetime(2027, 11, 1, 10, tzinfo=UTC)),
]


@pytest.mark.parametrize(("when", "start"), CLOCK_CHANGES, ids=[c[0] for c in CLOCK_CHANGES])
def test_times_read_back_as_the_stored_instants_across_the_clock_changes(
    when, start, worker, client_for
):
    # The factory saves directly, so sessions in the past are fine here.
    session = SessionFactory(starts_at=start, ends_at=start + timedelta(hours=1, minutes=30))
    placed(worker, session)

    event = the_event(invitation(client_for(None, worker), session))

    assert event.decoded("DTSTART") == start
    assert event.decoded("DTEND") == start + timedelta(hours=1, minutes=30)
    # ...and written as the UK wall-clock time, which a calendar shows.
    assert (
        event["DTSTART"].to_ical()
        == start.astimezone(timezone.get_default_timezone())
        .replace(tzinfo=None)
        .strftime("%Y%m%dT%H%M%S")
        .encode()
    )
    assert b"T100000" in event["DTSTART"].to_ical()


def test_a_change_keeps_the_uid_and_raises_the_sequence(worker, national, client_for):
    session = SessionFactory()
    registration_create(user=worker, session_id=session.pk)
    client = client_for(None, worker)
    before = the_event(invitation(client, session))

    new_start = session.starts_at + timedelta(days=1)
    session_update(
        actor=national,
        session_id=session.pk,
        title="Supporting people with debt (moved)",
        starts_at=new_start,
        ends_at=new_start + timedelta(hours=1),
    )
    after = the_event(invitation(client, session))

    assert str(after["UID"]) == str(before["UID"]) == uid_of(session)
    assert after["SEQUENCE"] == before["SEQUENCE"] + 1
    assert str(after["SUMMARY"]) == "Supporting people with debt (moved)"
    assert after.decoded("DTSTART") == new_start


def test_after_a_cancellation_the_invitation_and_the_feed_cancel_the_event(
    worker, national, client_for
):
    session = SessionFactory()
    registration_create(user=worker, session_id=session.pk)
    feed = calendar_feed_create(user=worker)
    client = client_for(None, worker)
    sequence = the_event(invitation(client, session))["SEQUENCE"]

    session_cancel(actor=national, session_id=session.pk, reason="The speaker is unwell.")

    calendar = invitation(client, session)
    assert calendar["METHOD"] == "CANCEL"
    event = the_event(calendar)
    assert event["STATUS"] == "CANCELLED"
    assert event["SEQUENCE"] > sequence
    assert str(event["UID"]) == uid_of(session)
    in_feed = events_by_uid(read_feed(client_for(None), feed))[uid_of(session)]
    assert in_feed["STATUS"] == "CANCELLED"
    assert in_feed["SEQUENCE"] == event["SEQUENCE"]


# --- The feed ---------------------------------------------------------------------------


def test_the_feed_carries_the_persons_sessions_with_the_join_link_only_where_they_have_a_place(
    worker, client_for
):
    now = timezone.now()
    with_place = SessionFactory(title="With a place", join_url=JOIN_URL, capacity=1)
    waiting = SessionFactory(title="Waiting", join_url=JOIN_URL, capacity=1)
    registration_create(user=UserFactory(), session_id=waiting.pk)
    registration_create(user=worker, session_id=with_place.pk)
    registration_create(user=worker, session_id=waiting.pk)
    cancelled_session = SessionFactory(
        title="Cancelled by the organisers", status=SessionStatus.CANCELLED
    )
    placed(worker, cancelled_session)
    given_up = SessionFactory(title="Given up")
    registration_create(user=worker, session_id=given_up.pk)
    registration_cancel(user=worker, session_id=given_up.pk)
    SessionFactory(title="Someone else's")
    last_month = SessionFactory(title="Last month", starts_at=now - timedelta(days=30))
    placed(worker, last_month)
    placed(worker, SessionFactory(title="Long ago", starts_at=now - timedelta(days=100)))
    feed = calendar_feed_create(user=worker)

    response = client_for(None).get(feed_url(feed))  # no one signed in

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "private" in response["Cache-Control"]
    assert "sessionid" not in response.cookies
    calendar = Calendar.from_ical(response.content)
    events = events_by_uid(calendar)
    assert set(events) == {uid_of(s) for s in (with_place, waiting, cancelled_session, last_month)}
    assert JOIN_URL in str(events[uid_of(with_place)]["DESCRIPTION"])
    assert JOIN_URL not in events[uid_of(waiting)].to_ical().decode()
    assert events[uid_of(cancelled_session)]["STATUS"] == "CANCELLED"
    assert calendar.walk("VTIMEZONE")[0]["TZID"] == "Europe/London"
    feed.refresh_from_db()
    assert feed.last_read_at is not None


def test_an_empty_feed_is_still_a_calendar(worker, client_for):
    feed = calendar_feed_create(user=worker)
    calendar = read_feed(client_for(None), feed)
    assert calendar.walk("VEVENT") == []


@pytest.mark.parametrize(
    "token",
    [
        "x" * 43,  # the right shape, but no one's
        "short",
        "y" * 200,
        "not%20a%20token",
        "%00" * 30,
        "%C3%A9" * 30,
    ],
)
def test_a_forged_or_malformed_token_is_not_found_in_plain_text(token, worker, client_for):
    calendar_feed_create(user=worker)
    response = client_for(None).get(f"/webinars/calendar/{token}.ics")
    assert response.status_code == 404
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "This calendar address is not known" in response.content.decode()


def test_a_revoked_address_stops_and_the_new_one_works(worker, client_for):
    old = calendar_feed_create(user=worker)
    old_url = feed_url(old)
    new = calendar_feed_revoke(user=worker)
    client = client_for(None)
    assert client.get(old_url).status_code == 404
    assert client.get(feed_url(new)).status_code == 200


def test_the_feed_of_a_deactivated_account_is_not_found(worker, client_for):
    feed = calendar_feed_create(user=worker)
    worker.is_active = False
    worker.save(update_fields=["is_active"])
    assert client_for(None).get(feed_url(feed)).status_code == 404


def test_too_many_unknown_addresses_from_one_client_are_refused_for_a_while(worker, client_for):
    feed = calendar_feed_create(user=worker)
    client = client_for(None)
    sweep = {"REMOTE_ADDR": "203.0.113.9"}
    for n in range(30):
        assert client.get(f"/webinars/calendar/{'z' * 40}{n:03}.ics", **sweep).status_code == 404
    refused = client.get(f"/webinars/calendar/{'z' * 43}.ics", **sweep)
    assert refused.status_code == 429
    assert refused["Retry-After"] == "3600"
    assert "Try again in an hour" in refused.content.decode()
    # Refused even with a real address: a sweep learns nothing from what answers.
    assert client.get(feed_url(feed), **sweep).status_code == 429
    assert client.get(feed_url(feed), REMOTE_ADDR="198.51.100.7").status_code == 200


def test_only_reading_is_allowed(worker, client_for):
    feed = calendar_feed_create(user=worker)
    assert client_for(None).post(feed_url(feed)).status_code == 405
    assert CalendarFeed.objects.get().token == feed.token
    assert Session.objects.count() == 0
