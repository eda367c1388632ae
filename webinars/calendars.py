"""Calendar files (RFC 5545), written with the icalendar library.

Each session is one VEVENT whose UID never changes and whose SEQUENCE is the
session's, so a calendar that already has it replaces it when it changes, and a
cancelled one arrives as STATUS:CANCELLED (with METHOD:CANCEL in an invitation
file). Times are written in Europe/London with its VTIMEZONE, so an event stays at
the same UK wall-clock time across the clock changes.
"""

from collections.abc import Iterable
from datetime import timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

from learning.regions.selectors import region_url

from .models import Session

UK = ZoneInfo("Europe/London")
PRODID = "-//NHS England//Link Worker Learning Network//EN"
UID_DOMAIN = "webinars.link-worker-learning.nhs.uk"


def session_uid(session: Session) -> str:
    return f"{session.uid}@{UID_DOMAIN}"


def site_url(region) -> str:
    """The host where a session's pages live, as links name it: a regional learning
    event's region's host, the hub for a national webinar."""
    if region is None or region.is_hub:
        return settings.HUB_URL
    return region_url(region.slug)


def session_url(session: Session) -> str:
    return site_url(session.region) + session.get_absolute_url()


def _event(session: Session, *, with_join_link: bool) -> Event:
    event = Event()
    event.add("uid", session_uid(session))
    event.add("sequence", session.sequence)
    event.add("dtstamp", timezone.now())
    event.add("last-modified", session.updated_at)
    event.add("dtstart", session.starts_at.astimezone(UK))
    event.add("dtend", session.ends_at.astimezone(UK))
    title = session.title if not session.is_cancelled else f"Cancelled: {session.title}"
    event.add("summary", title)
    lines = [session.description.strip()] if session.description.strip() else []
    if session.speakers:
        lines.append(f"Speakers: {session.speakers}")
    if session.is_cancelled:
        lines.insert(0, f"This session is cancelled. {session.cancellation_reason}".strip())
    elif with_join_link and session.join_url:
        lines.append(f"Join online: {session.join_url}")
    lines.append(f"Details: {session_url(session)}")
    event.add("description", "\n\n".join(lines))
    event.add("url", session_url(session))
    if session.location:
        event.add("location", session.location)
    elif with_join_link and session.join_url and not session.is_cancelled:
        event.add("location", session.join_url)
    event.add("status", "CANCELLED" if session.is_cancelled else "CONFIRMED")
    event.add("transp", "TRANSPARENT" if session.is_cancelled else "OPAQUE")
    return event


def _calendar(*, method: str | None, name: str | None = None) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if method:
        calendar.add("method", method)
    if name:
        calendar.add("x-wr-calname", name)
        calendar.add("x-wr-timezone", "Europe/London")
        # Ask apps that poll the feed to do so hourly (RFC 7986, and Outlook's own).
        calendar.add("refresh-interval", timedelta(hours=1), parameters={"VALUE": "DURATION"})
        calendar.add("x-published-ttl", "PT1H")
    return calendar


def _with_timezone(calendar: Calendar, sessions: list[Session]) -> bytes:
    if sessions:
        # The VTIMEZONE covers the events' years only, not icalendar's default 1970 to 2038.
        first = min(s.starts_at for s in sessions).astimezone(UK).date()
        last = max(s.ends_at for s in sessions).astimezone(UK).date()
        calendar.add_missing_timezones(
            first_date=first.replace(month=1, day=1), last_date=last.replace(year=last.year + 1)
        )
    return calendar.to_ical()


def invitation_ics(session: Session, *, with_join_link: bool) -> bytes:
    """One session as a file to open in a calendar app: an invitation to publish, or
    a cancellation that removes it."""
    calendar = _calendar(method="CANCEL" if session.is_cancelled else "PUBLISH")
    calendar.add_component(_event(session, with_join_link=with_join_link))
    return _with_timezone(calendar, [session])


def feed_ics(sessions: Iterable[Session], *, joined_ids: set[int], name: str) -> bytes:
    """A person's subscribed calendar: their sessions, cancelled ones marked so.
    The joining link is in only for sessions where they have a place."""
    sessions = list(sessions)
    calendar = _calendar(method="PUBLISH", name=name)
    for session in sessions:
        calendar.add_component(_event(session, with_join_link=session.pk in joined_ids))
    return _with_timezone(calendar, sessions)
