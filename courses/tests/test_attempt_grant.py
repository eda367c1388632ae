"""A link worker who has used every attempt without passing is not stuck: their
learning coordinator (or the national team) gives them another, from the
person's page, and they are emailed."""

import pytest

from courses.models import Attempt, Enrolment
from courses.services import attempt_start, attempt_submit, enrolment_create, lesson_complete
from induction.tests.factories import make_pack
from learning.accounts.enums import Role
from learning.accounts.tests.factories import UserFactory
from learning.audit.enums import AuditAction
from learning.audit.models import AuditEvent

from .factories import answers, lessons_of, make_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def learner(north_west):
    return UserFactory(region=north_west, full_name="Ada Okoye", email="ada.okoye@nhs.net")


@pytest.fixture
def coordinator(north_west):
    return UserFactory(role=Role.COORDINATOR, region=north_west, full_name="Asha Patel")


def sit(learner, course, *, right: int) -> Attempt:
    attempt = attempt_start(user=learner, course=course)
    return attempt_submit(
        user=learner, attempt_id=attempt.pk, answers=answers(attempt, right=right)
    )


@pytest.fixture
def stuck(learner):
    """Two attempts allowed, both failed."""
    course = make_course("Safeguarding adults", lessons=1, questions=4, max_attempts=2)
    enrolment_create(user=learner, course=course)
    lesson_complete(user=learner, lesson=lessons_of(course)[0])
    sit(learner, course, right=1)
    sit(learner, course, right=2)
    return Enrolment.objects.get(user=learner, course=course)


def grant_url(enrolment) -> str:
    return f"/training-records/{enrolment.pk}/another-attempt/"


def test_the_coordinator_sees_who_is_stuck_and_gives_another_attempt(
    stuck, learner, coordinator, client_for, on_commit, mailoutbox
):
    make_pack()  # the person's page is their induction, with their training below it
    client = client_for(None, coordinator)
    page = client.get(f"/induction-progress/people/{learner.pk}/").content.decode()
    assert "Safeguarding adults" in page
    assert "2 used of 2" in page
    assert "No attempts left, and not passed." in page
    with on_commit():
        response = client.post(grant_url(stuck))
    assert response["Location"] == f"/induction-progress/people/{learner.pk}/"
    stuck.refresh_from_db()
    assert stuck.extra_attempts == 1
    course = stuck.course.specific
    rules = client_for(None, learner).get(course.url + "assessment/").content.decode()
    assert "3 (including 1 given by your learning coordinator)" in rules
    third = sit(learner, stuck.course, right=4)
    assert third.number == 3 and third.passed
    [email] = mailoutbox
    assert email.to == [learner.email]
    assert email.subject == "You have another attempt: Safeguarding adults"
    assert "/training/safeguarding-adults/assessment/" in email.body
    event = AuditEvent.objects.get(action=AuditAction.ATTEMPT_GRANTED)
    assert event.actor == coordinator and learner.email in event.subject


def test_no_attempt_is_given_while_one_is_left_or_after_a_pass(learner, coordinator, client_for):
    course = make_course("Personalised care", lessons=1, questions=4, max_attempts=2)
    enrolment_create(user=learner, course=course)
    lesson_complete(user=learner, lesson=lessons_of(course)[0])
    sit(learner, course, right=1)
    enrolment = Enrolment.objects.get(user=learner, course=course)
    client = client_for(None, coordinator)
    response = client.post(grant_url(enrolment), follow=True)
    assert "They still have an attempt left." in response.content.decode()
    sit(learner, course, right=4)
    response = client.post(grant_url(enrolment), follow=True)
    assert "already passed" in response.content.decode()
    enrolment.refresh_from_db()
    assert enrolment.extra_attempts == 0
    assert not AuditEvent.objects.filter(action=AuditAction.ATTEMPT_GRANTED).exists()


def test_only_the_persons_coordinators_and_the_national_team_can_give_one(
    stuck, learner, london, client_for
):
    other_region = UserFactory(role=Role.COORDINATOR, region=london)
    assert client_for(None, other_region).post(grant_url(stuck)).status_code == 404
    assert client_for(None, learner).post(grant_url(stuck)).status_code == 403
    assert (
        client_for(None, UserFactory(role=Role.NATIONAL)).get(grant_url(stuck)).status_code == 405
    )
    stuck.refresh_from_db()
    assert stuck.extra_attempts == 0
    national = client_for(None, UserFactory(role=Role.NATIONAL))
    assert national.post(grant_url(stuck)).status_code == 302
    stuck.refresh_from_db()
    assert stuck.extra_attempts == 1
