"""axe-core on the pages where learning coordinators (and the national team) run
webinars and learning events: no WCAG 2.2 AA violations it can detect, and nothing
scrolls sideways on a phone.

The pages, as the North West's coordinator sees them: the list of their events
(upcoming and past), adding a series, adding a session (and the same form sent
empty, with the error summary), an event's page with its registration list (places,
the waiting list and a cancellation), the change form with its warning that people
will be told, the cancel confirmation, the recording and slides form, and the
feedback summary.

Series, sessions, registrations and feedback are committed for the server to see
and deleted when the module ends (registrations, feedback and changes go with their
sessions), before the package's `people` fixture deletes the people, their audit
events, their mail and their sessions.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.text import slugify
from playwright.sync_api import expect

from .checks import Visit
from .conftest import made_for_the_module, signed_in_states

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

COORDINATOR = "north_west_coordinator"  # in `people`
MANAGE = "/webinars/manage/"


@dataclass(frozen=True)
class Events:
    upcoming: int  # full, with a waiting list and a cancellation
    past: int  # over, with feedback


def _models():
    from webinars.models import Series, Session

    # Sessions before series (protected); registrations, feedback and changes go with them.
    return [Session, Series]


def _make(people) -> Events:
    from learning.accounts.tests.factories import UserFactory
    from learning.regions.models import Region
    from webinars.enums import Theme
    from webinars.models import Feedback, Registration
    from webinars.services import registration_cancel, registration_create, session_create
    from webinars.tests.factories import SeriesFactory, SessionFactory

    north_west = Region.objects.get(slug="north-west")
    coordinator = people.north_west_coordinator
    events = SeriesFactory(
        title="North West learning events", slug="browser-manage-north-west", region=north_west
    )
    soon = (timezone.now() + timedelta(days=6)).replace(hour=10, minute=0, second=0, microsecond=0)
    upcoming = session_create(
        actor=coordinator,
        series=events,
        region=north_west,
        title="Peer support morning: Greater Manchester",
        description="Bring a situation you are stuck on and meet local voluntary groups.",
        speakers="Grace Lee, North West learning coordinator",
        theme=Theme.PRACTICE,
        starts_at=soon,
        ends_at=soon + timedelta(hours=3),
        join_url="",
        location="The Beacon Community Centre, 12 Mill Lane, Manchester",
        capacity=2,
    )
    colleagues = [
        UserFactory(
            full_name="Hannah Fairclough-Brennan",
            email="hannah.fairclough-brennan.wythenshawe@example.org",
            region=north_west,
        ),
        UserFactory(
            full_name="Declan Murphy", email="declan.murphy@example.org", region=north_west
        ),
        UserFactory(full_name="Zainab Ahmed", email="zainab.ahmed@example.org", region=north_west),
    ]
    for person in [people.north_west_link_worker, *colleagues]:
        registration_create(user=person, session_id=upcoming.pk)
    registration_cancel(user=colleagues[2], session_id=upcoming.pk)  # left the waiting list

    start = timezone.now() - timedelta(days=8)
    past = SessionFactory(
        title="Learning circle: measuring what matters to people",
        series=events,
        region=north_west,
        theme=Theme.EVIDENCE,
        starts_at=start,
        ends_at=start + timedelta(minutes=90),
    )
    for person, rating, comment in (
        (
            people.north_west_link_worker,
            5,
            "Practical, and good to hear how others record outcomes.",
        ),
        (colleagues[0], 4, ""),
    ):
        Registration.objects.create(
            session=past, user=person, status="registered", queued_at=start - timedelta(days=2)
        )
        Feedback.objects.create(session=past, user=person, rating=rating, comment=comment)
    return Events(upcoming=upcoming.pk, past=past.pk)


@pytest.fixture(scope="module")
def events(people, django_db_blocker) -> Events:
    with made_for_the_module(django_db_blocker, _models(), lambda: _make(people)) as made:
        yield made


@pytest.fixture(scope="module")
def sessions(events, people, server, browser):
    """who -> Playwright storage state of a session signed in on the hub."""
    return signed_in_states(browser, server.hub, people, [COORDINATOR], MANAGE)


# --- The pages ---------------------------------------------------------------------


def send_the_session_form_empty(page):
    with page.expect_navigation():
        page.get_by_role("button", name="Add session").press("Enter")
    expect(page.get_by_role("alert")).to_contain_text("There is a problem")
    expect(page.locator(".nhsuk-error-summary__list li").first).to_contain_text("Enter a title")


def of(field: str, suffix: str = ""):
    return lambda events: f"{MANAGE}{getattr(events, field)}/{suffix}"


# name: (path or path of the data, what they do there first, what must show)
PAGES = {
    "list of events": (MANAGE, None, "Peer support morning"),
    "add a series": (MANAGE + "series/new/", None, "Whose series it is"),
    "add a session": (MANAGE + "new/", None, "Start time"),
    "add a session, sent empty": (MANAGE + "new/", send_the_session_form_empty, None),
    "event with registrations": (of("upcoming"), None, "Hannah Fairclough-Brennan"),
    "change an event": (of("upcoming", "edit/"), None, "People will be told"),
    "cancel confirmation": (of("upcoming", "cancel/"), None, "You cannot undo this"),
    "recording and slides": (of("past", "materials/"), None, "Link to the recording"),
    "feedback summary": (of("past", "feedback/"), None, "Average rating 4.5 out of 5"),
}


def visit(name, *, server, events, sessions) -> Visit:
    path, then, shows = PAGES[name]
    if callable(path):
        path = path(events)
    return Visit(url=server.hub + path, storage_state=sessions[COORDINATOR], then=then, shows=shows)


@pytest.mark.parametrize("name", PAGES)
def test_no_wcag_violations_axe_can_find(name, server, events, sessions, check_axe):
    check_axe(
        visit(name, server=server, events=events, sessions=sessions),
        name=name,
        screenshot=f"webinar-manage-{slugify(name)}",
    )


@pytest.mark.parametrize("name", PAGES)
def test_nothing_scrolls_sideways_on_a_phone(name, server, events, sessions, check_phone):
    check_phone(
        visit(name, server=server, events=events, sessions=sessions),
        name=name,
        screenshot=f"webinar-manage-{slugify(name)}",
    )


def test_the_registration_list_shows_places_then_the_waiting_list(
    server, events, sessions, new_context
):
    page = new_context(storage_state=sessions[COORDINATOR]).new_page()
    page.goto(f"{server.hub}{MANAGE}{events.upcoming}/")
    main = page.locator("main")
    expect(main).to_contain_text("2 registered, 1 on the waiting list, 1 cancelled.")
    waiting = page.get_by_role("table", name="Waiting list")
    expect(waiting).to_contain_text("Declan Murphy")
    expect(page.get_by_role("table", name="Cancelled")).to_contain_text("Zainab Ahmed")
    expect(page.get_by_role("table", name="Registered")).to_contain_text("Priya Shah")
