"""The pages where the national team and learning coordinators run webinars and
regional learning events: who sees them, the list, adding a series and a session in
UK time, changing and cancelling, the registration list and its CSV, the recording
and slides, and feedback. Bad input of any kind is a form error and changes nothing."""

import csv
import io
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from learning.accounts.enums import Role
from learning.accounts.tests.factories import UserFactory
from learning.audit.enums import AuditAction
from learning.audit.models import AuditEvent
from learning.mail.models import OutboxMessage
from webinars import services
from webinars.enums import ChangeKind, RegistrationStatus, SessionStatus, Theme
from webinars.forms_manage import NotInUKTime, uk_datetime
from webinars.models import MAX_CAPACITY, Feedback, Registration, Series, Session

from .factories import SeriesFactory, SessionFactory

pytestmark = pytest.mark.django_db

UK = ZoneInfo("Europe/London")
MANAGE = "/webinars/manage/"


@pytest.fixture
def national(db):
    return UserFactory(role=Role.NATIONAL, full_name="Nadia Osei")


@pytest.fixture
def coordinator(north_west):
    return UserFactory(role=Role.COORDINATOR, region=north_west, full_name="Priya Nair")


@pytest.fixture
def national_client(client_for, national):
    return client_for(None, national)


@pytest.fixture
def coordinator_client(client_for, north_west, coordinator):
    return client_for(north_west, coordinator)


@pytest.fixture
def nw_series(north_west):
    return SeriesFactory(title="North West learning events", region=north_west)


def in_days(days: int, hour: int = 10) -> datetime:
    day = timezone.localdate() + timedelta(days=days)
    return datetime.combine(day, time(hour), tzinfo=UK)


def session_form(day: date | None = None, **overrides) -> dict:
    """A valid form for a session a fortnight away, 10:00 to 11:30 UK time."""
    day = day or timezone.localdate() + timedelta(days=14)
    data = {
        "title": "Supporting people with money worries",
        "description": "Spotting debt early, and where to refer.",
        "speakers": "Amira Khan, Citizens Advice",
        "theme": Theme.MONEY,
        "date_day": day.day,
        "date_month": day.month,
        "date_year": day.year,
        "start_time": "10:00",
        "end_time": "11:30",
        "join_url": "https://teams.example.org/l/meetup-join/money",
        "location": "",
        "capacity": "40",
    }
    data.update(overrides)
    return data


def last_sunday(year: int, month: int) -> date:
    day = date(year, month, 31)
    return day - timedelta(days=(day.weekday() + 1) % 7)


def next_clock_change(month: int) -> date:
    """The next last Sunday of March (clocks forward) or October (clocks back)."""
    today = timezone.localdate()
    day = last_sunday(today.year, month)
    return day if day > today + timedelta(days=1) else last_sunday(today.year + 1, month)


def html_of(response) -> str:
    return response.content.decode()


def row_of(html: str, text: str) -> str:
    """The table row that holds `text`."""
    return next(row.split("</tr>")[0] for row in html.split("<tr")[1:] if text in row)


def fill(session, registered: int = 0, waiting: int = 0, cancelled: int = 0):
    """People on a session, straight into the table (fast, for lists and counts)."""
    now = timezone.now()
    rows = []
    for status, count in (
        (RegistrationStatus.REGISTERED, registered),
        (RegistrationStatus.WAITING, waiting),
        (RegistrationStatus.CANCELLED, cancelled),
    ):
        for _ in range(count):
            rows.append(
                Registration(
                    session=session,
                    user=UserFactory(),
                    status=status,
                    queued_at=now - timedelta(minutes=500 - len(rows)),
                    cancelled_at=now if status == RegistrationStatus.CANCELLED else None,
                )
            )
    return Registration.objects.bulk_create(rows)


# --- Who sees these pages --------------------------------------------------------------


def every_url(pk: int) -> list[str]:
    base = f"{MANAGE}{pk}/"
    return [
        MANAGE,
        f"{MANAGE}series/new/",
        f"{MANAGE}new/",
        base,
        f"{base}edit/",
        f"{base}cancel/",
        f"{base}materials/",
        f"{base}registrations.csv",
        f"{base}feedback/",
    ]


def test_every_manage_page_is_listed_here():
    from webinars.urls import urlpatterns

    ours = [p for p in urlpatterns if p.callback.__module__ == "webinars.views_manage"]
    assert len(ours) == len(every_url(1))


@pytest.mark.parametrize("role", [Role.LINK_WORKER, Role.CCG_LEAD])
def test_people_who_run_no_events_find_no_manage_pages(role, north_west, client_for):
    session = SessionFactory(region=north_west)
    client = client_for(north_west, UserFactory(role=role, region=north_west))
    for url in every_url(session.pk):
        assert client.get(url).status_code == 404, url
        assert client.post(url, session_form()).status_code == 404, url
    assert Session.objects.count() == 1 and Series.objects.count() == 1


def test_signed_out_people_are_asked_to_sign_in(client_for):
    response = client_for(None).get(MANAGE)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_coordinator_finds_nothing_of_another_regions_events(london, coordinator_client):
    session = SessionFactory(region=london, title="Housing in London")
    for url in every_url(session.pk)[3:]:
        assert coordinator_client.get(url).status_code == 404, url
    coordinator_client.post(f"{MANAGE}{session.pk}/edit/", session_form(title="Taken"))
    coordinator_client.post(f"{MANAGE}{session.pk}/cancel/", {"reason": "Mine now"})
    coordinator_client.post(
        f"{MANAGE}{session.pk}/materials/", {"recording_url": "https://x.example/r"}
    )
    session.refresh_from_db()
    assert (session.title, session.status, session.recording_url) == (
        "Housing in London",
        SessionStatus.SCHEDULED,
        "",
    )
    assert not AuditEvent.objects.filter(action__startswith="webinar_").exists()


# --- The list --------------------------------------------------------------------------


def test_an_empty_list_says_so_and_offers_to_add_a_series_and_a_session(coordinator_client):
    html = html_of(coordinator_client.get(MANAGE))
    assert "There are no webinars or events for you to run yet." in html
    assert f'href="{MANAGE}new/"' in html and f'href="{MANAGE}series/new/"' in html
    assert "<table" not in html


def test_the_list_shows_upcoming_sessions_soonest_first_then_past_ones(national_client, london):
    later = SessionFactory(title="Carers week", starts_at=in_days(20))
    soon = SessionFactory(title="Welcome webinar, December", starts_at=in_days(3), capacity=2)
    fill(soon, registered=2, waiting=3)
    old = SessionFactory(title="Housing options", starts_at=in_days(-30), region=london)
    older = SessionFactory(title="Mental health first steps", starts_at=in_days(-60))
    html = html_of(national_client.get(MANAGE))
    order = [html.index(s.title) for s in (soon, later, old, older)]
    assert order == sorted(order)
    assert html.index("Upcoming") < order[0] and order[1] < html.index("Past") < order[2]
    soon_row = row_of(html, soon.title)
    assert f"{in_days(3):%a %-d %b %Y}, 10:00" in soon_row
    assert "Places taken </span>2 of 2" in soon_row
    assert "Waiting </span>3" in soon_row
    assert "Full" in soon_row and "All regions" in soon_row
    old_row = row_of(html, old.title)
    assert "London only" in old_row and "Ended" in old_row


def test_a_coordinator_sees_only_their_regions_events(north_west, london, coordinator_client):
    SessionFactory(title="Welcome webinar")
    SessionFactory(title="London peer support", region=london)
    SessionFactory(title="Manchester peer support", region=north_west)
    html = html_of(coordinator_client.get(MANAGE))
    assert "Manchester peer support" in html
    assert "Welcome webinar" not in html and "London peer support" not in html


def test_the_list_is_paginated_and_costs_the_same_however_long(
    national_client, django_assert_max_num_queries
):
    sessions = [SessionFactory(starts_at=in_days(n + 1)) for n in range(30)]
    for session in sessions[:3]:
        fill(session, registered=2)
    national_client.get(MANAGE)  # warm the session and menu caches
    with django_assert_max_num_queries(8):
        first = html_of(national_client.get(MANAGE))
    assert sessions[0].title in first and sessions[24].title in first
    assert sessions[25].title not in first and "Page 1 of 2" not in first  # next link only
    assert "Page 2 of 2" in first
    second = html_of(national_client.get(f"{MANAGE}?page=2"))
    assert sessions[25].title in second and sessions[0].title not in second
    assert national_client.get(f"{MANAGE}?page=lots").status_code == 200


# --- Series ----------------------------------------------------------------------------


def test_the_national_team_adds_a_national_series(national_client):
    response = national_client.post(
        f"{MANAGE}series/new/",
        {"title": "Themed webinars 2027/28", "description": "Monthly.", "region": "national"},
    )
    series = Series.objects.get()
    assert (series.title, series.region) == ("Themed webinars 2027/28", None)
    assert response["Location"] == f"{MANAGE}new/?series={series.pk}"
    form = html_of(national_client.get(response["Location"]))
    assert "Series added: Themed webinars 2027/28." in form
    assert f'<option value="{series.pk}" selected>' in form
    assert AuditEvent.objects.filter(action=AuditAction.WEBINAR_SERIES_CREATED).count() == 1


def test_a_coordinator_adds_a_series_only_for_their_region(north_west, london, coordinator_client):
    form = html_of(coordinator_client.get(f"{MANAGE}series/new/"))
    assert "North West only" in form and 'value="national"' not in form
    assert "London" not in form
    for forged in ("national", str(london.pk), "999999"):
        response = coordinator_client.post(
            f"{MANAGE}series/new/", {"title": "Our events", "region": forged}
        )
        assert response.status_code == 400
        assert "Choose one of the regions you coordinate." in html_of(response)
    assert not Series.objects.exists()
    coordinator_client.post(
        f"{MANAGE}series/new/", {"title": "Our events", "region": north_west.pk}
    )
    assert Series.objects.get().region == north_west


def test_a_series_needs_a_title(national_client):
    response = national_client.post(f"{MANAGE}series/new/", {"title": "  ", "region": "national"})
    assert response.status_code == 400
    assert "Enter a title for the series." in html_of(response)
    assert not Series.objects.exists()


# --- Adding a session ------------------------------------------------------------------


def test_the_national_team_adds_a_session_in_uk_time(national_client):
    series = SeriesFactory(title="Themed webinars")
    summer = date(timezone.localdate().year + 1, 7, 14)  # British Summer Time: UTC+1
    response = national_client.post(
        f"{MANAGE}new/", session_form(summer, series=series.pk, audience="national")
    )
    session = Session.objects.get()
    assert response["Location"] == f"{MANAGE}{session.pk}/"
    assert session.starts_at == datetime(summer.year, 7, 14, 9, 0, tzinfo=ZoneInfo("UTC"))
    assert session.ends_at - session.starts_at == timedelta(minutes=90)
    assert (session.series, session.region, session.capacity) == (series, None, 40)
    assert session.theme == Theme.MONEY and session.speakers == "Amira Khan, Citizens Advice"
    page = html_of(national_client.get(response["Location"]))
    assert "Added to the schedule: Supporting people with money worries." in page
    assert f"{summer:%A %-d %B %Y}, 10:00 to 11:30" in page


def test_a_winter_session_is_stored_in_gmt(national_client):
    series = SeriesFactory()
    winter = date(timezone.localdate().year + 1, 1, 20)
    national_client.post(
        f"{MANAGE}new/", session_form(winter, series=series.pk, audience="national")
    )
    assert Session.objects.get().starts_at == datetime(
        winter.year, 1, 20, 10, 0, tzinfo=ZoneInfo("UTC")
    )


def test_a_coordinator_adds_a_regional_learning_event(north_west, nw_series, coordinator_client):
    form = html_of(coordinator_client.get(f"{MANAGE}new/"))
    assert "North West learning events (North West)" in form
    assert "All regions" not in form
    response = coordinator_client.post(
        f"{MANAGE}new/",
        session_form(
            series=nw_series.pk,
            audience=north_west.pk,
            join_url="",
            location="Friends Meeting House, Mount Street, Manchester",
        ),
    )
    assert response.status_code == 302
    session = Session.objects.get()
    assert session.region == north_west and session.location.startswith("Friends Meeting House")


def test_a_coordinator_without_a_series_is_asked_to_add_one_first(coordinator_client):
    SeriesFactory(title="Welcome webinar")  # national: not theirs to add to
    html = html_of(coordinator_client.get(f"{MANAGE}new/"))
    assert "there is no series you can add sessions to yet" in html
    assert f'href="{MANAGE}series/new/"' in html
    assert 'name="title"' not in html


def test_uk_time_has_a_gap_in_march_and_a_repeat_in_october():
    with pytest.raises(NotInUKTime):
        uk_datetime(date(2026, 3, 29), time(1, 30))
    first, twice = uk_datetime(date(2026, 10, 25), time(1, 30))
    assert twice and first.utcoffset() == timedelta(hours=1)  # BST: the first 01:30
    assert first.astimezone(ZoneInfo("UTC")).time() == time(0, 30)
    plain, twice = uk_datetime(date(2026, 10, 25), time(3, 0))
    assert not twice and plain.utcoffset() == timedelta(0)


def test_a_time_the_clocks_skip_is_a_clear_error(national_client):
    series = SeriesFactory()
    spring = next_clock_change(3)
    response = national_client.post(
        f"{MANAGE}new/",
        session_form(spring, series=series.pk, audience="national", start_time="01:30"),
    )
    assert response.status_code == 400
    assert (
        f"The clocks go forward at 1am on {spring:%A %-d %B %Y}, so 01:30 does not happen "
        "that night. Enter a time before 01:00 or from 02:00."
    ) in html_of(response)
    assert not Session.objects.exists()


def test_a_time_that_happens_twice_takes_the_first_and_says_so(national_client):
    series = SeriesFactory()
    autumn = next_clock_change(10)
    response = national_client.post(
        f"{MANAGE}new/",
        session_form(
            autumn, series=series.pk, audience="national", start_time="01:30", end_time="03:00"
        ),
        follow=True,
    )
    session = Session.objects.get()
    utc = ZoneInfo("UTC")
    assert session.starts_at == datetime(autumn.year, autumn.month, autumn.day, 0, 30, tzinfo=utc)
    # 01:30 BST to 03:00 GMT: two and a half hours.
    assert session.ends_at - session.starts_at == timedelta(hours=2, minutes=30)
    assert (
        f"01:30 on {autumn:%A %-d %B %Y} happens twice, as the clocks go back at 2am. "
        "The first 01:30 (British Summer Time) was used."
    ) in html_of(response)


BAD_SESSIONS = {
    "end before start": ({"start_time": "11:00", "end_time": "10:30"}, "The end time must be after the start time."),
    "end equals start": ({"start_time": "11:00", "end_time": "11:00"}, "The end time must be after the start time."),
    "start in the past": ({"past": True}, "The start must be in the future."),
    "no places": ({"capacity": "0"}, f"Enter a number of places from 1 to {MAX_CAPACITY:,}."),
    "too many places": ({"capacity": str(MAX_CAPACITY + 1)}, f"Enter a number of places from 1 to {MAX_CAPACITY:,}."),
    "places in words": ({"capacity": "thirty"}, "Enter the number of places as a whole number, like 30."),
    "http link": ({"join_url": "http://teams.example.org/l/x"}, "Enter the joining link as it starts: https://"),
    "not a link": ({"join_url": "teams meeting"}, "Enter the joining link as a web address"),
    "neither link nor venue": ({"join_url": ""}, "Enter an online joining link, or a venue for an event in person."),
    "no title": ({"title": "   "}, "Enter a title."),
    "time in words": ({"start_time": "ten"}, "Enter the start time on the 24-hour clock, like 14:30."),
    "no such time": ({"start_time": "25:00"}, "The start time must be a real time, from 00:00 to 23:59."),
    "no such date": ({"date_day": "31", "date_month": "2"}, "The date must be a real date."),
    "too long": ({"start_time": "09:00", "end_time": "17:30"}, "A session can last at most 8 hours."),
    "no theme": ({"theme": "astrology"}, "Choose one of the themes listed."),
}  # fmt: skip


@pytest.mark.clock
@pytest.mark.parametrize("case", BAD_SESSIONS)
def test_a_bad_session_is_a_form_error_and_adds_nothing(case, national_client):
    series = SeriesFactory()
    overrides, message = BAD_SESSIONS[case]
    overrides = dict(overrides)  # popped below: the table serves every run of the case
    day = None
    if overrides.pop("past", False):
        day = timezone.localdate() - timedelta(days=1)
    response = national_client.post(
        f"{MANAGE}new/", session_form(day, series=series.pk, audience="national", **overrides)
    )
    assert response.status_code == 400
    html = html_of(response)
    assert "There is a problem" in html and message in html
    assert not Session.objects.exists()
    assert not AuditEvent.objects.filter(action=AuditAction.WEBINAR_SESSION_CREATED).exists()


def test_a_coordinator_cannot_forge_another_regions_audience_or_series(
    north_west, london, nw_series, coordinator_client
):
    london_series = SeriesFactory(title="London learning events", region=london)
    national_series = SeriesFactory(title="Welcome webinar")
    forgeries = [
        ({"series": nw_series.pk, "audience": london.pk}, "Choose one of the regions you coordinate."),
        ({"series": nw_series.pk, "audience": "national"}, "Choose one of the regions you coordinate."),
        ({"series": london_series.pk, "audience": north_west.pk}, "Choose one of the series listed."),
        ({"series": national_series.pk, "audience": north_west.pk}, "Choose one of the series listed."),
        ({"series": "999999", "audience": north_west.pk}, "Choose one of the series listed."),
    ]  # fmt: skip
    for fields, message in forgeries:
        response = coordinator_client.post(f"{MANAGE}new/", session_form(**fields))
        assert response.status_code == 400, fields
        assert message in html_of(response), fields
    assert not Session.objects.exists()


def test_a_regional_series_keeps_its_sessions_for_its_region(national_client, nw_series):
    response = national_client.post(
        f"{MANAGE}new/", session_form(series=nw_series.pk, audience="national")
    )
    assert response.status_code == 400
    assert "series: its sessions are for North West too." in html_of(response)
    assert not Session.objects.exists()


# --- Changing a session ----------------------------------------------------------------


def test_the_change_form_warns_that_people_will_be_told(national_client):
    session = SessionFactory(capacity=2)
    fill(session, registered=2, waiting=1)
    html = html_of(national_client.get(f"{MANAGE}{session.pk}/edit/"))
    assert "2 people have places and 1 is on the waiting list." in html
    assert "everyone registered or waiting is emailed" in html
    assert 'value="Supporting people with debt' in html
    start = timezone.localtime(session.starts_at)
    assert f'name="start_time" value="{start:%H:%M}"' in html
    empty = SessionFactory()
    assert "People will be told" not in html_of(national_client.get(f"{MANAGE}{empty.pk}/edit/"))


def edit_form(session, **overrides) -> dict:
    """The change form as it comes, with `overrides` typed over it."""
    start = timezone.localtime(session.starts_at)
    fields = {
        "title": session.title,
        "description": session.description,
        "speakers": session.speakers,
        "theme": session.theme,
        "start_time": f"{start:%H:%M}",
        "end_time": f"{timezone.localtime(session.ends_at):%H:%M}",
        "join_url": session.join_url,
        "location": session.location,
        "capacity": str(session.capacity),
    }
    return session_form(start.date(), **{**fields, **overrides})


def test_moving_a_session_emails_everyone_on_it_and_updates_calendars(national_client, on_commit):
    session = SessionFactory(capacity=1)
    people = [UserFactory(), UserFactory()]
    for person in people:
        services.registration_create(user=person, session_id=session.pk)
    with on_commit():
        response = national_client.post(
            f"{MANAGE}{session.pk}/edit/", edit_form(session, start_time="14:00", end_time="15:00")
        )
    assert response["Location"] == f"{MANAGE}{session.pk}/"
    session.refresh_from_db()
    assert timezone.localtime(session.starts_at).time() == time(14, 0)
    assert session.sequence == 1
    assert session.changes.filter(kind=ChangeKind.CHANGED).count() == 1
    told = OutboxMessage.objects.filter(key__contains=":changed:1").values_list("to", flat=True)
    assert sorted(told) == sorted(p.email for p in people)


# Under way at 23:59 means crossing midnight, which the form (one date) cannot show;
# signed in once the clock is set, as a session more than half an hour old has lapsed.
@time_machine.travel(datetime(2027, 2, 10, 14, 0, tzinfo=UTC), tick=True)
def test_a_session_under_way_keeps_its_start_and_takes_a_new_link(client_for, national):
    national_client = client_for(None, national)
    start = timezone.now().replace(second=0, microsecond=0) - timedelta(minutes=20)
    session = SessionFactory(starts_at=start, ends_at=start + timedelta(hours=1))
    page = html_of(national_client.get(f"{MANAGE}{session.pk}/edit/"))
    assert "This session has started." in page
    response = national_client.post(
        f"{MANAGE}{session.pk}/edit/",
        edit_form(session, join_url="https://teams.example.org/l/backup-room"),
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.join_url == "https://teams.example.org/l/backup-room"
    assert session.starts_at == start


def test_a_session_that_has_ended_or_was_cancelled_cannot_be_changed(national_client):
    start = timezone.now() - timedelta(days=2)
    ended = SessionFactory(starts_at=start, ends_at=start + timedelta(hours=1))
    cancelled = SessionFactory(status=SessionStatus.CANCELLED, cancellation_reason="Unwell")
    for session, message in (
        (ended, "This session has ended, so its details can no longer be changed."),
        (cancelled, "This session was cancelled, so it can no longer be changed."),
    ):
        assert message in html_of(national_client.get(f"{MANAGE}{session.pk}/edit/"))
        national_client.post(f"{MANAGE}{session.pk}/edit/", edit_form(session, title="Renamed"))
        session.refresh_from_db()
        assert session.title != "Renamed"


@pytest.mark.clock
def test_fewer_places_than_people_have_is_refused_on_the_form(national_client):
    session = SessionFactory(capacity=5)
    fill(session, registered=4)
    response = national_client.post(f"{MANAGE}{session.pk}/edit/", edit_form(session, capacity="3"))
    assert response.status_code == 400
    assert "4 people already have places. Enter 4 or more, or cancel places first." in html_of(
        response
    )
    session.refresh_from_db()
    assert session.capacity == 5


def test_more_places_go_to_the_waiting_list_from_the_form(national_client, on_commit):
    session = SessionFactory(capacity=1)
    first, second, third = (UserFactory() for _ in range(3))
    for person in (first, second, third):
        services.registration_create(user=person, session_id=session.pk)
    with on_commit():
        national_client.post(f"{MANAGE}{session.pk}/edit/", edit_form(session, capacity="2"))
    statuses = dict(session.registrations.values_list("user_id", "status"))
    assert statuses[second.pk] == RegistrationStatus.REGISTERED
    assert statuses[third.pk] == RegistrationStatus.WAITING


# --- One session's page: the registration list ----------------------------------------------


def test_the_session_page_lists_places_then_the_waiting_list_then_cancellations(national_client):
    session = SessionFactory(capacity=2, title="Welcome webinar, January")
    names = ["Ada Reg", "Ben Reg", "Cara Wait", "Dev Wait", "Eve Gone"]
    people = [UserFactory(full_name=name) for name in names]
    for person in people:
        services.registration_create(user=person, session_id=session.pk)
    services.registration_cancel(user=people[4], session_id=session.pk)  # Eve was waiting
    html = html_of(national_client.get(f"{MANAGE}{session.pk}/"))
    assert "2 registered, 2 on the waiting list, 1 cancelled." in html
    order = [html.index(name) for name in names]
    assert order == sorted(order)
    captions = [html.index(f">{c}</caption>") for c in ("Registered", "Waiting list", "Cancelled")]
    assert captions[0] < order[0] < order[1] < captions[1] < order[2] < order[3] < captions[2]
    assert captions[2] < order[4]
    assert "Position </span>1" in row_of(html, "Cara Wait")
    assert "Position </span>2" in row_of(html, "Dev Wait")
    for link in (
        f"{MANAGE}{session.pk}/edit/",
        f"{MANAGE}{session.pk}/cancel/",
        f"{MANAGE}{session.pk}/materials/",
        f"{MANAGE}{session.pk}/registrations.csv",
        f"/webinars/{session.pk}/",
    ):
        assert f'href="{link}"' in html, link


def test_an_ended_sessions_page_links_attendance_and_feedback(national_client):
    start = timezone.now() - timedelta(days=1)
    session = SessionFactory(starts_at=start, ends_at=start + timedelta(hours=1))
    html = html_of(national_client.get(f"{MANAGE}{session.pk}/"))
    assert f'href="{MANAGE}{session.pk}/attendance/"' in html
    assert f'href="{MANAGE}{session.pk}/feedback/"' in html
    assert f'href="{MANAGE}{session.pk}/edit/"' not in html
    assert f'href="{MANAGE}{session.pk}/cancel/"' not in html
    assert "No one has registered yet." in html


def test_the_registration_list_costs_the_same_for_5_people_as_for_60(
    national_client, django_assert_max_num_queries, queries_for
):
    small, large = SessionFactory(capacity=3), SessionFactory(capacity=40)
    fill(small, registered=3, waiting=1, cancelled=1)
    fill(large, registered=40, waiting=15, cancelled=5)
    url = f"{MANAGE}{{}}/"
    national_client.get(url.format(small.pk))  # warm the session and user caches
    counts = [
        queries_for(lambda s=s: national_client.get(url.format(s.pk))) for s in (small, large)
    ]
    assert counts[0] == counts[1]
    with django_assert_max_num_queries(8):
        html = html_of(national_client.get(url.format(large.pk)))
    assert "40 registered, 15 on the waiting list, 5 cancelled." in html


def test_a_long_registration_list_is_paginated(national_client):
    session = SessionFactory(capacity=120)
    fill(session, registered=110, waiting=0)
    first = html_of(national_client.get(f"{MANAGE}{session.pk}/"))
    assert first.count("Asked </span>") == 100 and "Page 2 of 2" in first
    second = html_of(national_client.get(f"{MANAGE}{session.pk}/?page=2"))
    assert second.count("Asked </span>") == 10


# --- The CSV -------------------------------------------------------------------------------


def test_the_registration_csv_lists_everyone_with_their_organisation_and_is_audited(
    national_client, north_west
):
    session = SessionFactory(capacity=1, starts_at=in_days(10))
    first = UserFactory(full_name='=HYPERLINK("http://x")', region=north_west)
    second = UserFactory(full_name="Ben Okri", region=north_west)
    for person in (first, second):
        services.registration_create(user=person, session_id=session.pk)
    response = national_client.get(f"{MANAGE}{session.pk}/registrations.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment;" in response["Content-Disposition"]
    text = b"".join(response.streaming_content).decode().removeprefix("\ufeff")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == [
        "Name", "Email", "PCN", "CCG", "Region", "Status", "Registered at (UK time)",
        "Waiting list position",
    ]  # fmt: skip
    assert rows[1][0] == '\'=HYPERLINK("http://x")'  # a formula no more
    assert rows[1][1:6] == [
        first.email, first.pcn.name, first.pcn.ccg.name, "North West", "Registered",
    ]  # fmt: skip
    assert rows[2][0] == "Ben Okri" and rows[2][5:] == [
        "On the waiting list",
        timezone.localtime(second.webinar_registrations.get().queued_at).strftime("%Y-%m-%d %H:%M"),
        "1",
    ]
    event = AuditEvent.objects.get(action=AuditAction.WEBINAR_REGISTRATIONS_EXPORTED)
    assert event.details == {"session": session.pk, "registered": 1, "waiting": 1}


# --- Cancelling ----------------------------------------------------------------------------


def test_cancelling_asks_for_a_reason_first(national_client):
    session = SessionFactory()
    fill(session, registered=3)
    page = html_of(national_client.get(f"{MANAGE}{session.pk}/cancel/"))
    assert "3 people have places" in page and "You cannot undo this." in page
    response = national_client.post(f"{MANAGE}{session.pk}/cancel/", {"reason": "   "})
    assert response.status_code == 400
    assert "Say why it is cancelled: registrants are told." in html_of(response)
    session.refresh_from_db()
    assert session.status == SessionStatus.SCHEDULED


def test_cancelling_tells_everyone_with_the_reason(national_client, on_commit):
    session = SessionFactory(capacity=1)
    people = [UserFactory(), UserFactory()]
    for person in people:
        services.registration_create(user=person, session_id=session.pk)
    with on_commit():
        response = national_client.post(
            f"{MANAGE}{session.pk}/cancel/", {"reason": "The speaker is unwell."}, follow=True
        )
    session.refresh_from_db()
    assert session.status == SessionStatus.CANCELLED
    assert session.cancellation_reason == "The speaker is unwell."
    assert "2 people are being emailed." in html_of(response)
    assert OutboxMessage.objects.filter(key__contains=":cancelled:").count() == 2
    again = html_of(national_client.get(f"{MANAGE}{session.pk}/cancel/"))
    assert "This session is already cancelled." in again and "<textarea" not in again


def test_a_session_under_way_cannot_be_cancelled(national_client):
    session = SessionFactory(starts_at=timezone.now() - timedelta(minutes=5))
    assert "already started" in html_of(national_client.get(f"{MANAGE}{session.pk}/cancel/"))
    national_client.post(f"{MANAGE}{session.pk}/cancel/", {"reason": "Too late"})
    session.refresh_from_db()
    assert session.status == SessionStatus.SCHEDULED


# --- Recording and slides ----------------------------------------------------------------


def test_the_recording_and_slides_need_https_links(national_client, on_commit):
    start = timezone.now() - timedelta(days=1)
    session = SessionFactory(starts_at=start, ends_at=start + timedelta(hours=1))
    url = f"{MANAGE}{session.pk}/materials/"
    response = national_client.post(url, {"recording_url": "http://video.example.org/r"})
    assert response.status_code == 400
    assert "Enter a link that starts https://" in html_of(response)
    session.refresh_from_db()
    assert session.recording_url == ""
    with on_commit():
        response = national_client.post(
            url,
            {
                "recording_url": "https://video.example.org/r",
                "slides_url": "files.example.org/slides.pdf",  # https assumed
            },
        )
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.recording_url == "https://video.example.org/r"
    assert session.slides_url == "https://files.example.org/slides.pdf"
    assert AuditEvent.objects.filter(action=AuditAction.WEBINAR_MATERIALS_PUBLISHED).exists()


# --- Feedback ---------------------------------------------------------------------------------


def test_the_feedback_summary_averages_and_lists_comments_newest_first(national_client):
    start = timezone.now() - timedelta(days=3)
    session = SessionFactory(starts_at=start, ends_at=start + timedelta(hours=1))
    for rating, comment in ((5, "Really practical."), (4, ""), (3, "Too short."), (5, "Loved it.")):
        Feedback.objects.create(session=session, user=UserFactory(), rating=rating, comment=comment)
    html = html_of(national_client.get(f"{MANAGE}{session.pk}/feedback/"))
    assert "Average rating 4.3 out of 5, from 4 people." in html
    assert html.index("Loved it.") < html.index("Too short.") < html.index("Really practical.")
    empty = SessionFactory(starts_at=start, ends_at=start + timedelta(hours=1))
    assert "No feedback yet." in html_of(national_client.get(f"{MANAGE}{empty.pk}/feedback/"))


def test_feedback_comments_are_paginated(national_client):
    start = timezone.now() - timedelta(days=3)
    session = SessionFactory(starts_at=start, ends_at=start + timedelta(hours=1))
    Feedback.objects.bulk_create(
        Feedback(session=session, user=UserFactory(), rating=4, comment=f"Comment {n}")
        for n in range(25)
    )
    first = html_of(national_client.get(f"{MANAGE}{session.pk}/feedback/"))
    assert first.count("Rated 4 out of 5") == 20 and "Page 2 of 2" in first


def test_the_manage_page_names_a_coordinators_region_or_regions(
    coordinator, coordinator_client, london, national_client
):
    page = coordinator_client.get("/webinars/manage/").content.decode().replace("&#x27;", "'")
    assert "Your region's learning events (North West)." in page
    assert "Your regions'" not in page
    coordinator.coordinated_regions.add(london)
    page = coordinator_client.get("/webinars/manage/").content.decode().replace("&#x27;", "'")
    assert "Your regions' learning events (" in page
    assert "London" in page and "North West" in page
    page = national_client.get("/webinars/manage/").content.decode().replace("&#x27;", "'")
    assert "The national webinar series and every region's learning events." in page
