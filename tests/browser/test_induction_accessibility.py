"""axe-core on the induction pages: no WCAG 2.2 AA violations it can detect, and
nothing scrolls sideways on a phone.

The pages are the ones people use every week: a link worker's task list and step
pages (with the reflection form, and its error state), the Reference Guide's
chapters, the Summary Guide, search results, and a learning coordinator's progress
table and sign-off queue.

The content is the real demo content (`seed_learning_content`: the full induction
pack, Reference Guide and Summary Guide), published and committed for the server
to see, with one link worker's steps in every status. Everything made here is
deleted when the module ends: the three page trees and the rows their publishing
left (revisions, log entries, search index entries), here; the people, their
sessions, audit events and mail, by the package's `people` fixture, which deletes
every such row made while the package ran.

Each person signs in once through the real sign-in form; the tests reuse that
session (Playwright's storage state) in fresh contexts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from django.db import connection
from django.db.models import Max
from django.utils.text import slugify
from playwright.sync_api import expect

from demo.content.reference_guide import REFERENCE_GUIDE

from .checks import Visit
from .conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

PACK = "/induction/"
REFLECTION_STEP = PACK + "referrals-and-conversations/reflect-on-a-conversation/"
COMPLETED_REFLECTION_STEP = (
    PACK + "recording-outcomes-and-your-learning/reflect-on-your-first-weeks/"
)
AWAITING_STEP = PACK + "social-prescribing-and-your-role/shadow-an-experienced-link-worker/"
RETURNED_STEP = PACK + "safeguarding-supervision-and-wellbeing/meet-your-clinical-supervisor/"
STEP_WITH_A_TABLE = (
    PACK + "social-prescribing-and-your-role/your-place-in-the-primary-care-network/"
)
COMPLETED_STEPS = [
    "what-social-prescribing-is",
    "who-social-prescribing-helps",
    "your-place-in-the-primary-care-network",
    "referral-routes-and-easy-referral",
]
GUIDE = "/" + REFERENCE_GUIDE["slug"] + "/"
CHAPTERS = [chapter["slug"] for chapter in REFERENCE_GUIDE["chapters"]]
SUMMARY_GUIDE = "/summary-guide/"


# --- Committed content and people --------------------------------------------------


@dataclass(frozen=True)
class Induction:
    link_worker: object  # steps completed, waiting for sign-off, returned, not started
    finished_link_worker: object  # every required step completed
    coordinator: object  # learning coordinator of their region


def _swept_models():
    """Rows that publishing and deleting pages leave behind outside the page tree."""
    from wagtail.models import PageLogEntry, ReferenceIndex, Revision
    from wagtail.search.models import IndexEntry

    from induction.models import StepProgress
    from webinars.models import Series, Session

    # Sessions before their series, which the pack's webinar step made.
    return [StepProgress, Session, Series, PageLogEntry, Revision, ReferenceIndex, IndexEntry]


def _progress(*, link_worker, finished_link_worker, coordinator):
    from induction.enums import StepKind
    from induction.models import InductionStepPage
    from induction.services import step_complete, step_return, step_sign_off

    steps = {s.slug: s for s in InductionStepPage.objects.live()}
    for slug in COMPLETED_STEPS:
        step_complete(user=link_worker, step=steps[slug])
    step_complete(
        user=link_worker,
        step=steps["reflect-on-your-first-weeks"],
        reflection="I met three community groups.\nThe walking group was the most welcoming.",
    )
    step_complete(user=link_worker, step=steps["shadow-an-experienced-link-worker"])
    returned = step_complete(user=link_worker, step=steps["meet-your-clinical-supervisor"])
    step_return(
        reviewer=coordinator,
        progress_id=returned.pk,
        comment="Please add the date of your first supervision session.",
    )

    for step in steps.values():
        if not step.required:
            continue
        if step.kind == StepKind.WEBINAR:
            _attended(finished_link_worker, series=step.webinar_series)
            continue
        reflection = (
            "What matters to people shaped my week." if step.kind == StepKind.REFLECTION else ""
        )
        progress = step_complete(user=finished_link_worker, step=step, reflection=reflection)
        if step.needs_sign_off:
            step_sign_off(reviewer=coordinator, progress_id=progress.pk)


def _attended(person, *, series) -> None:
    """Attendance at last week's session of the series, recorded as the attendance
    page records it: the "attend a webinar" step completes with it."""
    from datetime import timedelta

    from django.utils import timezone

    from induction.services import webinar_steps_complete
    from webinars.enums import AttendanceSource
    from webinars.models import Attendance
    from webinars.tests.factories import SessionFactory

    started = timezone.now() - timedelta(days=7)
    session = SessionFactory(series=series, starts_at=started, ends_at=started + timedelta(hours=1))
    Attendance.objects.create(session=session, user=person, source=AttendanceSource.MARKED)
    webinar_steps_complete(series_id=series.pk, user_ids=[person.pk])


@pytest.fixture(scope="module")
def induction(people, django_db_blocker) -> Induction:
    """The demo pack and guides, published, and people at every stage of the induction."""
    from wagtail.models import Page

    from courses.models import TrainingIndexPage
    from demo.content.publish import seed_learning_content
    from induction.models import InductionPackPage, ReferenceGuidePage, SummaryGuidePage
    from learning.accounts.enums import Role
    from learning.accounts.tests.factories import UserFactory
    from learning.home.models import HomePage
    from learning.regions.models import Region

    # seed_learning_content publishes the training modules too: they go as well.
    page_types = [InductionPackPage, ReferenceGuidePage, SummaryGuidePage, TrainingIndexPage]
    with django_db_blocker.unblock():
        connection.set_schema_to_public()
        assert not any(t.objects.exists() for t in page_types), "induction pages left over"
        swept = _swept_models()
        before = {m: m.objects.aggregate(top=Max("pk"))["top"] or 0 for m in swept}
        try:
            # The home page is the session's (made with the test database), and stays.
            seed_learning_content(HomePage.objects.get())
            north_west = Region.objects.get(slug="north-west")
            made = Induction(
                link_worker=UserFactory(
                    full_name="Amira Hussain", email="amira.hussain@example.org", region=north_west
                ),
                finished_link_worker=UserFactory(
                    full_name="Ben Carter", email="ben.carter@example.org", region=north_west
                ),
                coordinator=UserFactory(
                    full_name="Dana Price",
                    email="dana.price@example.org",
                    role=Role.COORDINATOR,
                    region=north_west,
                ),
            )
            _progress(
                link_worker=made.link_worker,
                finished_link_worker=made.finished_link_worker,
                coordinator=made.coordinator,
            )
        except BaseException:
            _delete_content(page_types, before, Page)
            raise
    try:
        yield made
    finally:
        with django_db_blocker.unblock():
            connection.set_schema_to_public()
            _delete_content(page_types, before, Page)


def _delete_content(page_types, before, page_model):
    for page_type in page_types:
        for page in page_model.objects.type(page_type):
            page.delete()  # with its descendants; step progress goes with the steps
    for model, top in before.items():
        model.objects.filter(pk__gt=top).delete()


@pytest.fixture(scope="module")
def sessions(induction, server, browser):
    """who -> Playwright storage state of a session signed in on the hub through the form."""
    states = {}
    for who in ("link_worker", "coordinator"):
        context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="en-GB")
        try:
            page = context.new_page()
            sign_in(page, server.hub, getattr(induction, who).email, next_path=PACK)
            assert page.url == server.hub + PACK, f"{who} did not sign in: {page.url}"
            states[who] = context.storage_state()
        finally:
            context.close()
    return states


# --- The pages ---------------------------------------------------------------------


def send_an_empty_reflection(page):
    with page.expect_navigation():
        page.get_by_role("button", name="Mark as done").click()
    expect(page.get_by_role("alert")).to_contain_text("There is a problem")
    expect(page.locator("#id_sharing_error")).to_contain_text("Choose whether to keep")
    expect(page.locator("#id_reflection_error")).to_contain_text("Write your reflection")


def some_results(page):
    expect(page.locator("main h2")).to_have_text(re.compile(r"^\d+ results? for .supervision.$"))
    expect(page.locator("main li h3 a").first).to_be_visible()


def the_person_page(induction) -> str:
    return f"/induction-progress/people/{induction.link_worker.pk}/"


def the_finished_person_page(induction) -> str:
    return f"/induction-progress/people/{induction.finished_link_worker.pk}/"


# name: (who is signed in, path or path of the data, what they do there first, what must show)
PAGES = {
    "induction task list": ("link_worker", PACK, None, "Waiting for sign-off"),
    "reflection step": ("link_worker", REFLECTION_STEP, None, "Who can read your reflection?"),
    "reflection step, sent empty": (
        "link_worker",
        REFLECTION_STEP,
        send_an_empty_reflection,
        "There is a problem",
    ),
    "completed reflection step": (
        "link_worker",
        COMPLETED_REFLECTION_STEP,
        None,
        "learning coordinators read the reflections written for this step",
    ),
    "step waiting for sign-off": ("link_worker", AWAITING_STEP, None, "waiting for your learning"),
    "step returned by the coordinator": (
        "link_worker",
        RETURNED_STEP,
        None,
        "Returned by your coordinator",
    ),
    "step with a table": ("link_worker", STEP_WITH_A_TABLE, None, "You have completed this step"),
    "Reference Guide contents": ("link_worker", GUIDE, None, None),
    **{
        f"guide chapter {n}: {slug}": ("link_worker", f"{GUIDE}{slug}/", None, None)
        for n, slug in enumerate(CHAPTERS, start=1)
    },
    "Summary Guide": ("link_worker", SUMMARY_GUIDE, None, "Common Outcomes Framework"),
    "search results": ("link_worker", "/search/?q=supervision", some_results, None),
    "search, no results": ("link_worker", "/search/?q=xylophone", None, "No results for"),
    "coordinator's progress table": ("coordinator", "/induction-progress/", None, "Amira Hussain"),
    "coordinator's tools (Manage)": ("coordinator", "/manage/", None, "Induction progress"),
    "sign-off queue": (
        "coordinator",
        "/induction-progress/sign-off/",
        None,
        "Shadow an experienced link worker",
    ),
    "a link worker's induction, for their coordinator": (
        "coordinator",
        the_person_page,
        None,
        "Amira Hussain",
    ),
    "a finished induction, one reflection kept private, for their coordinator": (
        "coordinator",
        the_finished_person_page,
        None,
        "Reflection kept private by Ben Carter",
    ),
}


def visit(name, *, server, induction, sessions) -> Visit:
    who, path, then, shows = PAGES[name]
    if callable(path):
        path = path(induction)
    return Visit(url=server.hub + path, storage_state=sessions[who], then=then, shows=shows)


@pytest.mark.parametrize("name", PAGES)
def test_no_wcag_violations_axe_can_find(name, server, induction, sessions, check_axe):
    check_axe(
        visit(name, server=server, induction=induction, sessions=sessions),
        name=name,
        screenshot=f"induction-{slugify(name)}",
    )


@pytest.mark.parametrize("name", PAGES)
def test_nothing_scrolls_sideways_on_a_phone(name, server, induction, sessions, check_phone):
    check_phone(
        visit(name, server=server, induction=induction, sessions=sessions),
        name=name,
        screenshot=f"induction-{slugify(name)}",
    )
