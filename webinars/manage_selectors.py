"""Reads for the pages where the national team and learning coordinators run the
schedule: which sessions and series are theirs, the registration list, feedback.

Every query here is bounded: lists come back as querysets the views paginate, and
counts are annotations, so a page costs the same with 5 people as with 500."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Avg, Case, Count, F, IntegerField, Q, QuerySet, Value, When, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from learning.accounts.enums import Role
from learning.regions.models import Region

from .enums import RegistrationStatus
from .models import Feedback, Registration, Series, Session
from .permissions import user_region_ids

REGISTERED = Q(registrations__status=RegistrationStatus.REGISTERED)
WAITING = Q(registrations__status=RegistrationStatus.WAITING)


def _is_national(user) -> bool:
    return user.is_authenticated and user.is_active and user.role == Role.NATIONAL


def sessions_run_by(user) -> QuerySet[Session]:
    """Every session for the national team; a coordinator's regions' events."""
    sessions = Session.objects.select_related("series", "region")
    if _is_national(user):
        return sessions
    return sessions.filter(region_id__in=user_region_ids(user))


def manage_list(*, user, now: datetime | None = None) -> QuerySet[Session]:
    """The sessions this person runs, with places taken and people waiting: those not
    yet over first (soonest first), then those that have ended (latest first)."""
    now = now or timezone.now()
    return (
        sessions_run_by(user)
        .annotate(
            taken=Count("registrations", filter=REGISTERED),
            waiting=Count("registrations", filter=WAITING),
            is_past=Case(
                When(ends_at__lte=now, then=Value(1)), default=Value(0), output_field=IntegerField()
            ),
        )
        .order_by(
            "is_past",
            # Upcoming: soonest first. Past: the same column is null, so the next decides.
            Case(When(ends_at__gt=now, then=F("starts_at"))).asc(nulls_last=True),
            F("starts_at").desc(),
            "pk",
        )
    )


def session_with_counts(*, user, pk: int) -> Session | None:
    """One session this person runs, with its counts; None when it is not theirs."""
    return (
        sessions_run_by(user)
        .annotate(
            taken=Count("registrations", filter=REGISTERED),
            waiting=Count("registrations", filter=WAITING),
            cancelled_count=Count(
                "registrations", filter=Q(registrations__status=RegistrationStatus.CANCELLED)
            ),
        )
        .filter(pk=pk)
        .first()
    )


def series_usable_by(user) -> QuerySet[Series]:
    """Series this person may add sessions to: every series for the national team; a
    coordinator only their regions' own (national series are the national team's)."""
    series = Series.objects.select_related("region").order_by("region__name", "title")
    if _is_national(user):
        return series
    return series.filter(region_id__in=user_region_ids(user))


def audience_regions_for(user) -> QuerySet[Region]:
    """Regions whose learning events this person may run (besides national, which is
    the national team's alone)."""
    if _is_national(user):
        return Region.objects.regional().order_by("name")
    return Region.objects.filter(pk__in=user_region_ids(user)).order_by("name")


# --- The registration list --------------------------------------------------------------

STATUS_ORDER = Case(
    When(status=RegistrationStatus.REGISTERED, then=Value(0)),
    When(status=RegistrationStatus.WAITING, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)


def registration_list(*, session: Session) -> QuerySet[Registration]:
    """Everyone who asked for a place: those with places in the order they asked, then
    the waiting list first come, first served (`position` 1 is next in line), then
    those who cancelled, in the order they did. One query, whatever the page size."""
    return (
        Registration.objects.filter(session=session)
        .select_related("user__pcn__ccg__region", "user__ccg__region")
        .annotate(
            status_order=STATUS_ORDER,
            # Same order as services.waiting_position, so the page and the emails agree.
            position=Window(
                RowNumber(),
                partition_by=[F("status")],
                order_by=[F("queued_at").asc(), F("pk").asc()],
            ),
        )
        .order_by("status_order", F("cancelled_at").asc(nulls_first=True), "queued_at", "pk")
    )


def person_organisation(user) -> tuple[str, str, str]:
    """(PCN, CCG, region) names of a person, from rows registration_list selected."""
    if user.pcn_id:
        ccg = user.pcn.ccg
        return user.pcn.name, ccg.name, ccg.region.name
    if user.ccg_id:
        return "", user.ccg.name, user.ccg.region.name
    return "", "", ""


# --- Feedback ---------------------------------------------------------------------------


@dataclass(frozen=True)
class FeedbackSummary:
    count: int
    average: float | None
    # (rating, how many gave it), 5 down to 1
    spread: list[tuple[int, int]]


def feedback_summary(*, session: Session) -> FeedbackSummary:
    totals = Feedback.objects.filter(session=session).aggregate(
        count=Count("pk"),
        average=Avg("rating"),
        **{f"r{n}": Count("pk", filter=Q(rating=n)) for n in range(1, 6)},
    )
    return FeedbackSummary(
        count=totals["count"],
        average=totals["average"],
        spread=[(n, totals[f"r{n}"]) for n in range(5, 0, -1)],
    )


def feedback_comments(*, session: Session) -> QuerySet[Feedback]:
    """Feedback that says something, newest first."""
    return (
        Feedback.objects.filter(session=session)
        .exclude(comment="")
        .select_related("user")
        .order_by("-created_at", "-pk")
    )
