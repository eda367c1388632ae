"""The demo training: three accredited modules a link worker can complete, demo
link workers at different stages, and a cohort in every region, so a coordinator
has something to see."""

import re
from collections import Counter

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django_tenants.utils import tenant_context
from wagtail.models import Page, PageLogEntry, Revision

from cohorts.enums import CellStatus
from cohorts.grid import cohort_grid
from cohorts.models import Cohort
from courses.enums import EnrolmentStatus, QuestionKind
from courses.models import (
    Attempt,
    Certificate,
    CoursePage,
    Enrolment,
    LessonCompletion,
    LessonPage,
    TrainingIndexPage,
)
from courses.services import attempt_start, attempt_submit, enrolment_create, lesson_complete
from courses.tests.factories import answers
from demo import seed
from demo.cohorts import COHORT_NAME, seed_demo_cohorts
from demo.content import courses, publish
from demo.content.publish import seed_learning_content
from demo.directory import DEMO_COHORT_LINK_WORKERS
from demo.training import cohort_email, seed_training_progress
from induction.models import StepProgress
from learning.accounts.enums import Role
from learning.accounts.models import User
from learning.accounts.tests.factories import UserFactory
from learning.home.models import HomePage
from learning.regions.models import Region

pytestmark = pytest.mark.django_db

DEMO_PASSWORD = "learning-network-demo"
MODULE_TITLES = [
    "Personalised care and 'what matters to me' conversations",
    "Safeguarding adults for link workers",
    "Measuring impact with the Common Outcomes Framework",
]


@pytest.fixture
def home(db):
    """The home page with no training yet (whatever else the session seeded)."""
    for index in TrainingIndexPage.objects.all():
        index.delete()
    return HomePage.objects.get()


@pytest.fixture
def demo_people(demo_directory):
    return demo_directory


@pytest.fixture
def training(home):
    """Only the training part of seed_learning_content (quicker than all of it)."""
    with transaction.atomic():
        publish._publish_training(home)
    return TrainingIndexPage.objects.get()


def seed_everything(home) -> None:
    """What seed_demo does after the people exist, in its order."""
    seed_learning_content(home)
    seed.seed_induction_progress()
    seed_training_progress()
    seed_demo_cohorts()


def cohort_rows() -> list[tuple]:
    """(region, cohort, members, items) of every region's cohorts."""
    rows = []
    for region in Region.objects.regional().order_by("slug"):
        with tenant_context(region):
            for cohort in Cohort.objects.order_by("pk"):
                rows.append(
                    (
                        region.slug,
                        cohort.name,
                        cohort.memberships.count(),
                        cohort.assignments.count(),
                    )
                )
    return rows


def modules() -> list[CoursePage]:
    return list(CoursePage.objects.child_of(TrainingIndexPage.objects.get()).order_by("path"))


def lessons(course) -> list[LessonPage]:
    return list(LessonPage.objects.child_of(course).order_by("path"))


def words(html) -> int:
    return len(re.sub(r"<[^>]+>", " ", str(html)).split())


def test_three_accredited_modules_are_published_under_the_training_index(training):
    index = training
    home = HomePage.objects.get()
    assert (index.title, index.slug, index.get_parent().pk) == ("Training", "training", home.pk)
    assert index.live and index.intro
    found = modules()
    assert [course.title for course in found] == MODULE_TITLES
    for course in found:
        assert course.live and len(course.summary) <= 300 and course.description
        assert 2 <= course.cpd_hours <= 4, course.title
        assert course.accrediting_body == "Personalised Care Institute"
        assert (course.pass_mark, course.max_attempts, course.shuffle) == (80, 3, True)
        assert len(course.learning_outcomes) >= 4
        assert len(course.questions) >= 8, course.title
        assert course.questions_per_attempt in (None, 8)
        assert 3 <= len(lessons(course)) <= 5, course.title
    personalised, safeguarding, impact = found
    assert not personalised.prerequisites.exists() and not safeguarding.prerequisites.exists()
    assert [row.required for row in impact.prerequisites.all()] == [personalised]


def test_every_question_has_plausible_choices_one_right_answer_if_single_and_feedback(training):
    kinds = Counter()
    for course in modules():
        texts = [block.value["text"] for block in course.questions]
        assert len(set(texts)) == len(texts), f"{course.title}: a question is repeated"
        for block in course.questions:
            value = block.value
            kinds[value["kind"]] += 1
            right = [choice for choice in value["choices"] if choice["correct"]]
            assert 3 <= len(value["choices"]) <= 5, value["text"]
            assert right, value["text"]
            if value["kind"] == QuestionKind.SINGLE:
                assert len(right) == 1, value["text"]
            else:
                assert len(right) >= 2, value["text"]
            assert len(value["feedback"]) >= 80, value["text"]
    assert kinds[QuestionKind.SINGLE] >= 10 and kinds[QuestionKind.MULTIPLE] >= 10


def test_lessons_have_substantial_content_using_the_nhs_components(training):
    for course in modules():
        used = set()
        for lesson in lessons(course):
            assert lesson.live and lesson.summary and len(lesson.summary) <= 300
            assert 5 <= lesson.minutes <= 30
            assert len(lesson.body) >= 4, lesson.title
            html = lesson.body.render_as_block()
            assert words(html) >= 350, f"{lesson.title}: {words(html)} words"
            used |= {block.block_type for block in lesson.body}
        assert {"paragraph", "inset_text", "do_list", "dont_list", "table"} <= used, course.title
        assert used & {"details", "expander"}, course.title
        assert used & {"warning_callout", "care_card"}, course.title


def test_the_modules_cover_their_topics(training):

    def text_of(course) -> str:
        html = " ".join(str(lesson.body.render_as_block()) for lesson in lessons(course))
        return re.sub(r"<[^>]+>", " ", html).lower()

    personalised, safeguarding, impact = (text_of(course) for course in modules())
    for topic in (
        "universal personalised care",
        "asset-based",
        "what matters to you",
        "personalised care and support plan",
        "shared decision making",
        "follow",
    ):
        assert topic in personalised, topic
    for topic in (
        "care act 2014",
        "empowerment",
        "prevention",
        "proportionality",
        "protection",
        "partnership",
        "accountability",
        "self-neglect",
        "making safeguarding personal",
        "call 999",
        "safeguarding lead",
        "record",
        "consent",
        "lone working",
        "boundaries",
    ):
        assert topic in safeguarding, topic
    for topic in (
        "the person",
        "health and care system",
        "community groups",
        "ons4",
        "wemwbs",
        "snomed ct",
        "case stud",
        "consent",
    ):
        assert topic in impact, topic


def test_every_page_is_live_with_its_published_revision_in_its_history(training):
    pages = Page.objects.descendant_of(TrainingIndexPage.objects.get(), inclusive=True)
    assert pages.count() == 1 + 3 + sum(len(m["lessons"]) for m in courses.TRAINING["modules"])
    for page in pages:
        assert page.live and page.live_revision_id == page.latest_revision_id, page.title
        history = PageLogEntry.objects.filter(page=page).order_by("timestamp", "pk")
        assert [entry.action for entry in history] == ["wagtail.create", "wagtail.publish"]


def test_each_module_can_be_completed_by_answering_right(training, north_west):
    learner = UserFactory(region=north_west, full_name="Ada Okoye")
    for course in modules():  # in order: the third needs the first
        enrolment_create(user=learner, course=course)
        for lesson in lessons(course):
            lesson_complete(user=learner, lesson=lesson)
        attempt = attempt_start(user=learner, course=course)
        assert attempt.total == course.attempt_size >= 8
        marked = attempt_submit(user=learner, attempt_id=attempt.pk, answers=answers(attempt))
        assert marked.passed and marked.percent == 100
        enrolment = Enrolment.objects.get(user=learner, course=course)
        assert enrolment.status == EnrolmentStatus.COMPLETED
        certificate = Certificate.objects.get(enrolment=enrolment)
        assert (certificate.course_title, certificate.cpd_hours) == (course.title, course.cpd_hours)
        assert certificate.holder_name == "Ada Okoye"


def test_the_assessment_is_not_passed_by_guessing_half(training, north_west):
    learner = UserFactory(region=north_west)
    course = modules()[1]
    enrolment_create(user=learner, course=course)
    for lesson in lessons(course):
        lesson_complete(user=learner, lesson=lesson)
    attempt = attempt_start(user=learner, course=course)
    marked = attempt_submit(
        user=learner, attempt_id=attempt.pk, answers=answers(attempt, right=attempt.total // 2)
    )
    assert marked.passed is False
    assert not Certificate.objects.filter(user=learner).exists()


def snapshot() -> dict:
    training = Page.objects.descendant_of(TrainingIndexPage.objects.get(), inclusive=True)
    return {
        "pages": Page.objects.count(),
        "training pages": sorted(training.values_list("pk", "latest_revision_id")),
        "revisions": Revision.objects.count(),
        "people": sorted(User.objects.values_list("email", flat=True)),
        "enrolments": sorted(Enrolment.objects.values_list("user__email", "course_id", "status")),
        "lessons done": LessonCompletion.objects.count(),
        "attempts": Attempt.objects.count(),
        "certificates": sorted(Certificate.objects.values_list("code", flat=True)),
        "induction": sorted(StepProgress.objects.values_list("user__email", "step_id", "status")),
        "cohorts": cohort_rows(),
    }


def test_seeding_twice_changes_nothing(home, demo_people):
    seed_everything(home)
    before = snapshot()
    assert before["enrolments"] and before["certificates"]
    seed_everything(HomePage.objects.get())
    assert snapshot() == before
    assert TrainingIndexPage.objects.count() == 1 and CoursePage.objects.count() == 3


def test_demo_link_workers_are_at_different_stages(home, demo_people):
    seed_everything(home)
    states = Counter(Enrolment.objects.values_list("status", flat=True))
    assert states[EnrolmentStatus.COMPLETED] and states[EnrolmentStatus.IN_PROGRESS]
    assert states[EnrolmentStatus.NOT_STARTED]
    assert Certificate.objects.count() == states[EnrolmentStatus.COMPLETED]
    failed = Attempt.objects.filter(passed=False)
    assert failed.filter(enrolment__status=EnrolmentStatus.IN_PROGRESS).exists()

    titles = {course.pk: course.title for course in modules()}
    patterns = set()
    for region in demo_people.values():
        worker = User.objects.get(email=f"linkworker.{region.slug}@example.org")
        mine = dict(Enrolment.objects.filter(user=worker).values_list("course_id", "status"))
        assert sorted(mine.values()) == [EnrolmentStatus.COMPLETED, EnrolmentStatus.IN_PROGRESS]
        assert len(titles) - len(mine) == 1, "one module not enrolled"
        patterns.add(tuple(sorted((titles[pk], status) for pk, status in mine.items())))

        cohort = User.objects.filter(
            email__in=[cohort_email(name) for name in DEMO_COHORT_LINK_WORKERS[region.slug]]
        )
        assert 5 <= cohort.count() <= 8
        assert all(p.role == Role.LINK_WORKER and p.pcn.ccg.region == region for p in cohort)
        assert cohort.exclude(enrolments__isnull=False).exists(), "someone has not started"
        assert cohort.filter(enrolments__status=EnrolmentStatus.COMPLETED).exists()
        assert cohort.filter(enrolments__status=EnrolmentStatus.IN_PROGRESS).exists()
        assert cohort.filter(enrolments__attempts__passed=False).exists()
        assert cohort.exclude(pk__in=StepProgress.objects.values("user")).exists()
        assert cohort.filter(pk__in=StepProgress.objects.values("user")).exists()
    assert len(patterns) == len(demo_people), "the regions differ"

    # The extra link workers can sign in with the demo password, as the others can.
    name = DEMO_COHORT_LINK_WORKERS["london"][0]
    person = User.objects.get(email=cohort_email(name))
    assert person.full_name == name and person.check_password(DEMO_PASSWORD)
    assert cohort_email("Sean O'Brien") == "sean.obrien@example.org"


def all_strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from all_strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from all_strings(item)


def test_no_placeholder_text():
    for text in all_strings(courses.TRAINING):
        assert not re.search(r"lorem|ipsum|placeholder|\btodo\b|\btbc\b|xxx", text, re.I), text


def bad_training(change) -> dict:
    module = dict(courses.PERSONALISED_CARE)
    change(module)
    return {**courses.TRAINING, "modules": [module]}


def two_right_answers(module):
    wrong = courses.question(
        "Which one?", [("This", True), ("That", True), ("Neither", False)], "Only one."
    )
    wrong["value"]["kind"] = "single"
    module["questions"] = [*module["questions"][:9], wrong]


@pytest.mark.parametrize(
    "change",
    [
        two_right_answers,
        lambda m: m.update(questions=[courses.question("No right answer?", [("A", False), ("B", False)], "None.")]),
        lambda m: m.update(questions=[{"type": "question", "value": {"text": "?", "kinds": "single"}}]),
        lambda m: m.update(questions_per_attempt=11),
        lambda m: m.update(lessons=[{**m["lessons"][0], "body": [{"type": "paragraf", "value": "<p>x</p>"}]}]),
        lambda m: m.update(summary="x" * 301),
    ],
    ids=["two right in a single", "none right", "unknown field", "draws too many", "block type", "summary"],
)  # fmt: skip
def test_invalid_training_content_is_refused_and_nothing_is_published(home, monkeypatch, change):
    monkeypatch.setattr(publish, "TRAINING", bad_training(change))
    for other in ("_publish_induction_pack", "_publish_reference_guide", "_publish_summary_guide"):
        monkeypatch.setattr(publish, other, lambda home: None)  # quicker: training only
    with pytest.raises(ValidationError):
        seed_learning_content(home)
    assert not TrainingIndexPage.objects.exists()
    assert not CoursePage.objects.exists() and not LessonPage.objects.exists()


def test_every_region_has_a_demo_cohort_showing_every_status(home, demo_people):
    seed_everything(home)
    for region in Region.objects.regional():
        link_workers = User.objects.filter(role=Role.LINK_WORKER, pcn__ccg__region=region)
        with tenant_context(region):
            cohort = Cohort.objects.get(name=COHORT_NAME)
            grid = cohort_grid(cohort=cohort)
        assert {row.email for row in grid.rows} == set(
            link_workers.values_list("email", flat=True)
        ), region.slug
        assert grid.items[0].title == "Induction pack"  # first due
        assert len(grid.items) == 3
        seen = {cell.status for row in grid.rows for cell in row.cells}
        assert {CellStatus.COMPLETED, CellStatus.IN_PROGRESS, CellStatus.OVERDUE} <= seen, (
            region.slug,
            seen,
        )
        assert grid.behind > 0  # so the coordinator's reminder has someone to remind
