"""Property: whatever happens, in whatever order — lessons completed (in or out of
order), attempts passed or failed, lessons published and unpublished, the question
bank edited — the stored enrolment status agrees with the records, the learner's
cell in a coordinator's cohort grid says the same, and a certificate exists exactly
when the enrolment is completed.

Each example runs inside a savepoint that is rolled back, so examples do not see
each other's rows; the module and its pages are made once per test.
"""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django_tenants.utils import tenant_context
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from cohorts.enums import AssignmentKind
from cohorts.grid import cohort_grid
from cohorts.models import Cohort, CohortAssignment, CohortMember
from courses.enums import EnrolmentStatus
from courses.models import Certificate, CoursePage, Enrolment, LessonPage
from courses.services import (
    attempt_start,
    attempt_submit,
    enrolment_create,
    lesson_complete,
)
from learning.accounts.enums import Role
from learning.accounts.tests.factories import UserFactory

from .factories import answers, make_course, make_lesson, question

pytestmark = pytest.mark.django_db

LESSONS = 3
QUESTIONS = 4
MAX_ATTEMPTS = 3

steps = st.lists(
    st.one_of(
        st.tuples(st.just("complete"), st.integers(0, LESSONS)),  # LESSONS = the extra one
        st.tuples(st.just("attempt"), st.integers(0, QUESTIONS)),  # how many right
        st.tuples(st.just("publish"), st.integers(0, LESSONS)),
        st.tuples(st.just("unpublish"), st.integers(0, LESSONS)),
        st.tuples(st.just("bank"), st.integers(0, QUESTIONS + 2)),  # questions in the bank
    ),
    max_size=12,
)


@pytest.fixture
def module(north_west):
    course = make_course(lessons=LESSONS, questions=QUESTIONS, pass_mark=75, max_attempts=3)
    extra = make_lesson(course, "Lesson added later")
    extra.unpublish()
    lessons = list(LessonPage.objects.child_of(course).order_by("path"))
    return course, lessons, UserFactory(region=north_west)


@pytest.fixture
def cohort(north_west, module):
    """The learner in a North West cohort with the module assigned, due well ahead
    (so the cell is never overdue and must equal the enrolment's status)."""
    course, _, learner = module
    coordinator = UserFactory(region=north_west, role=Role.COORDINATOR)
    today = timezone.localdate()
    with tenant_context(north_west):
        made = Cohort.objects.create(name="Spring", start_date=today, created_by=coordinator)
        CohortMember.objects.create(cohort=made, user=learner, added_by=coordinator)
        CohortAssignment.objects.create(
            cohort=made,
            kind=AssignmentKind.COURSE,
            course=course,
            due_date=today + timedelta(days=365),
        )
    return made


def grid_status(region, cohort) -> str:
    with tenant_context(region):
        [row] = cohort_grid(cohort=cohort).rows
        [cell] = row.cells
        return cell.status


def apply(step, *, course_id, lessons, learner) -> None:
    kind, n = step
    course = CoursePage.objects.get(pk=course_id)
    try:
        with transaction.atomic():  # a refused step leaves nothing behind
            if kind == "complete":
                lesson_complete(user=learner, lesson=LessonPage.objects.get(pk=lessons[n].pk))
            elif kind == "attempt":
                attempt = attempt_start(user=learner, course=course)
                attempt_submit(
                    user=learner, attempt_id=attempt.pk, answers=answers(attempt, right=n)
                )
            elif kind == "publish":
                LessonPage.objects.get(pk=lessons[n].pk).save_revision().publish()
            elif kind == "unpublish":
                page = LessonPage.objects.get(pk=lessons[n].pk)
                if page.live:
                    page.unpublish()
            elif kind == "bank":
                course.questions = [question(f"Edited {i}?") for i in range(n)]
                course.save_revision().publish()
    except ValidationError:
        pass


def expected_state(enrolment: Enrolment, course: CoursePage) -> str:
    """The completion rule, written out again plainly as the test's own oracle."""
    lessons = set(LessonPage.objects.live().child_of(course).values_list("pk", flat=True))
    done = set(enrolment.lesson_completions.values_list("lesson_id", flat=True))
    passed_attempt = enrolment.attempts.filter(passed=True).exists()
    passed = passed_attempt or len(course.questions) == 0
    earned = passed_attempt or bool(lessons & done)
    if course.live and earned and lessons <= done and passed:
        return EnrolmentStatus.COMPLETED
    if done or enrolment.attempts.exists():
        return EnrolmentStatus.IN_PROGRESS
    return EnrolmentStatus.NOT_STARTED


def check_agreement(enrolment: Enrolment, *, region, cohort) -> None:
    enrolment.refresh_from_db()
    assert grid_status(region, cohort) == enrolment.status
    course = CoursePage.objects.get(pk=enrolment.course_id)
    certificates = Certificate.objects.filter(enrolment=enrolment).count()
    if enrolment.status == EnrolmentStatus.COMPLETED:
        assert certificates == 1
        assert enrolment.completed_at is not None
        # Earned: never handed out by lessons and questions disappearing.
        assert enrolment.attempts.filter(passed=True).exists() or (
            enrolment.lesson_completions.exists()
        )
    else:
        assert certificates == 0
        assert enrolment.completed_at is None
        # Nothing waits for a nightly job: the stored status is what the records say.
        assert enrolment.status == expected_state(enrolment, course)
    assert enrolment.attempts.filter(submitted_at=None).count() <= 1
    assert enrolment.attempts.exclude(submitted_at=None).count() <= MAX_ATTEMPTS


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=steps)
# A bank emptied after the lessons are done: the module now completes on lessons alone.
@example(steps=[("complete", 0), ("complete", 1), ("complete", 2), ("bank", 0)])
# Every lesson withdrawn and the bank emptied: nothing was done, nothing is earned.
@example(steps=[("bank", 0), ("unpublish", 0), ("unpublish", 1), ("unpublish", 2)])
# A lesson unpublished after a pass leaves nothing undone.
@example(steps=[("complete", 0), ("complete", 1), ("attempt", 4), ("unpublish", 2)])
def test_status_grid_and_certificates_agree_with_the_records_after_any_sequence(
    north_west, module, cohort, steps
):
    course, lessons, learner = module
    with transaction.atomic():
        assert grid_status(north_west, cohort) == EnrolmentStatus.NOT_STARTED  # no enrolment
        enrolment = enrolment_create(user=learner, course=course)
        for step in steps:
            apply(step, course_id=course.pk, lessons=lessons, learner=learner)
            check_agreement(enrolment, region=north_west, cohort=cohort)
        transaction.set_rollback(True)
