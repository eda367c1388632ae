"""The schedule a link worker browses at /webinars/: what is on it for whom, the
filters, the months, pages, the past sessions with their recordings, and what the
page costs in queries."""

import re
from datetime import UTC, datetime, timedelta
from html import unescape

import pytest
import time_machine
from django.utils import timezone

from learning.accounts.enums import Role
from learning.accounts.tests.factories import UserFactory
from webinars.enums import SessionStatus, Theme
from webinars.services import registration_create
from webinars.tests.factories import SeriesFactory, SessionFactory

pytestmark = pytest.mark.django_db

SCHEDULE = "/webinars/"


@pytest.fixture
def worker(north_west):
    return UserFactory(region=north_west, full_name="Priya Shah")


def html_of(response) -> str:
    return response.content.decode()


def titles_in(html: str) -> list[str]:
    """Session titles in the order the page lists them."""
    return [unescape(t) for t in re.findall(r'<a href="/webinars/\d+/">([^<]+)</a>', html)]


def in_days(days: int, hour: int = 10) -> datetime:
    start = timezone.localtime() + timedelta(days=days)
    return start.replace(hour=hour, minute=0, second=0, microsecond=0)


def test_signing_in_is_needed(client_for):
    response = client_for(None).get(SCHEDULE)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.clock
def test_it_lists_upcoming_sessions_for_the_persons_region_soonest_first(
    worker, north_west, london, client_for
):
    later = SessionFactory(title="Carers and their own health", starts_at=in_days(20))
    sooner = SessionFactory(title="Loneliness in older age", starts_at=in_days(3))
    ours = SessionFactory(
        title="North West peer learning day", region=north_west, starts_at=in_days(9)
    )
    SessionFactory(title="London peer learning day", region=london, starts_at=in_days(9))
    SessionFactory(title="Cancelled webinar", starts_at=in_days(4), status=SessionStatus.CANCELLED)
    SessionFactory(title="Webinar that ended", starts_at=in_days(-2))

    response = client_for(north_west, worker).get(SCHEDULE)

    assert response.status_code == 200
    html = html_of(response)
    assert titles_in(html) == [sooner.title, ours.title, later.title]
    assert "North West learning event" in html
    assert "London" not in html


# The sessions below are on dates written down: today is fixed before them.
BEFORE_SUMMER_2027 = datetime(2027, 1, 11, 9, 0, tzinfo=UTC)


@time_machine.travel(BEFORE_SUMMER_2027, tick=True)
def test_each_session_shows_uk_time_series_theme_places_and_the_persons_own_status(
    worker, client_for
):
    series = SeriesFactory(title="Themed webinars 2026/27")
    # 09:00 UTC in summer is 10:00 in the UK.
    summer = datetime(2027, 7, 6, 9, 0, tzinfo=UTC)
    mine = SessionFactory(
        title="Money worries", series=series, theme=Theme.MONEY, starts_at=summer, capacity=30
    )
    full = SessionFactory(title="Housing options", starts_at=summer + timedelta(days=1), capacity=1)
    waiting = SessionFactory(
        title="Mental health first aid", starts_at=summer + timedelta(days=2), capacity=1
    )
    registration_create(user=UserFactory(), session_id=full.pk)
    registration_create(user=UserFactory(), session_id=waiting.pk)
    registration_create(user=UserFactory(), session_id=waiting.pk)  # number 1 waiting
    registration_create(user=worker, session_id=mine.pk)
    registration_create(user=worker, session_id=waiting.pk)  # number 2 waiting

    html = html_of(client_for(None, worker).get(SCHEDULE))

    assert "July 2027" in html
    assert "Tuesday 6 July 2027, 10:00</time> to <time" in html
    assert "Themed webinars 2026/27" in html
    assert Theme.MONEY.label in html
    assert "29 places left" in html
    assert "You have a place" in html
    assert "Full \N{EN DASH} join the waiting list" in html
    assert "Waiting list: number 2" in html


def test_a_coordinator_of_two_regions_sees_both_regions_events_and_the_national_team_all(
    north_west, london, regions, client_for
):
    midlands = regions["midlands"]
    SessionFactory(title="National webinar")
    SessionFactory(title="North West event", region=north_west)
    SessionFactory(title="London event", region=london)
    SessionFactory(title="Midlands event", region=midlands)
    coordinator = UserFactory(role=Role.COORDINATOR, region=north_west)
    coordinator.coordinated_regions.add(london)
    national = UserFactory(role=Role.NATIONAL)

    seen = titles_in(html_of(client_for(None, coordinator).get(SCHEDULE)))
    assert sorted(seen) == ["London event", "National webinar", "North West event"]
    everything = titles_in(html_of(client_for(None, national).get(SCHEDULE)))
    assert sorted(everything) == [
        "London event",
        "Midlands event",
        "National webinar",
        "North West event",
    ]


def test_a_ccg_lead_sees_their_regions_events(london, client_for):
    lead = UserFactory(role=Role.CCG_LEAD, region=london)
    SessionFactory(title="London event", region=london)
    assert "London event" in titles_in(html_of(client_for(None, lead).get(SCHEDULE)))


def test_the_filters_narrow_by_series_theme_and_region(worker, north_west, client_for):
    welcome = SeriesFactory(title="Welcome webinar", slug="welcome-webinar")
    SessionFactory(title="Welcome, new link workers", series=welcome, theme=Theme.WELCOME)
    SessionFactory(title="Debt and benefits", theme=Theme.MONEY)
    SessionFactory(title="North West housing day", region=north_west, theme=Theme.HOUSING)
    client = client_for(None, worker)

    def listed(query: str) -> list[str]:
        response = client.get(SCHEDULE + query)
        assert response.status_code == 200
        return titles_in(html_of(response))

    assert listed("?series=welcome-webinar") == ["Welcome, new link workers"]
    assert listed("?theme=money") == ["Debt and benefits"]
    assert listed("?region=north-west") == ["North West housing day"]
    assert sorted(listed("?region=national")) == ["Debt and benefits", "Welcome, new link workers"]
    assert listed("?region=national&theme=housing") == []
    assert "No sessions match your filters" in html_of(
        client.get(SCHEDULE + "?theme=housing&region=national")
    )


def test_the_filter_form_keeps_what_was_chosen(worker, client_for):
    html = html_of(client_for(None, worker).get(SCHEDULE + "?theme=carers"))
    assert '<option value="carers" selected>' in html
    assert '<label class="nhsuk-label" for="filter-theme">Theme</label>' in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("?series=no-such-series", "Choose a series from the list."),
        ("?theme=astrology", "Choose a theme from the list."),
        ("?region=london", "Choose who the sessions are for from the list."),
        ("?region=%00", "Choose who the sessions are for from the list."),
        ("?series=%00", "Null characters are not allowed."),
        ("?when=tomorrow", "Choose upcoming or past sessions"),
    ],
)
def test_a_filter_value_the_form_does_not_know_is_a_form_error(query, message, worker, client_for):
    SessionFactory(title="Debt and benefits")
    response = client_for(None, worker).get(SCHEDULE + query)
    assert response.status_code == 400
    html = html_of(response)
    assert "There is a problem" in html
    assert message in html
    assert "Debt and benefits" in html  # the rest of the page still works


def test_the_schedule_is_paged_and_the_pages_keep_the_filters(worker, client_for):
    for day in range(1, 26):
        SessionFactory(title=f"Money session {day:02}", theme=Theme.MONEY, starts_at=in_days(day))
    client = client_for(None, worker)

    first = html_of(client.get(SCHEDULE + "?theme=money"))
    second = html_of(client.get(SCHEDULE + "?theme=money&page=2"))

    assert len(titles_in(first)) == 20
    assert titles_in(second) == [f"Money session {day:02}" for day in range(21, 26)]
    assert "?theme=money&amp;page=2" in first
    assert "25 sessions match your filters, page 1 of 2" in first
    assert client.get(SCHEDULE + "?page=999").status_code == 200
    assert client.get(SCHEDULE + "?page=first").status_code == 200


@time_machine.travel(BEFORE_SUMMER_2027, tick=True)
def test_sessions_are_grouped_by_month(worker, client_for):
    SessionFactory(title="In May", starts_at=datetime(2027, 5, 20, 9, tzinfo=UTC))
    SessionFactory(title="In June", starts_at=datetime(2027, 6, 3, 9, tzinfo=UTC))
    html = html_of(client_for(None, worker).get(SCHEDULE))
    assert (
        html.index("May 2027")
        < html.index("In May")
        < html.index("June 2027")
        < html.index("In June")
    )


def test_the_empty_schedule_says_so(worker, client_for):
    html = html_of(client_for(None, worker).get(SCHEDULE))
    assert "There are no webinars or learning events planned at the moment" in html


@pytest.mark.clock
def test_past_sessions_are_listed_latest_first_with_their_recordings(worker, client_for):
    SessionFactory(title="Upcoming webinar")
    SessionFactory(
        title="Last month's webinar",
        starts_at=in_days(-30),
        recording_url="https://video.example.org/last-month",
    )
    SessionFactory(title="Last week's webinar", starts_at=in_days(-7))
    SessionFactory(
        title="Cancelled last week", starts_at=in_days(-6), status=SessionStatus.CANCELLED
    )
    client = client_for(None, worker)

    assert "?when=past" in html_of(client.get(SCHEDULE))
    html = html_of(client.get(SCHEDULE + "?when=past"))

    assert titles_in(html) == ["Last week's webinar", "Last month's webinar"]
    assert "Recording or slides available" in html
    assert "Past webinars and recordings" in html


def _populate(count: int, worker, others) -> None:
    for n in range(count):
        session = SessionFactory(starts_at=in_days(n + 1), capacity=2)
        for person in others:
            registration_create(user=person, session_id=session.pk)
        if n % 2:
            registration_create(user=worker, session_id=session.pk)


def test_the_schedule_costs_the_same_queries_for_few_sessions_or_many(
    worker, client_for, queries_for, django_assert_max_num_queries
):
    others = [UserFactory() for _ in range(3)]  # two places and one waiting on each
    client = client_for(None, worker)
    _populate(2, worker, others)
    client.get(SCHEDULE)  # warm the caches the header's menu uses
    few = queries_for(lambda: client.get(SCHEDULE + "?theme=money"))

    _populate(18, worker, others)
    with django_assert_max_num_queries(10):
        response = client.get(SCHEDULE + "?theme=money")
    assert response.status_code == 200
    assert len(titles_in(html_of(response))) == 20
    assert queries_for(lambda: client.get(SCHEDULE + "?theme=money")) == few


def test_the_count_of_sessions_matching_the_filters_agrees_with_its_number(worker, client_for):
    SessionFactory(title="Money session", theme=Theme.MONEY, starts_at=in_days(3))
    client = client_for(None, worker)
    assert "1 session matches your filters." in html_of(client.get(SCHEDULE + "?theme=money"))
    SessionFactory(title="Money session 2", theme=Theme.MONEY, starts_at=in_days(4))
    assert "2 sessions match your filters." in html_of(client.get(SCHEDULE + "?theme=money"))
