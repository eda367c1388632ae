"""axe-core on the training and cohort pages: no WCAG 2.2 AA violations it can
detect, and nothing scrolls sideways on a phone.

A link worker's pages, on the hub: the training list, a module they cannot start
yet (a prerequisite), a module they completed, a lesson, the assessment's rules,
an open attempt (and the same attempt sent empty: the error summary), a result
that did not pass and one that did, My learning, and the public certificate
check (the form, and a valid certificate). A learning coordinator's pages, on the
North West host: the cohort list, the cohort grid, members, the CSV upload form,
learning and due dates, and the reminder's confirmation.

The modules are the real demo modules (`seed_learning_content`), published and
committed for the server to see, with one link worker's records made through the
real services and a cohort in the North West schema. Everything made here is
deleted when the module ends, before the package's `people` fixture deletes the
people (their certificates and enrolments would stop it).
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.db import connection
from django.db.models import Max
from django.utils.text import slugify
from playwright.sync_api import expect

from .checks import Visit
from .conftest import signed_in_states

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

REGION = "north-west"
LINK_WORKER, COORDINATOR = "north_west_link_worker", "north_west_coordinator"  # in `people`
TRAINING = "/training/"
COMPLETED = TRAINING + "personalised-care-conversations/"  # passed at the first attempt
RETAKING = TRAINING + "safeguarding-adults/"  # failed attempt 1, attempt 2 open
LOCKED = TRAINING + "measuring-impact/"  # needs the personalised care module first


@dataclass(frozen=True)
class Training:
    first_lesson: str  # path of the completed module's first lesson
    certificate_code: str
    cohort: int


def _public_models():
    from wagtail.models import PageLogEntry, ReferenceIndex, Revision
    from wagtail.search.models import IndexEntry

    from courses.models import Certificate, Enrolment

    # Certificates before enrolments (protected), enrolments before pages (protected).
    return [Certificate, Enrolment, PageLogEntry, Revision, ReferenceIndex, IndexEntry]


def _records(link_worker) -> tuple[str, str]:
    from courses.models import CoursePage, LessonPage
    from courses.services import attempt_start, attempt_submit, enrolment_create, lesson_complete
    from courses.tests.factories import answers

    modules = {page.slug: page for page in CoursePage.objects.live()}

    def finish_lessons(slug):
        course = modules[slug]
        enrolment_create(user=link_worker, course=course)
        lessons = list(LessonPage.objects.live().child_of(course).order_by("path"))
        for lesson in lessons:
            lesson_complete(user=link_worker, lesson=lesson)
        return course, lessons

    completed, lessons = finish_lessons("personalised-care-conversations")
    attempt = attempt_start(user=link_worker, course=completed)
    attempt_submit(user=link_worker, attempt_id=attempt.pk, answers=answers(attempt))
    retaking, _ = finish_lessons("safeguarding-adults")
    attempt = attempt_start(user=link_worker, course=retaking)
    attempt_submit(user=link_worker, attempt_id=attempt.pk, answers=answers(attempt, right=2))
    attempt_start(user=link_worker, course=retaking)  # attempt 2, left open
    certificate = link_worker.certificates.get()
    return lessons[0].url_path.removeprefix("/home"), certificate.display_code


def _cohort(north_west, *, coordinator, link_worker) -> int:
    from datetime import timedelta

    from django.utils import timezone
    from django_tenants.utils import tenant_context

    from cohorts.services import cohort_assignment_create, cohort_create, cohort_member_add
    from courses.models import CoursePage
    from learning.accounts.tests.factories import UserFactory

    today = timezone.localdate()
    colleague = UserFactory(
        full_name="Joe Bloggs", email="joe.bloggs@example.org", region=north_west
    )
    modules = dict(CoursePage.objects.live().values_list("slug", "pk"))
    with tenant_context(north_west):
        cohort = cohort_create(
            actor=coordinator, name="Autumn starters", start_date=today - timedelta(days=60)
        )
        for person in (link_worker, colleague):
            cohort_member_add(actor=coordinator, cohort_id=cohort.pk, email=person.email)
        for item, days in (
            ("induction", -14),
            (f"course-{modules['safeguarding-adults']}", -7),
            (f"course-{modules['personalised-care-conversations']}", 21),
        ):
            cohort_assignment_create(
                actor=coordinator,
                cohort_id=cohort.pk,
                item=item,
                due_date=today + timedelta(days=days),
            )
    connection.set_schema_to_public()
    return cohort.pk


@pytest.fixture(scope="module")
def training(people, django_db_blocker) -> Training:
    """The demo modules, published; a link worker's records; a North West cohort."""
    from django_tenants.utils import tenant_context
    from wagtail.models import Page

    from cohorts.models import Cohort
    from courses.models import TrainingIndexPage
    from demo.content.publish import seed_learning_content
    from induction.models import InductionPackPage, ReferenceGuidePage, SummaryGuidePage
    from learning.home.models import HomePage
    from learning.regions.models import Region

    page_types = [InductionPackPage, ReferenceGuidePage, SummaryGuidePage, TrainingIndexPage]
    with django_db_blocker.unblock():
        connection.set_schema_to_public()
        assert not any(t.objects.exists() for t in page_types), "content pages left over"
        north_west = Region.objects.get(slug=REGION)
        swept = _public_models()
        before = {m: m.objects.aggregate(top=Max("pk"))["top"] or 0 for m in swept}

        def delete_everything():
            with tenant_context(north_west):
                Cohort.objects.all().delete()  # members, assignments and reminders with it
            connection.set_schema_to_public()
            swept[0].objects.filter(pk__gt=before[swept[0]]).delete()
            swept[1].objects.filter(pk__gt=before[swept[1]]).delete()
            for page_type in page_types:
                for page in Page.objects.type(page_type):
                    page.delete()
            for model in swept[2:]:
                model.objects.filter(pk__gt=before[model]).delete()

        try:
            seed_learning_content(HomePage.objects.get())
            first_lesson, code = _records(people.north_west_link_worker)
            made = Training(
                first_lesson=first_lesson,
                certificate_code=code,
                cohort=_cohort(
                    north_west,
                    coordinator=people.north_west_coordinator,
                    link_worker=people.north_west_link_worker,
                ),
            )
        except BaseException:
            delete_everything()
            raise
    try:
        yield made
    finally:
        with django_db_blocker.unblock():
            connection.set_schema_to_public()
            delete_everything()


@pytest.fixture(scope="module")
def sessions(training, people, server, browser):
    """(who, host) -> storage state: the link worker on the hub, the coordinator on
    the North West host (each host has its own session)."""
    return {
        (LINK_WORKER, "hub"): signed_in_states(
            browser, server.hub, people, [LINK_WORKER], TRAINING
        )[LINK_WORKER],
        (COORDINATOR, REGION): signed_in_states(
            browser, server.region(REGION), people, [COORDINATOR], "/cohorts/"
        )[COORDINATOR],
    }


# --- The pages ---------------------------------------------------------------------


def send_the_attempt_empty(page):
    with page.expect_navigation():
        page.get_by_role("button", name="Send my answers").press("Enter")
    expect(page.get_by_role("alert")).to_contain_text("There is a problem")
    expect(page.locator(".nhsuk-error-summary__list li").first).to_contain_text("Answer question")


def cohort(suffix=""):
    return lambda training: f"/cohorts/{training.cohort}/{suffix}"


def verification(training) -> str:
    return f"/certificates/verify/{training.certificate_code}/"


HUB = (LINK_WORKER, "hub")
COORDINATING = (COORDINATOR, REGION)

# name: (who and where, path or path of the data, what they do there first, what must show)
PAGES = {
    "training list": (HUB, TRAINING, None, "Safeguarding adults for link workers"),
    "module with a prerequisite": (HUB, LOCKED, None, "first"),
    "completed module": (HUB, COMPLETED, None, "Completed"),
    "lesson": (HUB, lambda t: t.first_lesson, None, "Lesson 1 of"),
    "assessment rules": (HUB, RETAKING + "assessment/", None, "Continue attempt 2"),
    "open attempt": (HUB, RETAKING + "assessment/2/", None, "Send my answers"),
    "attempt sent empty": (HUB, RETAKING + "assessment/2/", send_the_attempt_empty, None),
    "result, not passed": (HUB, RETAKING + "assessment/1/", None, "You did not pass"),
    "result, passed": (HUB, COMPLETED + "assessment/1/", None, "Download your certificate"),
    "my learning": (HUB, "/my-learning/", None, "CPD"),
    "check a certificate": (HUB, "/certificates/verify/", None, "Check a certificate"),
    "a valid certificate": (HUB, verification, None, "This certificate is valid"),
    "cohorts": (COORDINATING, "/cohorts/", None, "Autumn starters"),
    "cohort grid": (COORDINATING, cohort(), None, "Overdue"),
    "cohort members": (COORDINATING, cohort("members/"), None, "Joe Bloggs"),
    "upload members": (COORDINATING, cohort("members/upload/"), None, "CSV"),
    "learning and due dates": (COORDINATING, cohort("learning/"), None, "Induction"),
    "send a reminder": (COORDINATING, cohort("remind/"), None, "behind schedule"),
}


def visit(name, *, server, training, sessions) -> Visit:
    session, path, then, shows = PAGES[name]
    path = path(training) if callable(path) else path
    base = server.hub if session[1] == "hub" else server.region(session[1])
    return Visit(url=base + path, storage_state=sessions[session], then=then, shows=shows)


@pytest.mark.parametrize("name", PAGES)
def test_no_wcag_violations_axe_can_find(name, server, training, sessions, check_axe):
    check_axe(
        visit(name, server=server, training=training, sessions=sessions),
        name=f"training {name}",
        screenshot=f"training-{slugify(name)}",
    )


@pytest.mark.parametrize("name", PAGES)
def test_nothing_scrolls_sideways_on_a_phone(name, server, training, sessions, check_phone):
    check_phone(
        visit(name, server=server, training=training, sessions=sessions),
        name=f"training {name}",
        screenshot=f"training-{slugify(name)}",
    )


def test_the_certificate_check_works_signed_out(server, training, new_context):
    page = new_context().new_page()
    page.goto(server.hub + "/certificates/verify/")
    page.get_by_label("Certificate code").fill(training.certificate_code.lower().replace("-", " "))
    with page.expect_navigation():
        page.get_by_role("button", name="Check certificate").press("Enter")
    expect(page.locator("main")).to_contain_text("This certificate is valid")
    expect(page.locator("main")).to_contain_text("Priya Shah")
    expect(page.locator("main")).not_to_contain_text("priya.shah@example.org")
