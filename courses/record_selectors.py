"""Read queries for training records: My learning, the CPD log and certificates.

Each person only ever reads their own records here: every query is filtered by
the user passed in, except the public verification lookup, which returns a
certificate for whoever holds its code (the page decides what to show)."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import DateTimeField, Exists, F, Func, IntegerField, OuterRef, Subquery
from django.db.models.functions import Greatest
from django.utils import timezone

from .models import Attempt, Certificate, Enrolment, LessonCompletion, LessonPage
from .services import CODE_LENGTH, normalise_code

CPD_ACTIVITY_TYPE = "Accredited module"


def _scalar(queryset, function: str, expression, output_field) -> Subquery:
    """An aggregate over a correlated queryset as one scalar subquery. A plain Func
    (not an Aggregate) so Django adds no GROUP BY: the subquery returns one row."""
    return Subquery(
        queryset.order_by().annotate(value=Func(expression, function=function)).values("value"),
        output_field=output_field,
    )


def my_enrolments(user) -> list[Enrolment]:
    """The person's enrolments, most recently active first, each with
    `lessons_done`, `lessons_total` (live lessons only, as the completion rule
    counts them), `attempts_used`, `passed` and `last_activity`, in one query
    whatever their number."""
    # A module's lessons are its children: its path as a prefix, one level deeper.
    live_lessons = LessonPage.objects.live().filter(
        path__startswith=OuterRef("course__path"), depth=OuterRef("course__depth") + 1
    )
    done_lessons = LessonCompletion.objects.filter(
        enrolment=OuterRef("pk"),
        lesson__live=True,
        lesson__path__startswith=OuterRef("course__path"),
    )
    completions = LessonCompletion.objects.filter(enrolment=OuterRef("pk"))
    attempts = Attempt.objects.filter(enrolment=OuterRef("pk"))
    moment = DateTimeField()
    return list(
        Enrolment.objects.filter(user=user)
        .select_related("course")
        .annotate(
            lessons_total=_scalar(live_lessons, "COUNT", F("pk"), IntegerField()),
            lessons_done=_scalar(done_lessons, "COUNT", F("pk"), IntegerField()),
            attempts_used=_scalar(attempts, "COUNT", F("pk"), IntegerField()),
            passed=Exists(attempts.filter(passed=True)),
            # PostgreSQL's GREATEST skips NULLs: no lesson or attempt yet is fine.
            last_activity=Greatest(
                "updated_at",
                _scalar(completions, "MAX", F("completed_at"), moment),
                _scalar(attempts, "MAX", Greatest("started_at", "submitted_at"), moment),
            ),
        )
        .order_by("-last_activity", "-pk")
    )


def holder_certificates(user) -> list[Certificate]:
    """The person's certificates, newest first (revoked ones too: the page says so)."""
    return list(Certificate.objects.filter(user=user).order_by("-issued_at", "-pk"))


def holder_certificate(user, code: str) -> Certificate | None:
    """One of the person's own certificates by its code; None for anyone else's."""
    code = normalise_code(code)
    if len(code) != CODE_LENGTH:
        return None
    return Certificate.objects.filter(user=user, code=code).first()


def certificate_by_code(code: str) -> Certificate | None:
    """Whoever's certificate has this code (public verification)."""
    code = normalise_code(code)
    if len(code) != CODE_LENGTH:
        return None
    return Certificate.objects.filter(code=code).first()


@dataclass(frozen=True)
class CpdEntry:
    date: date
    activity: str
    activity_type: str
    hours: Decimal
    accrediting_body: str
    code: str


@dataclass(frozen=True)
class CpdLog:
    entries: list[CpdEntry]
    total_hours: Decimal


def cpd_log(certificates: list[Certificate]) -> CpdLog:
    """Hours by date, oldest first, from the person's certificates. Hours are read
    from the certificate (copied when it was issued), so a later change to the
    module does not rewrite the log; a revoked certificate no longer counts."""
    entries = [
        CpdEntry(
            date=timezone.localtime(certificate.issued_at).date(),
            activity=certificate.course_title,
            activity_type=CPD_ACTIVITY_TYPE,
            hours=certificate.cpd_hours,
            accrediting_body=certificate.accrediting_body,
            code=certificate.display_code,
        )
        for certificate in sorted(certificates, key=lambda c: (c.issued_at, c.pk))
        if not certificate.is_revoked
    ]
    return CpdLog(entries=entries, total_hours=sum((e.hours for e in entries), Decimal("0")))


@dataclass(frozen=True)
class TrainingRow:
    """One of a person's modules, as their learning coordinator sees it."""

    enrolment: Enrolment
    attempts_allowed: int | None  # None: no limit

    @property
    def out_of_attempts(self) -> bool:
        enrolment = self.enrolment
        return (
            self.attempts_allowed is not None
            and not enrolment.is_completed
            and not enrolment.passed
            and enrolment.attempts_used >= self.attempts_allowed
        )


def training_of(person) -> list[TrainingRow]:
    """A link worker's modules for their coordinator's page: status, lessons,
    attempts, and whether they are stuck with none left. One query."""
    from .services import attempts_allowed

    return [
        TrainingRow(enrolment, attempts_allowed(enrolment, course=enrolment.course))
        for enrolment in my_enrolments(person)
    ]
