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

from webinars.enums import SessionStatus
from webinars.models import Attendance

from .models import Attempt, Certificate, Enrolment, LessonCompletion, LessonPage
from .services import CODE_LENGTH, normalise_code

CPD_ACTIVITY_TYPE = "Accredited module"
CPD_WEBINAR_TYPE = "Webinar"  # a national session
CPD_EVENT_TYPE = "Learning event"  # a region's session


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


def holder_attendances(user) -> list[Attendance]:
    """Sessions the person was recorded at, with their series, for the CPD log. A
    cancelled session never counts (attendance cannot be recorded for one; this
    keeps the log right whatever happens to a session later). One query."""
    return list(
        Attendance.objects.filter(user=user)
        .exclude(session__status=SessionStatus.CANCELLED)
        .select_related("session__series")
        .order_by("session__starts_at", "pk")
    )


@dataclass(frozen=True)
class CpdEntry:
    date: date
    activity: str
    activity_type: str
    hours: Decimal
    accrediting_body: str  # empty for webinars and events: they are not accredited
    reference: str  # a certificate's code, or a session's series

    @property
    def is_module(self) -> bool:
        return self.activity_type == CPD_ACTIVITY_TYPE


@dataclass(frozen=True)
class CpdLog:
    entries: list[CpdEntry]
    total_hours: Decimal


def _session_type(session) -> str:
    return CPD_EVENT_TYPE if session.is_regional else CPD_WEBINAR_TYPE


def cpd_log(certificates: list[Certificate], attendances: list[Attendance] = ()) -> CpdLog:
    """Hours by date, oldest first, from the person's certificates and the webinars
    and learning events they attended.

    A certificate's hours are read from the certificate (copied when it was issued),
    so a later change to the module does not rewrite the log; a revoked certificate
    no longer counts. A session counts its length (`Session.cpd_hours`) on its UK
    date; a cancelled one does not count."""
    dated = [
        (
            (certificate.issued_at, 0, certificate.pk),
            CpdEntry(
                date=timezone.localtime(certificate.issued_at).date(),
                activity=certificate.course_title,
                activity_type=CPD_ACTIVITY_TYPE,
                hours=certificate.cpd_hours,
                accrediting_body=certificate.accrediting_body,
                reference=certificate.display_code,
            ),
        )
        for certificate in certificates
        if not certificate.is_revoked
    ]
    dated += [
        (
            (attendance.session.starts_at, 1, attendance.pk),
            CpdEntry(
                date=timezone.localtime(attendance.session.starts_at).date(),
                activity=attendance.session.title,
                activity_type=_session_type(attendance.session),
                hours=attendance.session.cpd_hours,
                accrediting_body="",
                reference=attendance.session.series.title,
            ),
        )
        for attendance in attendances
        if not attendance.session.is_cancelled
    ]
    entries = [entry for _, entry in sorted(dated, key=lambda pair: pair[0])]
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
