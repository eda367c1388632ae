"""axe-core on the webinar pages a link worker uses: no WCAG 2.2 AA violations it
can detect, and nothing scrolls sideways on a phone.

The pages: the schedule (with sessions; filtered to nothing; with a filter value it
does not know, which shows the error summary), past sessions, a session's page
with a place (and its joining link), on the waiting list, full, cancelled, and
ended (with the recording and the feedback form, also sent empty), My webinars,
and the calendar feed page before and after an address is made. The registration
flow is walked through in the browser, judged at every step: the session, the
confirmation of a place, the "are you sure?" page, and the cancelled place.

Sessions are made on the hub's tables and committed for the server to see; they
are deleted when the module ends (registrations, feedback and changes go with
them), before the package's `people` fixture deletes the people, their audit
events, their mail and their sessions.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.text import slugify
from playwright.sync_api import expect

from .checks import (
    Visit,
    assert_fits_the_phone,
    assert_no_axe_violations,
    phone_context,
)
from .conftest import made_for_the_module, signed_in_states

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

LINK_WORKER, COORDINATOR = "north_west_link_worker", "north_west_coordinator"  # in `people`
SCHEDULE = "/webinars/"
JOIN_URL = "https://teams.example.org/l/meetup-join/priya-only"


@dataclass(frozen=True)
class Webinars:
    with_place: int  # the link worker has a place
    waiting: int  # full; the link worker is first on the waiting list
    cancelled: int  # cancelled by the organisers, with a reason
    ended: int  # over, with a recording; the link worker had a place
    flow: int  # a North West event to register for and cancel, in the flow test
    phone_flow: int  # the same, for the phone


def _models():
    from webinars.models import CalendarFeed, Series, Session

    # Sessions before series (protected); registrations, feedback, changes go with sessions.
    return [CalendarFeed, Session, Series]


def _make(people) -> Webinars:
    from learning.regions.models import Region
    from webinars.enums import SessionStatus, Theme
    from webinars.models import Registration
    from webinars.services import calendar_feed_create, registration_create
    from webinars.tests.factories import SeriesFactory, SessionFactory

    north_west = Region.objects.get(slug="north-west")
    worker = people.north_west_link_worker
    soon = (timezone.now() + timedelta(days=5)).replace(minute=0, second=0, microsecond=0)
    themed = SeriesFactory(title="Themed webinars 2026/27", slug="browser-themed-webinars")
    events = SeriesFactory(
        title="North West learning events", slug="browser-north-west-events", region=north_west
    )

    with_place = SessionFactory(
        title="Supporting people with money worries",
        series=themed,
        theme=Theme.MONEY,
        join_url=JOIN_URL,
        starts_at=soon,
        speakers="Amira Khan, Citizens Advice; Joe Bloggs, Wigan PCN",
        description="How to spot money worries early.\n\nWhere to refer, and what to say.",
    )
    waiting = SessionFactory(
        title="Welcome to the network", series=themed, theme=Theme.WELCOME, capacity=1,
        starts_at=soon + timedelta(days=9),
    )  # fmt: skip
    cancelled = SessionFactory(
        title="Housing options for people at risk",
        series=themed,
        theme=Theme.HOUSING,
        starts_at=soon + timedelta(days=20),
    )
    flows = [
        SessionFactory(
            title=f"North West peer learning day {n}",
            series=events,
            region=north_west,
            theme=Theme.PRACTICE,
            join_url="",
            location="Wigan Life Centre, The Wiend, Wigan WN1 1NH",
            starts_at=soon + timedelta(days=30 + n),
            ends_at=soon + timedelta(days=30 + n, hours=5),
        )
        for n in (1, 2)
    ]
    registration_create(user=worker, session_id=with_place.pk)
    registration_create(user=people.london_link_worker, session_id=waiting.pk)
    registration_create(user=worker, session_id=waiting.pk)
    registration_create(user=worker, session_id=cancelled.pk)
    type(cancelled).objects.filter(pk=cancelled.pk).update(
        status=SessionStatus.CANCELLED,
        cancelled_at=timezone.now(),
        cancellation_reason="The speaker is unwell. We will run it again in the spring.",
        sequence=1,
    )
    start = timezone.now() - timedelta(days=6)
    ended = SessionFactory(
        title="Loneliness and isolation in older age",
        series=themed,
        theme=Theme.LONELINESS,
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        recording_url="https://video.example.org/loneliness",
        slides_url="https://slides.example.org/loneliness",
    )
    Registration.objects.create(
        session=ended, user=worker, status="registered", queued_at=start - timedelta(days=3)
    )
    calendar_feed_create(user=worker)
    return Webinars(
        with_place=with_place.pk,
        waiting=waiting.pk,
        cancelled=cancelled.pk,
        ended=ended.pk,
        flow=flows[0].pk,
        phone_flow=flows[1].pk,
    )


@pytest.fixture(scope="module")
def webinars(people, django_db_blocker) -> Webinars:
    with made_for_the_module(django_db_blocker, _models(), lambda: _make(people)) as made:
        yield made


@pytest.fixture(scope="module")
def sessions(webinars, people, server, browser):
    """who -> Playwright storage state of a session signed in on the hub."""
    return signed_in_states(browser, server.hub, people, (LINK_WORKER, COORDINATOR), SCHEDULE)


# --- The pages ---------------------------------------------------------------------


def session_page(field):
    return lambda webinars: f"/webinars/{getattr(webinars, field)}/"


def the_join_link(page):
    expect(page.locator("#join-link")).to_have_attribute("href", JOIN_URL)


def send_the_feedback_empty(page):
    with page.expect_navigation():
        page.get_by_role("button", name="Send feedback").press("Enter")
    expect(page.get_by_role("alert")).to_contain_text("There is a problem")
    expect(page.locator(".nhsuk-error-message")).to_contain_text("Choose how useful")


# name: (who is signed in, path or path of the data, what they do there first,
# what must show, what the first request answers)
PAGES = {
    "schedule": (LINK_WORKER, SCHEDULE, None, "Supporting people with money worries", 200),
    "schedule, filtered to nothing": (
        LINK_WORKER,
        SCHEDULE + "?theme=carers",
        None,
        "No sessions match your filters",
        200,
    ),
    "schedule, a filter it does not know": (
        LINK_WORKER,
        SCHEDULE + "?theme=astrology",
        None,
        "Choose a theme from the list.",
        400,
    ),
    "past sessions": (
        LINK_WORKER,
        SCHEDULE + "?when=past",
        None,
        "Loneliness and isolation in older age",
        200,
    ),
    "session, with a place": (
        LINK_WORKER,
        session_page("with_place"),
        the_join_link,
        "You have a place on this session",
        200,
    ),
    "session, on the waiting list": (
        LINK_WORKER,
        session_page("waiting"),
        None,
        "You are number 1 on the waiting list",
        200,
    ),
    "session, full": (COORDINATOR, session_page("waiting"), None, "Join the waiting list", 200),
    "session, cancelled": (
        LINK_WORKER,
        session_page("cancelled"),
        None,
        "The speaker is unwell",
        200,
    ),
    "session, ended, with the recording and feedback form": (
        LINK_WORKER,
        session_page("ended"),
        None,
        "Tell us what you thought",
        200,
    ),
    "session, feedback sent empty": (
        LINK_WORKER,
        session_page("ended"),
        send_the_feedback_empty,
        None,
        200,
    ),
    "my webinars": (LINK_WORKER, "/webinars/mine/", None, "Waiting list: number 1", 200),
    "calendar feed": (LINK_WORKER, "/webinars/calendar/", None, "Stop this address", 200),
    "calendar feed, none yet": (
        COORDINATOR,
        "/webinars/calendar/",
        None,
        "Create my calendar address",
        200,
    ),
}


def visit(name, *, server, webinars, sessions) -> Visit:
    who, path, then, shows, status = PAGES[name]
    path = path(webinars) if callable(path) else path
    return Visit(
        url=server.hub + path, storage_state=sessions[who], then=then, shows=shows, status=status
    )


@pytest.mark.parametrize("name", PAGES)
def test_no_wcag_violations_axe_can_find(name, server, webinars, sessions, check_axe):
    check_axe(
        visit(name, server=server, webinars=webinars, sessions=sessions),
        name=f"webinars {name}",
        screenshot=f"webinars-{slugify(name)}",
    )


@pytest.mark.parametrize("name", PAGES)
def test_nothing_scrolls_sideways_on_a_phone(name, server, webinars, sessions, check_phone):
    check_phone(
        visit(name, server=server, webinars=webinars, sessions=sessions),
        name=f"webinars {name}",
        screenshot=f"webinars-{slugify(name)}",
    )


# --- The registration flow ---------------------------------------------------------


def walk_the_registration_flow(page, url: str, judge) -> None:
    """Register, see the confirmation, ask to cancel, confirm: with the keyboard,
    as each step's form would be used without JavaScript. `judge(page, step)` checks
    each page on the way."""
    page.goto(url)
    judge(page, "session, before registering")
    with page.expect_navigation():
        page.get_by_role("button", name="Register").press("Enter")
    expect(page.get_by_role("alert")).to_contain_text("You have a place on")
    expect(page.locator("#your-place")).to_contain_text("You have a place on this session")
    judge(page, "registration confirmation")

    with page.expect_navigation():
        page.get_by_role("button", name="Cancel my place").press("Enter")
    assert page.url == url + "cancel/"
    expect(page.locator("h1")).to_have_text("Are you sure you want to cancel your place?")
    judge(page, "are you sure you want to cancel")

    with page.expect_navigation():
        page.get_by_role("button", name="Yes, cancel my place").press("Enter")
    assert page.url == url
    expect(page.get_by_role("alert")).to_contain_text("You have cancelled your place")
    expect(page.get_by_role("button", name="Register")).to_be_visible()
    judge(page, "place cancelled")


def test_the_registration_flow_has_no_wcag_violations_axe_can_find(
    server, webinars, sessions, new_context, axe_source, screenshots_dir
):
    page = new_context(storage_state=sessions[LINK_WORKER], bypass_csp=True).new_page()

    def judge(page, step):
        page.screenshot(path=screenshots_dir / f"webinars-flow-{slugify(step)}.png", full_page=True)
        assert_no_axe_violations(page, f"webinars flow: {step}", axe_source)

    walk_the_registration_flow(page, f"{server.hub}/webinars/{webinars.flow}/", judge)


def test_the_registration_flow_fits_the_phone(
    server, webinars, sessions, new_context, screenshots_dir
):
    page = phone_context(new_context, storage_state=sessions[LINK_WORKER]).new_page()

    def judge(page, step):
        page.screenshot(path=screenshots_dir / f"webinars-flow-{slugify(step)}-phone.png")
        assert_fits_the_phone(page, f"webinars flow: {step}")

    walk_the_registration_flow(page, f"{server.hub}/webinars/{webinars.phone_flow}/", judge)
