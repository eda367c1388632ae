"""Writes for the schedule and for places on it.

Every write that changes what a calendar shows raises the session's `sequence` and
records a `ScheduleChange`: that row is what emails registrants (`notifications.py`)
and what the next coalesced circulation to CCG leads reads (`circulation.py`).
"""

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify

from learning.audit.enums import AuditAction
from learning.audit.services import audit_record
from learning.regions.models import Region

from .enums import ChangeKind, RegistrationStatus, SessionStatus
from .models import MAX_CAPACITY, Registration, ScheduleChange, Series, Session
from .permissions import user_in_audience, user_may_run_audience, user_may_run_session

# What a calendar shows: a change to any of these is news to everyone with a place.
CALENDAR_FIELDS = ("title", "description", "starts_at", "ends_at", "join_url", "location")
EDITABLE_FIELDS = (*CALENDAR_FIELDS, "speakers", "theme", "capacity")
MAX_LENGTH_HOURS = 8


# --- Series ---------------------------------------------------------------------------


def series_create(
    *, actor, title: str, description: str = "", region: Region | None = None, request=None
) -> Series:
    if not user_may_run_audience(actor, region):
        raise PermissionDenied("You can only add series for the regions you coordinate.")
    title = title.strip()
    if not title:
        raise ValidationError({"title": "Enter a title for the series."})
    base = slugify(title)[:70] or "series"
    slug, n = base, 1
    while Series.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    series = Series.objects.create(
        title=title, slug=slug, description=description.strip(), region=region
    )
    audit_record(
        action=AuditAction.WEBINAR_SERIES_CREATED, actor=actor, subject=title, request=request,
        details={"series": series.pk, "region": region.slug if region else None},
    )  # fmt: skip
    return series


# --- Sessions -------------------------------------------------------------------------


def _check_session(session: Session, *, now: datetime, check_start: bool = True) -> None:
    """The rules a session must keep, as form errors keyed by field."""
    errors = {}
    if session.series_id and session.series.region_id not in (None, session.region_id):
        errors["region"] = (
            f"“{session.series.title}” is {session.series.region}'s series: its sessions "
            f"are for {session.series.region} too."
        )
    if session.starts_at and session.ends_at:
        if session.ends_at <= session.starts_at:
            errors["ends_at"] = "The end must be after the start."
        elif (session.ends_at - session.starts_at).total_seconds() > MAX_LENGTH_HOURS * 3600:
            errors["ends_at"] = f"A session can last at most {MAX_LENGTH_HOURS} hours."
    if check_start and session.starts_at and session.starts_at <= now:
        errors["starts_at"] = "The start must be in the future."
    if not 1 <= (session.capacity or 0) <= MAX_CAPACITY:
        errors["capacity"] = f"Enter a number of places from 1 to {MAX_CAPACITY:,}."
    if session.join_url and not session.join_url.startswith("https://"):
        errors["join_url"] = "Enter the joining link as it starts: https://"
    if not session.join_url and not session.location.strip():
        errors["join_url"] = "Enter an online joining link, or a venue for an event in person."
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def session_create(*, actor, series: Series, request=None, **fields) -> Session:
    """Add a session to the schedule. `fields` are Session fields (EDITABLE_FIELDS,
    and `region` for the audience)."""
    region = fields.pop("region", None)
    if not user_may_run_audience(actor, region):
        raise PermissionDenied("You can only add events for the regions you coordinate.")
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"not session fields: {sorted(unknown)}")
    session = Session(series=series, region=region, created_by=actor, **fields)
    _check_session(session, now=timezone.now())
    session.save()
    ScheduleChange.objects.create(
        session=session, kind=ChangeKind.ADDED, sequence=session.sequence,
        registrants_notified_at=timezone.now(),
    )  # fmt: skip
    audit_record(
        action=AuditAction.WEBINAR_SESSION_CREATED, actor=actor, subject=session.title,
        request=request, details={"session": session.pk},
    )  # fmt: skip
    return session


def session_lock_for_runner(actor, session_id: int) -> Session:
    session = (
        Session.objects.select_for_update(of=("self",))
        .select_related("series", "region")
        .get(pk=session_id)
    )
    if not user_may_run_session(actor, session):
        raise PermissionDenied("Only the national team and the region's coordinators can do this.")
    return session


def _change_summary(session: Session, changed: list[str]) -> str:
    labels = {
        "title": "title", "description": "description", "join_url": "joining link",
        "location": "venue", "speakers": "speakers", "theme": "theme", "capacity": "places",
    }  # fmt: skip
    parts = []
    if "starts_at" in changed or "ends_at" in changed:
        start = timezone.localtime(session.starts_at)
        end = timezone.localtime(session.ends_at)
        parts.append(f"now {start:%A %-d %B %Y}, {start:%H:%M} to {end:%H:%M}")
    parts += [f"new {labels[name]}" for name in changed if name in labels]
    return "; ".join(parts)[:300]


@transaction.atomic
def session_update(*, actor, session_id: int, request=None, **changes) -> Session:
    """Change a session. A change to what calendars show raises its sequence and tells
    everyone registered or waiting; more places go to the waiting list at once."""
    session = session_lock_for_runner(actor, session_id)
    if session.is_cancelled:
        raise ValidationError("This session was cancelled, so it can no longer be changed.")
    if session.has_ended():
        raise ValidationError("This session has ended. You can still add its recording and slides.")
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"not session fields: {sorted(unknown)}")
    changed = [name for name, value in changes.items() if getattr(session, name) != value]
    if not changed:
        return session
    for name in changed:
        setattr(session, name, changes[name])
    now = timezone.now()
    # A session under way keeps its start (now past); its other details can change.
    _check_session(
        session, now=now, check_start="starts_at" in changed or not session.has_started(now)
    )
    if "capacity" in changed:
        taken = session.registrations.filter(status=RegistrationStatus.REGISTERED).count()
        if session.capacity < taken:
            raise ValidationError(
                {
                    "capacity": f"{taken} people already have places. Enter {taken} or more, "
                    "or cancel places first."
                }
            )
    calendar_change = any(name in CALENDAR_FIELDS for name in changed)
    if calendar_change:
        session.sequence = F("sequence") + 1
    session.save()
    session.refresh_from_db()
    if calendar_change:
        ScheduleChange.objects.create(
            session=session, kind=ChangeKind.CHANGED, sequence=session.sequence,
            summary=_change_summary(session, changed),
        )  # fmt: skip
        from .tasks import notify_registrants_of_change

        change = session.changes.latest("pk")
        transaction.on_commit(lambda: notify_registrants_of_change.delay(change.pk))
    if "capacity" in changed:
        waiting_list_promote(session=session)
    audit_record(
        action=AuditAction.WEBINAR_SESSION_CHANGED, actor=actor, subject=session.title,
        request=request, details={"session": session.pk, "changed": changed},
    )  # fmt: skip
    return session


@transaction.atomic
def session_cancel(*, actor, session_id: int, reason: str, request=None) -> Session:
    session = session_lock_for_runner(actor, session_id)
    if session.is_cancelled:
        raise ValidationError("This session is already cancelled.")
    if session.has_started():
        raise ValidationError("This session has already started, so it cannot be cancelled.")
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Say why it is cancelled: registrants are told."})
    if len(reason) > 500:
        raise ValidationError({"reason": "Keep the reason to 500 characters."})
    session.status = SessionStatus.CANCELLED
    session.cancelled_at = timezone.now()
    session.cancellation_reason = reason
    session.sequence = F("sequence") + 1
    session.save()
    session.refresh_from_db()
    change = ScheduleChange.objects.create(
        session=session, kind=ChangeKind.CANCELLED, sequence=session.sequence, summary=reason
    )
    from .tasks import notify_registrants_of_change

    transaction.on_commit(lambda: notify_registrants_of_change.delay(change.pk))
    audit_record(
        action=AuditAction.WEBINAR_SESSION_CANCELLED, actor=actor, subject=session.title,
        request=request, details={"session": session.pk, "reason": reason},
    )  # fmt: skip
    return session


@transaction.atomic
def session_publish_materials(
    *, actor, session_id: int, recording_url: str, slides_url: str, request=None
) -> Session:
    """Add or replace the recording and slides; everyone who had a place is told once."""
    session = session_lock_for_runner(actor, session_id)
    if session.is_cancelled:
        raise ValidationError("This session was cancelled.")
    errors = {
        name: "Enter a link that starts https://"
        for name, url in (("recording_url", recording_url), ("slides_url", slides_url))
        if url and not url.startswith("https://")
    }
    if errors:
        raise ValidationError(errors)
    first_time = not (session.recording_url or session.slides_url)
    session.recording_url, session.slides_url = recording_url, slides_url
    session.save(update_fields=["recording_url", "slides_url", "updated_at"])
    if first_time and (recording_url or slides_url):
        from .tasks import notify_materials_published

        transaction.on_commit(lambda: notify_materials_published.delay(session.pk))
    audit_record(
        action=AuditAction.WEBINAR_MATERIALS_PUBLISHED, actor=actor, subject=session.title,
        request=request, details={"session": session.pk},
    )  # fmt: skip
    return session


# --- Places ---------------------------------------------------------------------------


@dataclass(frozen=True)
class RegistrationResult:
    registration: Registration
    waiting_position: int | None  # None: they have a place


def _open_for_registration(session: Session, user, now: datetime) -> None:
    if session.is_cancelled:
        raise ValidationError("This session was cancelled, so you cannot register.")
    if session.has_started(now):
        raise ValidationError("This session has already started, so registration has closed.")
    if not user_in_audience(user, session):
        raise ValidationError(f"This learning event is for people in {session.region} only.")


@transaction.atomic
def registration_create(*, user, session_id: int) -> RegistrationResult:
    """Give `user` a place, or a place in the waiting list when the session is full.

    The session row is locked first, so however many people ask at once, places are
    counted one request at a time and never exceed capacity."""
    session = (
        Session.objects.select_for_update(of=("self",)).select_related("region").get(pk=session_id)
    )
    now = timezone.now()
    _open_for_registration(session, user, now)
    registration = (
        Registration.objects.select_for_update().filter(session=session, user=user).first()
    )
    if registration is not None and registration.status == RegistrationStatus.REGISTERED:
        raise ValidationError("You are already registered for this session.")
    if registration is not None and registration.status == RegistrationStatus.WAITING:
        raise ValidationError("You are already on the waiting list for this session.")
    taken = session.registrations.filter(status=RegistrationStatus.REGISTERED).count()
    status = (
        RegistrationStatus.REGISTERED if taken < session.capacity else RegistrationStatus.WAITING
    )
    if registration is None:
        registration = Registration(session=session, user=user)
    registration.status = status
    registration.queued_at = now
    registration.promoted_at = registration.cancelled_at = None
    registration.save()
    from .notifications import notify_registration

    notify_registration(registration)
    position = None if status == RegistrationStatus.REGISTERED else waiting_position(registration)
    return RegistrationResult(registration=registration, waiting_position=position)


def waiting_position(registration: Registration) -> int:
    """1 for the first person waiting."""
    return (
        Registration.objects.filter(
            session_id=registration.session_id,
            status=RegistrationStatus.WAITING,
            queued_at__lte=registration.queued_at,
        )
        .exclude(queued_at=registration.queued_at, pk__gt=registration.pk)
        .count()
    )


@transaction.atomic
def registration_cancel(*, user, session_id: int) -> Registration:
    """Give up a place (it goes to the first person waiting) or leave the waiting list."""
    session = Session.objects.select_for_update().get(pk=session_id)
    registration = (
        Registration.objects.select_for_update()
        .filter(session=session, user=user)
        .exclude(status=RegistrationStatus.CANCELLED)
        .first()
    )
    if registration is None:
        raise ValidationError("You are not registered for this session.")
    if session.has_started():
        raise ValidationError("This session has already started.")
    had_place = registration.has_place
    registration.status = RegistrationStatus.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.save(update_fields=["status", "cancelled_at"])
    if had_place and not session.is_cancelled:
        waiting_list_promote(session=session)
    return registration


def waiting_list_promote(*, session: Session) -> list[Registration]:
    """Fill free places from the waiting list, first come first served, and tell each
    person promoted. Call with the session row locked (every caller holds it)."""
    if session.is_cancelled or session.has_started():
        return []
    taken = session.registrations.filter(status=RegistrationStatus.REGISTERED).count()
    free = session.capacity - taken
    if free <= 0:
        return []
    promoted = list(
        Registration.objects.select_for_update()
        .filter(session=session, status=RegistrationStatus.WAITING)
        .order_by("queued_at", "pk")[:free]
    )
    now = timezone.now()
    from .notifications import notify_promoted

    for registration in promoted:
        registration.status = RegistrationStatus.REGISTERED
        registration.promoted_at = now
        registration.save(update_fields=["status", "promoted_at"])
        notify_promoted(registration)
    return promoted


# --- Calendar feeds and feedback (link workers) ---------------------------------------
# Imports are local to this section's functions: the section was added after the rest
# of the module, and keeps to its own end of the file.


def calendar_feed_create(*, user):
    """The person's private feed address, made the first time they ask for it; asking
    again (a second click) gives the same address."""
    from .models import CalendarFeed

    if not (user.is_authenticated and user.is_active):
        raise PermissionDenied("Sign in to make a calendar address.")
    feed, _ = CalendarFeed.objects.get_or_create(user=user)
    return feed


@transaction.atomic
def calendar_feed_revoke(*, user, request=None):
    """Replace the feed's token: the old address stops working at once (it may have
    been shared by mistake), and a new one takes its place."""
    from .models import CalendarFeed
    from .models.registrations import new_feed_token

    feed = CalendarFeed.objects.select_for_update().filter(user=user).first()
    if feed is None:
        raise ValidationError("You have no calendar address to stop.")
    feed.token = new_feed_token()
    feed.last_read_at = None
    feed.save(update_fields=["token", "last_read_at"])
    audit_record(
        action=AuditAction.CALENDAR_FEED_REVOKED, actor=user, subject="Webinar calendar feed",
        request=request, details={"feed": feed.pk},
    )  # fmt: skip
    return feed


# How often a feed's last_read_at is stamped: calendar apps poll every hour or so,
# and a write on every poll would say nothing more.
FEED_READ_STAMP_SECONDS = 3600


def calendar_feed_mark_read(*, feed_id: int, now: datetime | None = None) -> None:
    from datetime import timedelta

    from .models import CalendarFeed

    now = now or timezone.now()
    # exclude() keeps rows never read (NULL), as well as those read long enough ago.
    CalendarFeed.objects.filter(pk=feed_id).exclude(
        last_read_at__gte=now - timedelta(seconds=FEED_READ_STAMP_SECONDS)
    ).update(last_read_at=now)


ALREADY_GAVE_FEEDBACK = "You have already left feedback on this session. Thank you."


@transaction.atomic
def feedback_create(*, user, session_id: int, rating: int, comment: str = ""):
    """One person's feedback on a session that has ended, given once, by someone who
    had a place on it or was marked as there."""
    from django.db import IntegrityError

    from .models import FEEDBACK_MAX_LENGTH, Attendance, Feedback

    session = Session.objects.get(pk=session_id)
    if session.is_cancelled:
        raise ValidationError("This session was cancelled, so there is no feedback to give.")
    if not session.has_ended():
        raise ValidationError("You can leave feedback once the session has ended.")
    had_place = (
        Registration.objects.filter(
            session=session, user=user, status=RegistrationStatus.REGISTERED
        ).exists()
        or Attendance.objects.filter(session=session, user=user).exists()
    )
    if not had_place:
        raise ValidationError("Only people who had a place on this session can leave feedback.")
    errors = {}
    if isinstance(rating, bool) or not isinstance(rating, int) or not 1 <= rating <= 5:
        errors["rating"] = "Choose how useful the session was, from 1 to 5."
    comment = comment.strip()
    if len(comment) > FEEDBACK_MAX_LENGTH:
        errors["comment"] = f"Keep your comment to {FEEDBACK_MAX_LENGTH:,} characters."
    if errors:
        raise ValidationError(errors)
    if Feedback.objects.filter(session=session, user=user).exists():
        raise ValidationError(ALREADY_GAVE_FEEDBACK)
    try:
        with transaction.atomic():
            return Feedback.objects.create(
                session=session, user=user, rating=rating, comment=comment
            )
    except IntegrityError:  # a second click that lost the race to the first
        raise ValidationError(ALREADY_GAVE_FEEDBACK) from None
