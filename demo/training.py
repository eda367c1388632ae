"""Demo training records, so the catalogue, the certificates and a coordinator's
cohort grid all have something to show.

- Each region's demo link worker (linkworker.<region>@example.org) has completed
  one module (with a certificate), is part-way through another and has not
  enrolled on the third; which is which differs between regions.
- Each region gains a few more link workers (DEMO_COHORT_LINK_WORKERS), at
  different stages of their induction and training: not started, part-way,
  waiting for sign-off, completed, one who failed an attempt, one who passed at
  the second go.

Everything is written through the real services (enrolment, lessons, attempts,
induction steps and sign-off), so statuses and certificates come about as they
would for a real person. Idempotent: a person who already has induction progress
or enrolments is left alone, so running it again changes nothing.
"""

import re

from allauth.account.models import EmailAddress
from django.db import transaction

from courses.models import Attempt, CoursePage, Enrolment, LessonPage
from courses.services import attempt_start, attempt_submit, enrolment_create, lesson_complete
from induction.enums import StepKind, StepStatus
from induction.models import InductionStepPage, StepProgress
from induction.selectors import counted_step_ids, induction_pack
from induction.services import step_complete, step_sign_off
from learning.accounts.enums import Role
from learning.accounts.models import PCN, User
from learning.accounts.services import user_assign_role
from learning.regions.models import Region

from .directory import DEMO_COHORT_LINK_WORKERS

# The modules, by slug (see content/courses.py).
PERSONALISED_CARE = "personalised-care-conversations"
SAFEGUARDING = "safeguarding-adults"
MEASURING_IMPACT = "measuring-impact"

# How far someone is with one module.
ENROLLED = "enrolled"  # enrolled, nothing done yet
FAILED = "failed"  # every lesson, then one attempt that did not pass
COMPLETED = "completed"  # every lesson and a passing attempt: a certificate
RETAKEN = "retaken"  # failed once, passed at the second attempt


def lessons(count: int) -> tuple[str, int]:
    """Part-way: the first `count` lessons done."""
    return ("lessons", count)


# How far someone is with their induction.
NOT_STARTED = "not_started"
STARTED = "started"  # the first few reading steps
HALFWAY = "halfway"  # the first half of the counted steps
AWAITING = "awaiting"  # every step done; offline tasks wait for the coordinator
SIGNED_OFF = "signed_off"  # every step done and signed off: induction complete

# For each region's demo link worker, chosen by the region's place in the list of
# regions: one module completed, one part-way, one not enrolled.
DEMO_WORKER_TRAINING = [
    [(PERSONALISED_CARE, COMPLETED), (SAFEGUARDING, lessons(2))],
    [(SAFEGUARDING, COMPLETED), (PERSONALISED_CARE, lessons(1))],
    [(PERSONALISED_CARE, COMPLETED), (MEASURING_IMPACT, lessons(1))],
]

# For the other link workers of a region, in the order of their names. Every region
# has at least five, so each has someone not started, part-way, failed and complete.
COHORT_PROFILES = [
    (NOT_STARTED, []),
    (HALFWAY, [(PERSONALISED_CARE, lessons(3))]),
    (HALFWAY, [(SAFEGUARDING, FAILED)]),
    (
        SIGNED_OFF,
        [(PERSONALISED_CARE, COMPLETED), (SAFEGUARDING, COMPLETED), (MEASURING_IMPACT, lessons(2))],
    ),
    (STARTED, [(PERSONALISED_CARE, ENROLLED)]),
    (AWAITING, [(SAFEGUARDING, lessons(2))]),
    (SIGNED_OFF, [(PERSONALISED_CARE, RETAKEN), (MEASURING_IMPACT, ENROLLED)]),
    (
        SIGNED_OFF,
        [(PERSONALISED_CARE, COMPLETED), (MEASURING_IMPACT, COMPLETED), (SAFEGUARDING, COMPLETED)],
    ),
]

REFLECTIONS = [
    "Letting the person talk first, without jumping to services, changed the whole "
    "conversation. Next time I want to ask more about what already helps them.",
    "I found it hard not to fill the silences. I will practise summarising back, and "
    "bring this to my next supervision session.",
    "Meeting the local groups in person showed me which ones are really welcoming. "
    "I will keep notes on access and transport for each one.",
]


def cohort_email(full_name: str) -> str:
    """first.last@example.org, letters only ("Sean O'Brien" → sean.obrien@example.org)."""
    parts = [re.sub(r"[^a-z]", "", part) for part in full_name.lower().split()]
    return f"{parts[0]}.{parts[-1]}@example.org"


def seed_training_progress(*, password: str | None = None) -> None:
    """Demo training records and the extra demo link workers. Run after the learning
    content is published. Without `password`, the extra link workers sign in with
    the password of their region's demo link worker."""
    modules = {
        course.slug: course
        for course in CoursePage.objects.live().filter(
            slug__in=[PERSONALISED_CARE, SAFEGUARDING, MEASURING_IMPACT]
        )
    }
    pack = induction_pack()
    for number, region in enumerate(Region.objects.regional().order_by("slug")):
        worker = _person("linkworker", region)
        if worker is not None:
            with transaction.atomic():
                _train(worker, DEMO_WORKER_TRAINING[number % len(DEMO_WORKER_TRAINING)], modules)
        coordinator = _person("coordinator", region)
        pcns = list(PCN.objects.filter(ccg__region=region).order_by("ccg__name", "name"))
        if not pcns:
            continue
        for index, full_name in enumerate(DEMO_COHORT_LINK_WORKERS.get(region.slug, [])):
            induction, training = COHORT_PROFILES[index % len(COHORT_PROFILES)]
            with transaction.atomic():
                person = _cohort_worker(
                    full_name, pcn=pcns[index % len(pcns)], password=password, like=worker
                )
                if pack is not None:
                    _induct(person, induction, pack=pack, coordinator=coordinator)
                _train(person, training, modules)


def _person(prefix: str, region: Region) -> User | None:
    return User.objects.filter(email=f"{prefix}.{region.slug}@example.org").first()


def _cohort_worker(full_name: str, *, pcn: PCN, password: str | None, like: User | None) -> User:
    email = cohort_email(full_name)
    user = User.objects.filter(email=email).first()
    if user is not None:
        return user
    user = User.objects.create_user(email=email, password=password, full_name=full_name)
    if password is None and like is not None:
        user.password = like.password  # the same demo password, already hashed
        user.save(update_fields=["password"])
    user_assign_role(user, role=Role.LINK_WORKER, pcn=pcn, ccg=None, regions=[])
    EmailAddress.objects.get_or_create(
        user=user, email=email, defaults={"primary": True, "verified": True}
    )
    return user


def _induct(user: User, stage: str, *, pack, coordinator: User | None) -> None:
    if stage == NOT_STARTED or StepProgress.objects.filter(user=user).exists():
        return
    counted = set(counted_step_ids(pack))
    steps = [
        step
        for step in InductionStepPage.objects.live().descendant_of(pack).order_by("path")
        if step.pk in counted
    ]
    if stage == STARTED:
        steps = [step for step in steps if step.kind == StepKind.READ][:3]
    elif stage == HALFWAY:
        steps = steps[: len(steps) // 2]
    for number, step in enumerate(steps):
        if step.kind == StepKind.WEBINAR:  # completed by attending, not by a click
            from .webinars import attend_demo_welcome_webinar

            attend_demo_welcome_webinar(user)
            continue
        reflection = (
            REFLECTIONS[number % len(REFLECTIONS)] if step.kind == StepKind.REFLECTION else ""
        )
        progress = step_complete(user=user, step=step, reflection=reflection)
        if (
            stage == SIGNED_OFF
            and coordinator is not None
            and progress.status == StepStatus.AWAITING_SIGN_OFF
        ):
            step_sign_off(
                reviewer=coordinator,
                progress_id=progress.pk,
                comment="Talked this through at our catch-up. Well done.",
            )


def _train(user: User, plan: list, modules: dict[str, CoursePage]) -> None:
    if Enrolment.objects.filter(user=user).exists():
        return
    for slug, stage in plan:
        course = modules.get(slug)
        if course is None:
            continue
        enrolment_create(user=user, course=course)
        course_lessons = list(LessonPage.objects.live().child_of(course).order_by("path"))
        done = stage[1] if isinstance(stage, tuple) else (0 if stage == ENROLLED else None)
        for lesson in course_lessons[:done]:
            lesson_complete(user=user, lesson=lesson)
        if stage in (FAILED, RETAKEN):
            _sit(user, course, passing=False)
        if stage in (COMPLETED, RETAKEN):
            _sit(user, course, passing=True)


def _sit(user: User, course: CoursePage, *, passing: bool) -> Attempt:
    """Take the assessment: every answer right, or only half of them."""
    attempt = attempt_start(user=user, course=course)
    right = attempt.total if passing else attempt.total // 2
    answers = {}
    for number, question in enumerate(attempt.questions):
        choices = question["choices"]
        if number < right:
            answers[question["id"]] = [c["key"] for c in choices if c["correct"]]
        else:
            answers[question["id"]] = [next(c["key"] for c in choices if not c["correct"])]
    return attempt_submit(user=user, attempt_id=attempt.pk, answers=answers)
