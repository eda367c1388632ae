"""Writes to training records. Completion is worked out here, whenever something it
depends on changes, so no nightly job is needed and every reader agrees:

    an enrolment is completed when every live lesson of its module is completed
    and (if the module has an assessment) an attempt has passed. Completed is
    final: a certificate is issued at that moment, once, and later content edits
    do not take a credential away.
"""

import random
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, F, Func, IntegerField, OuterRef, Subquery
from django.utils import timezone

from learning.audit.enums import AuditAction
from learning.audit.services import audit_record

from .enums import EnrolmentStatus, QuestionKind
from .models import Attempt, Certificate, CoursePage, Enrolment, LessonCompletion, LessonPage
from .selectors import live_lesson_ids, missing_prerequisites

# Crockford's base 32: no I, L, O or U, so a code read aloud or typed is not misread.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 20  # 100 bits


def _locked_enrolment(*, user, course) -> Enrolment:
    enrolment = Enrolment.objects.select_for_update().filter(user=user, course=course).first()
    if enrolment is None:
        raise ValidationError("Enrol on this module first.")
    return enrolment


@transaction.atomic
def enrolment_create(*, user, course: CoursePage) -> Enrolment:
    """Enrol `user` on a live module whose prerequisites they have completed.
    Enrolling twice returns the same enrolment."""
    if not course.live:
        raise ValidationError("This module is not open for enrolment.")
    existing = Enrolment.objects.filter(user=user, course=course).first()
    if existing is not None:
        return existing
    missing = missing_prerequisites(user=user, course=course)
    if missing:
        titles = ", ".join(page.title for page in missing)
        raise ValidationError(f"Complete these modules first: {titles}.")
    enrolment, _ = Enrolment.objects.get_or_create(user=user, course=course)
    return enrolment


@transaction.atomic
def lesson_complete(*, user, lesson: LessonPage) -> LessonCompletion:
    """Mark a lesson done. Lessons are taken in order: every earlier live lesson of
    the module must be done first. Completing a lesson twice changes nothing."""
    if not lesson.live:
        raise ValidationError("This lesson is not available.")
    course = lesson.get_parent().specific
    enrolment = _locked_enrolment(user=user, course=course)
    done = set(enrolment.lesson_completions.values_list("lesson_id", flat=True))
    for lesson_id in live_lesson_ids(course):
        if lesson_id == lesson.pk:
            break
        if lesson_id not in done:
            raise ValidationError("Complete the earlier lessons of this module first.")
    completion, _ = LessonCompletion.objects.get_or_create(enrolment=enrolment, lesson=lesson)
    enrolment_refresh(enrolment)
    return completion


def _draw_questions(course: CoursePage) -> list[dict]:
    """Copy the questions for one attempt: drawn from the bank, in a new order when
    the module shuffles, each choice given a random key for this attempt only (so
    a key says nothing about a choice's place in the bank)."""
    bank = list(course.questions)
    if course.shuffle:
        bank = random.sample(bank, len(bank))
    drawn = []
    for block in bank[: course.attempt_size]:
        value = block.value
        choices = [
            {
                "key": secrets.token_hex(4),
                "text": choice["text"],
                "correct": bool(choice["correct"]),
            }
            for choice in value["choices"]
        ]
        if course.shuffle:
            random.shuffle(choices)
        drawn.append(
            {
                "id": block.id,
                "text": value["text"],
                "kind": value["kind"],
                "feedback": value["feedback"],
                "choices": choices,
            }
        )
    return drawn


def attempts_allowed(enrolment: Enrolment | None, *, course: CoursePage) -> int | None:
    """The module's limit plus any extra attempts given. None when there is no limit."""
    if not course.max_attempts:
        return None
    return course.max_attempts + (enrolment.extra_attempts if enrolment else 0)


def attempts_left(enrolment: Enrolment | None, *, course: CoursePage, used: int) -> int | None:
    """None when the module sets no limit."""
    allowed = attempts_allowed(enrolment, course=course)
    return None if allowed is None else max(allowed - used, 0)


@transaction.atomic
def attempt_start(*, user, course: CoursePage) -> Attempt:
    """Start an attempt at the module's assessment, or return the one already open.
    Needs every lesson done, an attempt left, and no pass yet."""
    enrolment = _locked_enrolment(user=user, course=course)
    open_attempt = enrolment.attempts.filter(submitted_at=None).first()
    if open_attempt is not None:
        return open_attempt
    if not course.has_assessment:
        raise ValidationError("This module has no assessment.")
    if enrolment.attempts.filter(passed=True).exists():
        raise ValidationError("You have already passed this assessment.")
    lessons = live_lesson_ids(course)
    done = set(enrolment.lesson_completions.values_list("lesson_id", flat=True))
    if not set(lessons) <= done:
        raise ValidationError("Complete every lesson before you take the assessment.")
    used = enrolment.attempts.count()
    if attempts_left(enrolment, course=course, used=used) == 0:
        raise ValidationError(
            f"You have used all {used} attempts at this assessment. "
            "Your learning coordinator can give you another."
        )
    attempt = Attempt.objects.create(
        enrolment=enrolment,
        number=used + 1,
        questions=_draw_questions(course),
        pass_mark=course.pass_mark,
    )
    enrolment_refresh(enrolment)
    return attempt


def _checked_answers(attempt: Attempt, answers: dict[str, list[str]]) -> dict[str, list[str]]:
    """The answers, if they fit this attempt's questions exactly; else a clear error."""
    questions = {q["id"]: q for q in attempt.questions}
    unknown = set(answers) - set(questions)
    if unknown:
        raise ValidationError("An answer was sent for a question that is not in this attempt.")
    errors = {}
    checked = {}
    for number, question in enumerate(attempt.questions, start=1):
        chosen = list(dict.fromkeys(answers.get(question["id"], [])))
        keys = {choice["key"] for choice in question["choices"]}
        if any(key not in keys for key in chosen):
            raise ValidationError(f"An answer to question {number} is not one of its choices.")
        if not chosen:
            errors[question["id"]] = f"Answer question {number}."
        elif question["kind"] == QuestionKind.SINGLE and len(chosen) > 1:
            errors[question["id"]] = f"Choose one answer to question {number}."
        checked[question["id"]] = chosen
    if errors:
        raise ValidationError(errors)
    return checked


def _is_right(question: dict, chosen: list[str]) -> bool:
    return set(chosen) == {c["key"] for c in question["choices"] if c["correct"]}


@transaction.atomic
def attempt_submit(*, user, attempt_id: int, answers: dict[str, list[str]]) -> Attempt:
    """Mark an open attempt. Every question needs an answer; answers to questions or
    choices outside the attempt are refused, and nothing is saved."""
    attempt = (
        Attempt.objects.select_for_update()
        .select_related("enrolment")
        .filter(pk=attempt_id, enrolment__user=user)
        .first()
    )
    if attempt is None:
        raise PermissionDenied("This attempt is not yours.")
    if not attempt.is_open:
        raise ValidationError("This attempt has already been sent.")
    checked = _checked_answers(attempt, answers)
    attempt.answers = checked
    attempt.score = sum(_is_right(q, checked[q["id"]]) for q in attempt.questions)
    attempt.passed = 100 * attempt.score >= attempt.pass_mark * attempt.total
    attempt.submitted_at = timezone.now()
    attempt.save(update_fields=["answers", "score", "passed", "submitted_at"])
    enrolment = Enrolment.objects.select_for_update().get(pk=attempt.enrolment_id)
    enrolment_refresh(enrolment)
    return attempt


@dataclass(frozen=True)
class Progress:
    """What an enrolment's records hold, as the completion rule reads them."""

    live_lessons_done: int  # of the module's live lessons
    any_lesson_done: bool  # any lesson, live or not
    attempted: bool
    passed_attempt: bool


def completion_state(progress: Progress, *, course: CoursePage, live_lessons: int):
    """The completion rule (before the rule that completed stays completed).

    Only a live module completes, and only on something done: a module withdrawn
    (unpublished with its lessons) or emptied of lessons and questions must not
    hand everyone enrolled a certificate."""
    passed = progress.passed_attempt or not course.has_assessment
    something_done = progress.passed_attempt or progress.live_lessons_done > 0
    all_lessons = progress.live_lessons_done >= live_lessons
    if course.live and something_done and all_lessons and passed:
        return EnrolmentStatus.COMPLETED
    if progress.any_lesson_done or progress.attempted:
        return EnrolmentStatus.IN_PROGRESS
    return EnrolmentStatus.NOT_STARTED


def _with_progress(enrolments, *, lesson_ids: list[int]):
    """Enrolments annotated with their Progress, in the same query (subqueries, not
    GROUP BY, so the rows can still be locked)."""
    completions = LessonCompletion.objects.filter(enrolment=OuterRef("pk"))
    attempts = Attempt.objects.filter(enrolment=OuterRef("pk"))
    live_done = (
        completions.filter(lesson_id__in=lesson_ids)
        .order_by()
        .annotate(n=Func(F("pk"), function="COUNT"))
        .values("n")
    )
    return enrolments.annotate(
        live_lessons_done=Subquery(live_done, output_field=IntegerField()),
        any_lesson_done=Exists(completions),
        attempted=Exists(attempts),
        passed_attempt=Exists(attempts.filter(passed=True)),
    )


def _progress_of(annotated: Enrolment) -> Progress:
    return Progress(
        live_lessons_done=annotated.live_lessons_done or 0,
        any_lesson_done=annotated.any_lesson_done,
        attempted=annotated.attempted,
        passed_attempt=annotated.passed_attempt,
    )


def enrolment_state(enrolment: Enrolment, *, course: CoursePage) -> EnrolmentStatus:
    """What the records of one enrolment say now."""
    lesson_ids = live_lesson_ids(course)
    annotated = _with_progress(Enrolment.objects.filter(pk=enrolment.pk), lesson_ids=lesson_ids)
    return completion_state(
        _progress_of(annotated.get()), course=course, live_lessons=len(lesson_ids)
    )


def _apply_state(enrolment: Enrolment, status, *, course: CoursePage) -> bool:
    """Store a new status (issuing the certificate on completion). True if changed."""
    if enrolment.is_completed or status == enrolment.status:
        return False
    enrolment.status = status
    if status == EnrolmentStatus.COMPLETED:
        enrolment.completed_at = timezone.now()
    enrolment.save(update_fields=["status", "completed_at", "updated_at"])
    if status == EnrolmentStatus.COMPLETED:
        certificate_issue(enrolment, course=course)
    return True


def enrolment_refresh(enrolment: Enrolment, *, course: CoursePage | None = None) -> Enrolment:
    """Recompute the status of a (locked) enrolment; issue the certificate when it
    completes. Completed is final."""
    if enrolment.is_completed:
        return enrolment
    course = course or enrolment.course
    _apply_state(enrolment, enrolment_state(enrolment, course=course), course=course)
    return enrolment


def course_enrolments_refresh(course: CoursePage) -> int:
    """After the module's lessons or bank change (published, unpublished, moved,
    deleted): bring every open enrolment up to date. Two queries read them all,
    whatever their number, so an editor's publish stays quick; only enrolments
    whose status changes are written. Returns how many changed."""
    lesson_ids = live_lesson_ids(course)
    changed = 0
    with transaction.atomic():
        open_enrolments = _with_progress(
            Enrolment.objects.select_for_update(of=("self",))
            .filter(course=course)
            .exclude(status=EnrolmentStatus.COMPLETED)
            .select_related("user"),
            lesson_ids=lesson_ids,
        )
        for enrolment in open_enrolments:
            status = completion_state(
                _progress_of(enrolment), course=course, live_lessons=len(lesson_ids)
            )
            changed += _apply_state(enrolment, status, course=course)
    return changed


def new_certificate_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def certificate_issue(enrolment: Enrolment, *, course: CoursePage) -> Certificate:
    """The certificate of a completed enrolment (issued once)."""
    existing = Certificate.objects.filter(enrolment=enrolment).first()
    if existing is not None:
        return existing
    user = enrolment.user
    certificate = Certificate.objects.create(
        enrolment=enrolment,
        user=user,
        code=new_certificate_code(),
        # The verification page is public: never fall back to the email address.
        holder_name=user.full_name.strip() or "Name not recorded",
        course_title=course.title,
        cpd_hours=course.cpd_hours,
        accrediting_body=course.accrediting_body,
        issued_at=enrolment.completed_at or timezone.now(),
    )
    audit_record(
        action=AuditAction.CERTIFICATE_ISSUED,
        actor=user,
        subject=f"{course.title} for {certificate.holder_name}",
        details={"certificate": certificate.pk},
    )
    return certificate


def normalise_code(text: str) -> str:
    """What someone typed or read off a certificate, as stored: no spaces or dashes,
    upper case, and the letters people confuse with digits read as those digits."""
    cleaned = "".join(ch for ch in (text or "").upper() if ch.isalnum())
    return cleaned.translate(str.maketrans({"O": "0", "I": "1", "L": "1"}))[:40]


@transaction.atomic
def certificate_revoke(*, by, certificate_id: int, reason: str, request=None) -> Certificate:
    """National team only. The verification page then says it was revoked."""
    from learning.accounts.enums import Role

    if not (by.is_superuser or getattr(by, "role", None) == Role.NATIONAL):
        raise PermissionDenied("Only the national team can revoke certificates.")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Say why the certificate is revoked."})
    if len(reason) > 500:
        raise ValidationError({"reason": "Keep the reason to 500 characters."})
    certificate = Certificate.objects.select_for_update().get(pk=certificate_id)
    if certificate.is_revoked:
        raise ValidationError("This certificate is already revoked.")
    certificate.revoked_at = timezone.now()
    certificate.revoked_reason = reason
    certificate.revoked_by = by
    certificate.save(update_fields=["revoked_at", "revoked_reason", "revoked_by"])
    audit_record(
        action=AuditAction.CERTIFICATE_REVOKED,
        actor=by,
        subject=str(certificate),
        request=request,
        details={"certificate": certificate.pk, "reason": reason},
    )
    return certificate


@transaction.atomic
def attempt_grant(*, by, enrolment_id: int, request=None) -> Enrolment:
    """Give a link worker who has used every attempt, without passing, one more.
    Their learning coordinators and the national team may; for anyone else the
    enrolment does not exist, so ids cannot be probed. The person is emailed."""
    from learning.accounts.selectors import link_workers_overseen_by
    from learning.mail.services import outbox_enqueue

    enrolment = (
        Enrolment.objects.select_for_update(of=("self",))
        .select_related("user", "course")
        .filter(pk=enrolment_id, user__in=link_workers_overseen_by(by))
        .first()
    )
    if enrolment is None:
        raise PermissionDenied("No such enrolment.")
    course = enrolment.course
    used = enrolment.attempts.count()
    if enrolment.is_completed or enrolment.attempts.filter(passed=True).exists():
        raise ValidationError("They have already passed this assessment.")
    if attempts_left(enrolment, course=course, used=used) != 0:
        raise ValidationError("They still have an attempt left.")
    enrolment.extra_attempts += 1
    enrolment.save(update_fields=["extra_attempts", "updated_at"])
    person = enrolment.user
    audit_record(
        action=AuditAction.ATTEMPT_GRANTED,
        actor=by,
        subject=f"{person.email}: {course.title}",
        request=request,
        details={"enrolment": enrolment.pk, "extra_attempts": enrolment.extra_attempts},
    )
    outbox_enqueue(
        key=f"attempt-granted-{enrolment.pk}-{enrolment.extra_attempts}",
        to=person.email,
        template="attempt_granted",
        context={
            "recipient": person,
            "course_title": course.title,
            "link": settings.HUB_URL + course.url + course.reverse_subpage("assessment"),
        },
    )
    return enrolment
