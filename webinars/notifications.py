"""Emails to the people on a session: their place, the waiting list, changes,
cancellation, reminders and the recording. Each goes through the outbox with a key
that names what it is about, so a repeated task never sends the same news twice."""

from datetime import timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from learning.mail.services import outbox_enqueue

from .calendars import site_url
from .enums import ChangeKind, RegistrationStatus
from .models import Registration, ScheduleChange, Session

REMINDERS = {"24h": timedelta(hours=24), "1h": timedelta(hours=1)}
# Beat runs the reminder sweep this often; a reminder goes within one run of its time.
REMINDER_SWEEP = timedelta(minutes=5)
# A change's emails normally go within seconds; one still unsent after this long was
# lost (the broker was down), so the sweep sends it.
CHANGE_MISSED_AFTER = timedelta(minutes=5)


def _links(session: Session) -> dict:
    # On the host where the session's page lives: a regional event's region's host.
    site = site_url(session.region)
    return {
        "link": site + session.get_absolute_url(),
        "ics_link": site + reverse("webinars:invitation", args=[session.pk]),
        "my_webinars_link": site + reverse("webinars:my_webinars"),
    }


def _send(registration: Registration, *, key: str, template: str, **context) -> None:
    session = registration.session
    outbox_enqueue(
        key=key,
        to=registration.user.email,
        template=template,
        context={
            "recipient": registration.user,
            "session": session,
            "registration": registration,
            **_links(session),
            **context,
        },
    )


def _stamp(moment) -> int:
    return int(moment.timestamp())


def notify_registration(registration: Registration) -> None:
    """A place, or a place on the waiting list, confirmed by email."""
    extra = {}
    if registration.status == RegistrationStatus.REGISTERED:
        kind, template = "place", "webinar_registered"
    else:
        from .services import waiting_position

        kind, template = "waiting", "webinar_waiting"
        extra["position"] = waiting_position(registration)  # the email says where they are
    _send(
        registration,
        key=f"webinar:{registration.pk}:{kind}:{_stamp(registration.queued_at)}",
        template=template,
        **extra,
    )


def notify_promoted(registration: Registration) -> None:
    _send(
        registration,
        key=f"webinar:{registration.pk}:promoted:{_stamp(registration.promoted_at)}",
        template="webinar_promoted",
    )


def _people_told_of_changes(session: Session):
    return (
        session.registrations.filter(
            status__in=[RegistrationStatus.REGISTERED, RegistrationStatus.WAITING]
        )
        .select_related("user", "session")
        .order_by("pk")
    )


def notify_change(*, change_id: int) -> int:
    """Tell everyone registered or waiting about one change or the cancellation, once.
    Returns how many were emailed now."""
    with transaction.atomic():
        change = (
            ScheduleChange.objects.select_for_update(skip_locked=True)
            .select_related("session")
            .filter(pk=change_id, registrants_notified_at__isnull=True)
            .first()
        )
        if change is None:
            return 0
        template = "webinar_cancelled" if change.kind == ChangeKind.CANCELLED else "webinar_changed"
        count = 0
        for registration in _people_told_of_changes(change.session):
            _send(
                registration,
                key=f"webinar:{registration.pk}:{change.kind}:{change.sequence}",
                template=template,
                change=change,
            )
            count += 1
        change.registrants_notified_at = timezone.now()
        change.save(update_fields=["registrants_notified_at"])
        return count


def missed_change_ids() -> list[int]:
    cutoff = timezone.now() - CHANGE_MISSED_AFTER
    return list(
        ScheduleChange.objects.filter(registrants_notified_at__isnull=True, occurred_at__lt=cutoff)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def notify_materials(*, session_id: int) -> int:
    """The recording and slides are up: tell everyone who had a place, once each."""
    session = Session.objects.get(pk=session_id)
    count = 0
    with transaction.atomic():
        for registration in session.registrations.filter(
            status=RegistrationStatus.REGISTERED
        ).select_related("user", "session"):
            _send(
                registration,
                key=f"webinar:{registration.pk}:materials",
                template="webinar_materials",
            )
            count += 1
    return count


def reminders_due(*, now=None) -> list[tuple[Registration, str]]:
    """Places whose 24-hour or 1-hour reminder is due: the session starts within that
    time, and they had their place before it was that close (someone who registers
    an hour before needs no "tomorrow" email)."""
    now = now or timezone.now()
    due = []
    for name, before in REMINDERS.items():
        starting = Registration.objects.filter(
            status=RegistrationStatus.REGISTERED,
            session__status="scheduled",
            session__starts_at__gt=now,
            session__starts_at__lte=now + before,
        ).select_related("user", "session")
        if name == "24h":  # the 1-hour reminder takes over in the last hour
            starting = starting.filter(session__starts_at__gt=now + REMINDERS["1h"])
        for registration in starting:
            had_place_since = registration.promoted_at or registration.queued_at
            if had_place_since <= registration.session.starts_at - before:
                due.append((registration, name))
    return due


def send_reminders(*, now=None) -> int:
    """Queue every reminder that is due; the outbox key (place, which reminder, the
    start time) means a repeated sweep sends nothing twice, and a moved session gets
    its reminders again for its new time."""
    due = reminders_due(now=now)
    with transaction.atomic():
        for registration, name in due:
            _send(
                registration,
                key=(
                    f"webinar:{registration.pk}:reminder-{name}:"
                    f"{_stamp(registration.session.starts_at)}"
                ),
                template="webinar_reminder",
                when="tomorrow" if name == "24h" else "in an hour",
                reminder=name,
            )
    return len(due)
