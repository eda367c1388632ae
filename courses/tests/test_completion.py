"""The completion rule, worked out whenever progress changes: every live lesson
done and an attempt passed completes the module and issues one certificate;
completed is final."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from courses.enums import EnrolmentStatus
from courses.models import Attempt, Certificate, CoursePrerequisite, Enrolment
from courses.services import (
    attempt_start,
    attempt_submit,
    enrolment_create,
    lesson_complete,
)
from learning.accounts.tests.factories import UserFactory

from .factories import answers, lessons_of, make_course, make_lesson

pytestmark = pytest.mark.django_db


@pytest.fixture
def learner(north_west):
    return UserFactory(region=north_west, full_name="Ada Okoye")


def status(learner, course) -> str:
    return Enrolment.objects.get(user=learner, course=course).status


def test_lessons_then_a_pass_complete_the_module_and_issue_one_certificate(learner):
    course = make_course(lessons=2, questions=4, pass_mark=75)
    enrolment_create(user=learner, course=course)
    assert status(learner, course) == EnrolmentStatus.NOT_STARTED
    first, second = lessons_of(course)
    lesson_complete(user=learner, lesson=first)
    assert status(learner, course) == EnrolmentStatus.IN_PROGRESS
    lesson_complete(user=learner, lesson=second)
    assert status(learner, course) == EnrolmentStatus.IN_PROGRESS  # not passed yet
    attempt = attempt_start(user=learner, course=course)
    marked = attempt_submit(user=learner, attempt_id=attempt.pk, answers=answers(attempt, right=3))
    assert (marked.score, marked.percent, marked.passed) == (3, 75, True)
    enrolment = Enrolment.objects.get(user=learner, course=course)
    assert enrolment.status == EnrolmentStatus.COMPLETED and enrolment.completed_at
    certificate = Certificate.objects.get(enrolment=enrolment)
    assert certificate.holder_name == "Ada Okoye"
    assert certificate.course_title == course.title
    assert len(certificate.code) == 20


def test_lessons_are_taken_in_order(learner):
    course = make_course(lessons=3)
    enrolment_create(user=learner, course=course)
    _, second, _ = lessons_of(course)
    with pytest.raises(ValidationError, match="earlier lessons"):
        lesson_complete(user=learner, lesson=second)


def test_the_assessment_waits_for_every_lesson(learner):
    course = make_course(lessons=2)
    enrolment_create(user=learner, course=course)
    with pytest.raises(ValidationError, match="every lesson"):
        attempt_start(user=learner, course=course)


def test_a_fail_uses_an_attempt_and_the_limit_is_kept(learner):
    course = make_course(lessons=1, questions=4, max_attempts=2)
    enrolment_create(user=learner, course=course)
    lesson_complete(user=learner, lesson=lessons_of(course)[0])
    for _ in range(2):
        attempt = attempt_start(user=learner, course=course)
        marked = attempt_submit(
            user=learner, attempt_id=attempt.pk, answers=answers(attempt, right=1)
        )
        assert marked.passed is False
    with pytest.raises(ValidationError, match="used all 2 attempts"):
        attempt_start(user=learner, course=course)
    assert status(learner, course) == EnrolmentStatus.IN_PROGRESS
    assert not Certificate.objects.exists()


def test_answers_that_do_not_fit_the_attempt_are_refused_and_nothing_is_saved(learner):
    course = make_course(lessons=1, questions=3)
    enrolment_create(user=learner, course=course)
    lesson_complete(user=learner, lesson=lessons_of(course)[0])
    attempt = attempt_start(user=learner, course=course)
    good = answers(attempt)
    for bad, message in (
        ({**good, "not-a-question": [good[next(iter(good))][0]]}, "not in this attempt"),
        ({**good, next(iter(good)): ["forged-key"]}, "not one of its choices"),
        ({k: v for k, v in list(good.items())[1:]}, "Answer question 1"),
    ):
        with pytest.raises(ValidationError, match=message):
            attempt_submit(user=learner, attempt_id=attempt.pk, answers=bad)
        assert Attempt.objects.get(pk=attempt.pk).submitted_at is None
    stranger = UserFactory()
    with pytest.raises(PermissionDenied):
        attempt_submit(user=stranger, attempt_id=attempt.pk, answers=good)
    attempt_submit(user=learner, attempt_id=attempt.pk, answers=good)
    with pytest.raises(ValidationError, match="already been sent"):
        attempt_submit(user=learner, attempt_id=attempt.pk, answers=good)


def test_a_changed_bank_does_not_change_an_attempt_already_taken(learner):
    course = make_course(lessons=1, questions=2)
    enrolment_create(user=learner, course=course)
    lesson_complete(user=learner, lesson=lessons_of(course)[0])
    attempt = attempt_start(user=learner, course=course)
    before = [q["text"] for q in attempt.questions]
    course.questions = []
    course.save_revision().publish()
    assert [q["text"] for q in Attempt.objects.get(pk=attempt.pk).questions] == before


def test_a_lesson_published_later_holds_back_open_enrolments_but_not_completed_ones(
    learner, north_west
):
    other = UserFactory(region=north_west)
    course = make_course(lessons=1, questions=1, pass_mark=100)
    for person in (learner, other):
        enrolment_create(user=person, course=course)
        lesson_complete(user=person, lesson=lessons_of(course)[0])
    attempt = attempt_start(user=learner, course=course)
    attempt_submit(user=learner, attempt_id=attempt.pk, answers=answers(attempt))
    assert status(learner, course) == EnrolmentStatus.COMPLETED
    extra = make_lesson(course, "Lesson added later")
    extra.save_revision().publish()
    assert status(learner, course) == EnrolmentStatus.COMPLETED  # a credential stays
    assert status(other, course) == EnrolmentStatus.IN_PROGRESS
    with pytest.raises(ValidationError, match="every lesson"):
        attempt_start(user=other, course=course)
    extra.unpublish()
    attempt = attempt_start(user=other, course=course)
    attempt_submit(user=other, attempt_id=attempt.pk, answers=answers(attempt))
    assert status(other, course) == EnrolmentStatus.COMPLETED


def test_prerequisites_must_be_completed_before_enrolling(learner):
    basics = make_course("Basics", lessons=1, questions=1)
    advanced = make_course("Advanced", lessons=1, questions=1)
    CoursePrerequisite.objects.create(course=advanced, required=basics)
    with pytest.raises(ValidationError, match="Complete these modules first: Basics"):
        enrolment_create(user=learner, course=advanced)
    basics_lesson = lessons_of(basics)[0]
    enrolment_create(user=learner, course=basics)
    lesson_complete(user=learner, lesson=basics_lesson)
    attempt = attempt_start(user=learner, course=basics)
    attempt_submit(user=learner, attempt_id=attempt.pk, answers=answers(attempt))
    assert enrolment_create(user=learner, course=advanced).status == EnrolmentStatus.NOT_STARTED


def test_withdrawing_a_module_or_emptying_it_hands_out_no_certificates(learner):
    course = make_course(lessons=1, questions=0)
    enrolment_create(user=learner, course=course)
    course.unpublish()  # withdrawn: its lessons go with it
    lessons_of(course)[0].unpublish()
    assert status(learner, course) == EnrolmentStatus.NOT_STARTED
    assert not Certificate.objects.exists()


def test_a_certificate_never_shows_an_email_address(learner):
    learner.full_name = "  "
    learner.save()
    course = make_course(lessons=1, questions=0)
    enrolment_create(user=learner, course=course)
    lesson_complete(user=learner, lesson=lessons_of(course)[0])
    certificate = Certificate.objects.get(user=learner)
    assert certificate.holder_name == "Name not recorded"


def test_a_score_is_rounded_down_so_a_fail_never_reads_as_the_pass_mark():
    attempt = Attempt(questions=[{}, {}, {}], score=2, pass_mark=67)
    assert attempt.percent == 66


def test_a_completed_lesson_stays_open_when_a_lesson_is_added_before_it(learner, client_for):
    course = make_course(lessons=1, questions=1)
    enrolment_create(user=learner, course=course)
    [done] = lessons_of(course)
    lesson_complete(user=learner, lesson=done)
    added = make_lesson(course, "A new first lesson")
    added.move(done, pos="left")
    done.refresh_from_db()
    response = client_for(None, learner).get(done.url)
    assert response.status_code == 200
    assert done.title in response.content.decode()
