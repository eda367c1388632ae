"""Reads for link workers: the schedule, one session, their own places and their
calendar feed.

Who may attend what follows `permissions.user_in_audience`: national sessions are
for everyone signed in; a region's learning events for the people of that region
(its link workers and CCG leads through their organisation, its coordinators) and
the national team. A coordinator of two regions sees both regions' events. The
schedule and the session page use the same rule, so nothing is listed that then
turns out to be "not found".

Every list annotates what its rows show (places taken, the person's own place and
waiting-list position) in the one query, so a page costs the same whatever its size.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from learning.accounts.enums import Role
from learning.regions.models import Region

from .enums import RegistrationStatus, SessionStatus
from .models import Attendance, CalendarFeed, Feedback, Registration, Series, Session

NATIONAL = "national"  # the region filter's value for national sessions only
# The calendar feed keeps recent sessions, so a calendar does not lose last
# month's events the moment they end.
FEED_DAYS_BACK = 90
ACTIVE = (RegistrationStatus.REGISTERED, RegistrationStatus.WAITING)


# --- The audience ---------------------------------------------------------------------


def _sees_every_region(user) -> bool:
    return user.role == Role.NATIONAL


def _member_regions(user) -> QuerySet[Region]:
    """The regions whose events this person may attend: the same test as
    `user_can_enter_region`, as a query."""
    if not (user.is_authenticated and user.is_active):
        return Region.objects.none()
    if _sees_every_region(user):
        return Region.objects.regional()
    return Region.objects.filter(
        Q(coordinators=user) | Q(ccgs__pcns__link_workers=user) | Q(ccgs__leads=user)
    ).distinct()


def audience_regions(user) -> list[Region]:
    """The regions whose learning events this person may attend, by name (one query)."""
    return list(_member_regions(user).order_by("name"))


def _audience_filter(user) -> Q:
    if _sees_every_region(user):
        return Q()
    return Q(region__isnull=True) | Q(region__in=_member_regions(user).values("pk"))


def sessions_open_to(user) -> QuerySet[Session]:
    """Every session, in any state, this person may see and (while open) register for."""
    if not (user.is_authenticated and user.is_active):
        return Session.objects.none()
    return Session.objects.filter(_audience_filter(user))


def series_open_to(user) -> QuerySet[Series]:
    """Series the schedule's filter offers: national ones and the person's regions'."""
    if _sees_every_region(user):
        return Series.objects.all()
    return Series.objects.filter(
        Q(region__isnull=True) | Q(region__in=_member_regions(user).values("pk"))
    )


# --- Places, and the person's own ----------------------------------------------------


def with_places(sessions: QuerySet[Session], user) -> QuerySet[Session]:
    """Annotate `places_taken`, `places_left`, the person's `my_status` ("" when they
    have no place), `my_waiting_position` (None unless waiting), `attended` and
    `gave_feedback`: correlated subqueries, so still one query for the whole list."""
    taken = (
        Registration.objects.filter(session=OuterRef("pk"), status=RegistrationStatus.REGISTERED)
        .values("session")
        .annotate(n=Count("pk"))
        .values("n")
    )
    mine = Registration.objects.filter(session=OuterRef("pk"), user=user, status__in=ACTIVE)
    # The same order as services.waiting_position: who asked first, then row order.
    ahead = (
        Registration.objects.filter(session=OuterRef("pk"), status=RegistrationStatus.WAITING)
        .filter(
            Q(queued_at__lt=OuterRef("my_queued_at"))
            | Q(queued_at=OuterRef("my_queued_at"), pk__lte=OuterRef("my_registration_id"))
        )
        .values("session")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        sessions.select_related("series", "region")
        .annotate(
            places_taken=Coalesce(Subquery(taken, output_field=IntegerField()), 0),
            my_status=Coalesce(Subquery(mine.values("status")[:1]), Value("")),
            my_queued_at=Subquery(mine.values("queued_at")[:1]),
            my_registration_id=Subquery(mine.values("pk")[:1]),
            attended=Exists(Attendance.objects.filter(session=OuterRef("pk"), user=user)),
            gave_feedback=Exists(Feedback.objects.filter(session=OuterRef("pk"), user=user)),
        )
        .annotate(
            places_left=Greatest(F("capacity") - F("places_taken"), 0),
            my_waiting_position=Case(
                When(
                    my_status=RegistrationStatus.WAITING,
                    then=Coalesce(Subquery(ahead, output_field=IntegerField()), 1),
                ),
                default=None,
                output_field=IntegerField(),
            ),
        )
    )


# --- The schedule ---------------------------------------------------------------------


@dataclass(frozen=True)
class ScheduleFilters:
    past: bool = False
    series: Series | None = None
    theme: str = ""
    region: str = ""  # "", NATIONAL or a region's slug

    @property
    def any(self) -> bool:
        return bool(self.series or self.theme or self.region)


def schedule(user, filters: ScheduleFilters, *, now: datetime | None = None) -> QuerySet[Session]:
    """Upcoming scheduled sessions, soonest first; or, for `past`, those that have
    ended (not cancelled ones), latest first, where the recordings are."""
    now = now or timezone.now()
    sessions = sessions_open_to(user).filter(status=SessionStatus.SCHEDULED)
    if filters.past:
        sessions = sessions.filter(ends_at__lte=now).order_by("-starts_at", "-pk")
    else:
        sessions = sessions.filter(ends_at__gt=now).order_by("starts_at", "pk")
    if filters.series is not None:
        sessions = sessions.filter(series=filters.series)
    if filters.theme:
        sessions = sessions.filter(theme=filters.theme)
    if filters.region == NATIONAL:
        sessions = sessions.filter(region__isnull=True)
    elif filters.region:
        sessions = sessions.filter(region__slug=filters.region)
    return with_places(sessions, user)


def group_by_month(sessions) -> list[tuple[str, list[Session]]]:
    """[("March 2026", [sessions...]), ...] in the order given, by UK date."""
    months: list[tuple[str, list[Session]]] = []
    for session in sessions:
        label = f"{timezone.localtime(session.starts_at):%B %Y}"
        if not months or months[-1][0] != label:
            months.append((label, []))
        months[-1][1].append(session)
    return months


# --- One session ----------------------------------------------------------------------


def session_for(user, pk: int) -> Session | None:
    """The session with the person's place on it, or None when it does not exist or
    is not for them (a region's event, for someone outside that region)."""
    return with_places(sessions_open_to(user).filter(pk=pk), user).first()


def feedback_of(user, session: Session) -> Feedback | None:
    return Feedback.objects.filter(session=session, user=user).first()


def may_give_feedback(session: Session) -> bool:
    """On a session from `with_places`: it has ended (not cancelled) and the person had a
    place or was there. The service checks the same before it saves anything."""
    return (
        session.has_ended()
        and not session.is_cancelled
        and (session.my_status == RegistrationStatus.REGISTERED or session.attended)
    )


# --- My webinars ----------------------------------------------------------------------


def my_upcoming(user, *, now: datetime | None = None) -> list[Session]:
    """Sessions not yet over where the person has a place or is waiting, soonest
    first; a cancelled one stays listed (as cancelled) until its time has passed."""
    now = now or timezone.now()
    sessions = Session.objects.filter(
        ends_at__gt=now,
        registrations__user=user,
        registrations__status__in=ACTIVE,
    ).order_by("starts_at", "pk")
    return list(with_places(sessions, user))


def my_past(user, *, now: datetime | None = None) -> QuerySet[Session]:
    """Sessions that have ended which the person had a place on or attended, latest first."""
    now = now or timezone.now()
    had_place = Registration.objects.filter(
        session=OuterRef("pk"), user=user, status=RegistrationStatus.REGISTERED
    )
    was_there = Attendance.objects.filter(session=OuterRef("pk"), user=user)
    sessions = (
        Session.objects.filter(ends_at__lte=now, status=SessionStatus.SCHEDULED)
        .filter(Q(Exists(had_place)) | Q(Exists(was_there)))
        .order_by("-starts_at", "-pk")
    )
    return with_places(sessions, user)


# --- Calendar feeds -------------------------------------------------------------------


def calendar_feed_of(user) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(user=user).first()


def calendar_feed_by_token(token: str) -> CalendarFeed | None:
    """The feed with this token, if its owner's account is still active."""
    return (
        CalendarFeed.objects.select_related("user")
        .filter(token=token, user__is_active=True)
        .first()
    )


def feed_sessions(user, *, now: datetime | None = None) -> tuple[list[Session], set[int]]:
    """What a person's calendar feed carries: sessions where they have a place or are
    waiting, from FEED_DAYS_BACK ago on, cancelled ones included (so calendars mark
    them cancelled), and the ids of those where they have a place (which alone get
    the joining link)."""
    now = now or timezone.now()
    registrations = (
        Registration.objects.filter(
            user=user,
            status__in=ACTIVE,
            session__starts_at__gte=now - timedelta(days=FEED_DAYS_BACK),
        )
        .select_related("session__region")  # each event links to its own host
        .order_by("session__starts_at", "session__pk")
    )
    sessions, joined = [], set()
    for registration in registrations:
        sessions.append(registration.session)
        if registration.has_place:
            joined.add(registration.session_id)
    return sessions, joined
