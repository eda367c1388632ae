"""axe-core and the phone check on the attendance pages, and the pages that show what
attendance does.

A learning coordinator on the North West host: the attendance list of an event
under way (with a checkbox each), the upload form, the form after a file that
cannot be used (the error summary), and the result of a Zoom report with rows
that were not recorded. A link worker on the hub: My learning with a webinar in
the CPD log, and an "attend a webinar" induction step (sessions to book, no button).
Ticking and saving is done in the browser too, without JavaScript's help.

Everything here is committed for the server to see and deleted when the module
ends, before the package's `people` fixture deletes the people."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.db import connection
from django.utils.text import slugify
from playwright.sync_api import expect

from .checks import Visit
from .conftest import made_for_the_module, signed_in_states

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

REGION = "north-west"
LINK_WORKER, COORDINATOR = "north_west_link_worker", "north_west_coordinator"  # in `people`


@dataclass(frozen=True)
class Made:
    event: int  # a North West learning event under way
    step_path: str  # the "attend a webinar" step, on the hub


def _webinar_models():
    """In an order foreign keys allow deleting them."""
    from wagtail.models import PageLogEntry, ReferenceIndex, Revision
    from wagtail.search.models import IndexEntry

    from webinars.models import Attendance, Registration, ScheduleChange, Series, Session

    return [
        Attendance,
        Registration,
        ScheduleChange,
        Session,
        PageLogEntry,
        Revision,
        ReferenceIndex,
        IndexEntry,
    ], Series


def _make(people) -> Made:
    from django.utils import timezone

    from induction.enums import StepKind
    from induction.tests.factories import make_pack, make_section, make_step
    from learning.accounts.tests.factories import UserFactory
    from learning.regions.models import Region
    from webinars.enums import AttendanceSource, RegistrationStatus
    from webinars.models import Attendance, Registration
    from webinars.tests.factories import SeriesFactory, SessionFactory

    now = timezone.now()
    north_west = Region.objects.get(slug=REGION)
    welcome = SeriesFactory(title="Welcome webinar", slug="welcome-webinar-browser")
    # A national webinar the link worker attended last month: in their CPD log. (Not
    # of the welcome series: its induction step is still to do.)
    past = SessionFactory(
        series=SeriesFactory(title="Themed webinars", slug="themed-webinars-browser"),
        title="Loneliness and isolation",
        starts_at=now - timedelta(days=30),
        ends_at=now - timedelta(days=30) + timedelta(minutes=90),
    )
    Attendance.objects.create(
        session=past, user=people.north_west_link_worker, source=AttendanceSource.MARKED
    )
    SessionFactory(
        series=welcome, title="Welcome to the network, spring", starts_at=now + timedelta(days=14)
    )
    # A North West event under way, with places taken.
    event = SessionFactory(
        region=north_west,
        title="Housing options: a workshop for link workers in the North West",
        starts_at=now - timedelta(minutes=45),
        ends_at=now + timedelta(minutes=45),
    )
    colleagues = [
        UserFactory(
            region=north_west,
            full_name=name,
            email=f"{name.lower().replace(' ', '.')}.a-rather-long-address@example-primary-care.nhs.uk",
        )
        for name in ("Amara Nwosu", "Callum Fraser", "Siobhan O'Neill")
    ]
    for person in (people.north_west_link_worker, *colleagues):
        Registration.objects.create(
            session=event, user=person, status=RegistrationStatus.REGISTERED, queued_at=now
        )
    Attendance.objects.create(
        session=event, user=colleagues[0], source=AttendanceSource.UPLOAD, minutes=52
    )
    pack = make_pack()
    section = make_section(pack, "Learning with others")
    step = make_step(section, "Join a welcome webinar", StepKind.WEBINAR, series=welcome)
    step.save_revision().publish()
    return Made(event=event.pk, step_path=step.url)


@pytest.fixture(scope="module")
def made(people, django_db_blocker) -> Made:
    from wagtail.models import Page

    from induction.models import InductionPackPage

    with django_db_blocker.unblock():
        connection.set_schema_to_public()
        assert not InductionPackPage.objects.exists(), "an induction pack was left over"
    swept, series_model = _webinar_models()

    def delete_the_pack():
        for page in Page.objects.type(InductionPackPage):
            page.delete()  # its sections, steps and their progress with it

    with made_for_the_module(
        django_db_blocker,
        [*swept, series_model],
        lambda: _make(people),
        also_delete=delete_the_pack,
    ) as made:
        yield made


@pytest.fixture(scope="module")
def sessions(made, people, server, browser):
    attendance = f"/webinars/manage/{made.event}/attendance/"
    return {
        COORDINATOR: signed_in_states(
            browser, server.region(REGION), people, [COORDINATOR], attendance
        )[COORDINATOR],
        LINK_WORKER: signed_in_states(browser, server.hub, people, [LINK_WORKER], "/my-learning/")[
            LINK_WORKER
        ],
    }


def zoom_report(people) -> dict:
    lines = [
        "Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants",
        "812 3456 7890,Housing options,03/03/2026 09:58 AM,03/03/2026 11:02 AM,"
        "grace.lee@example.org,64,4",
        "",
        "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest",
        f"Priya Shah,{people.north_west_link_worker.email},x,y,50,No",
        "Phone caller,,x,y,30,Yes",
        "Someone Else,someone.else.with.a.very.long.address@example-somewhere-else.org,x,y,20,No",
    ]
    return {"name": "zoom.csv", "mimeType": "text/csv", "buffer": "\r\n".join(lines).encode()}


def upload(file):
    def then(page):
        page.get_by_label("Upload an attendance report").set_input_files(file)
        with page.expect_navigation():
            page.get_by_role("button", name="Upload and record").click()

    return then


def pages(made, people) -> dict:
    attendance = f"/webinars/manage/{made.event}/attendance/"
    bad = {"name": "notes.csv", "mimeType": "text/csv", "buffer": b"Name,Phone\r\nAmara,0161\r\n"}
    return {
        "attendance list": (COORDINATOR, attendance, None, "Who attended"),
        "upload form": (COORDINATOR, attendance + "upload/", None, "Upload an attendance report"),
        "upload refused": (
            COORDINATOR,
            attendance + "upload/",
            upload(bad),
            "The selected file has no column of email addresses",
        ),
        "upload result": (
            COORDINATOR,
            attendance + "upload/",
            upload(zoom_report(people)),
            "Not recorded",
        ),
        "my learning with a webinar": (
            LINK_WORKER,
            "/my-learning/",
            None,
            "Loneliness and isolation",
        ),
        "attend a webinar step": (
            LINK_WORKER,
            made.step_path,
            None,
            "Attend a session of Welcome webinar",
        ),
    }


NAMES = [
    "attendance list",
    "upload form",
    "upload refused",
    "upload result",
    "my learning with a webinar",
    "attend a webinar step",
]


def visit(name, *, server, made, people, sessions) -> Visit:
    who, path, then, shows = pages(made, people)[name]
    base = server.region(REGION) if who == COORDINATOR else server.hub
    return Visit(url=base + path, storage_state=sessions[who], then=then, shows=shows)


@pytest.mark.parametrize("name", NAMES)
def test_no_wcag_violations_axe_can_find(name, server, made, people, sessions, check_axe):
    check_axe(
        visit(name, server=server, made=made, people=people, sessions=sessions),
        name=f"attendance {name}",
        screenshot=f"attendance-{slugify(name)}",
    )


@pytest.mark.parametrize("name", NAMES)
def test_nothing_scrolls_sideways_on_a_phone(name, server, made, people, sessions, check_phone):
    check_phone(
        visit(name, server=server, made=made, people=people, sessions=sessions),
        name=f"attendance {name}",
        screenshot=f"attendance-{slugify(name)}",
    )


def test_ticking_and_saving_works_without_javascript(
    server, made, people, sessions, new_context, django_db_blocker
):
    from webinars.models import Attendance

    context = new_context(storage_state=sessions[COORDINATOR], java_script_enabled=False)
    page = context.new_page()
    page.goto(server.region(REGION) + f"/webinars/manage/{made.event}/attendance/")
    page.get_by_label("Callum Fraser").check()
    page.get_by_label("Amara Nwosu").uncheck()
    with page.expect_navigation():
        page.get_by_role("button", name="Save attendance").click()
    expect(page.locator("main")).to_contain_text("Attendance saved")
    expect(page.get_by_label("Callum Fraser")).to_be_checked()
    expect(page.get_by_label("Amara Nwosu")).not_to_be_checked()
    with django_db_blocker.unblock():
        connection.set_schema_to_public()
        names = set(
            Attendance.objects.filter(session_id=made.event).values_list(
                "user__full_name", flat=True
            )
        )
    assert "Callum Fraser" in names and "Amara Nwosu" not in names
