"""Circulating the schedule: a digest to every CCG lead each week and after changes.
(Each lead's cascade of it to the PCN contacts on their list is in
`circulation_cascade`, and renders its email with `digest_render` here: one code
path for what a schedule email says, whoever it goes to.)

A digest is rendered once per region (national sessions plus that region's learning
events), then copied per recipient with their own one-click unsubscribe link put in
its place. Every email is an outbox row keyed `circulation:<id>:<address>` in the
batch `circulation:<id>`, so a repeated run stores nothing new, a broker outage loses
nothing (the outbox sweep sends it), and the report counts a circulation's rows.
"""

import hashlib
import secrets
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models.functions import Lower
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from learning.accounts.enums import Role
from learning.accounts.models import User
from learning.mail.services import OutgoingEmail, outbox_enqueue_many
from learning.regions.models import Region

from .circulation_selectors import (
    digest_sessions,
    opted_out_addresses,
)
from .enums import ChangeKind, CirculationKind
from .models import Circulation, CirculationOptOut, ScheduleChange, Session

UNSUBSCRIBE_SALT = "webinars.circulation.unsubscribe"
# How far ahead a digest looks.
DIGEST_WEEKS = 6
# Coalescing: changes go out once the schedule has been quiet this long...
QUIET = timedelta(minutes=10)
# ...or once the oldest has waited this long, so a busy afternoon of edits still goes.
MAX_WAIT = timedelta(minutes=60)
OUTBOX_KEY_MAX = 200  # OutboxMessage.key's length


# --- One-click unsubscribe -------------------------------------------------------------


def unsubscribe_token(email: str, *, circulation_id: int) -> str:
    """A signed, non-expiring token naming the address and the circulation whose
    email carried it. It is all the unsubscribe link needs (a PCN contact has no
    account), and all it can do is stop schedule emails to that one address."""
    return signing.dumps([email.lower(), circulation_id], salt=UNSUBSCRIBE_SALT, compress=True)


def unsubscribe_url(email: str, *, circulation_id: int) -> str:
    token = unsubscribe_token(email, circulation_id=circulation_id)
    return settings.HUB_URL + reverse("webinars:unsubscribe", args=[token])


INVALID_LINK = (
    "This unsubscribe link is not valid. Copy the whole link from the email, or use the "
    "unsubscribe link in the most recent schedule email."
)


def unsubscribe_read(token: str) -> tuple[str, int | None]:
    """The address and circulation id a token names; ValidationError if it was
    forged or damaged."""
    try:
        email, circulation_id = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except (signing.BadSignature, ValueError, TypeError):
        raise ValidationError(INVALID_LINK) from None
    if not isinstance(email, str) or not isinstance(circulation_id, int | None):
        raise ValidationError(INVALID_LINK)
    return email, circulation_id


def opted_out(email: str) -> CirculationOptOut | None:
    return CirculationOptOut.objects.filter(email__iexact=email).first()


def circulation_opt_out(*, token: str) -> tuple[CirculationOptOut, bool]:
    """Stop schedule emails to the address the token names. Returns the opt-out and
    whether it is new; asking twice records it once."""
    email, circulation_id = unsubscribe_read(token)
    existing = opted_out(email)
    if existing is not None:
        return existing, False
    circulation = Circulation.objects.filter(pk=circulation_id).first() if circulation_id else None
    try:
        with transaction.atomic():
            return CirculationOptOut.objects.create(email=email, circulation=circulation), True
    except IntegrityError:  # a mail client's POST and the person's click at once
        return opted_out(email), False


def _headers(unsubscribe: str) -> dict:
    return {
        "List-Unsubscribe": f"<{unsubscribe}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


# --- What a digest says ----------------------------------------------------------------


@dataclass(frozen=True)
class DigestWeek:
    monday: date
    sessions: list[Session]


@dataclass(frozen=True)
class ChangeLine:
    session: Session
    text: str  # what changed, or why it was cancelled

    @property
    def when(self) -> str:
        return self.session.uk_when


@dataclass
class ChangeBlock:
    added: list[ChangeLine] = field(default_factory=list)
    changed: list[ChangeLine] = field(default_factory=list)
    cancelled: list[ChangeLine] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.added or self.changed or self.cancelled)

    @property
    def count(self) -> int:
        return len(self.added) + len(self.changed) + len(self.cancelled)


def digest_weeks(sessions: list[Session]) -> list[DigestWeek]:
    weeks: dict[date, list[Session]] = {}
    for session in sessions:
        day = timezone.localdate(session.starts_at)
        weeks.setdefault(day - timedelta(days=day.weekday()), []).append(session)
    return [DigestWeek(monday=monday, sessions=items) for monday, items in weeks.items()]


def in_audience(session: Session, region: Region | None) -> bool:
    return session.region_id is None or (region is not None and session.region_id == region.pk)


def change_block(
    changes: list[ScheduleChange], *, region: Region | None, now: datetime, every_region=False
) -> ChangeBlock:
    """What a batch of changes means for one region's readers: each session once,
    as it stands now (added, changed with every summary, or cancelled with why).
    Sessions already over, and other regions' events (unless `every_region`: the
    circulation's own summary), are left out."""
    by_session: dict[int, list[ScheduleChange]] = {}
    for change in changes:
        if every_region or in_audience(change.session, region):
            by_session.setdefault(change.session_id, []).append(change)
    block = ChangeBlock()
    for items in by_session.values():
        session = items[-1].session
        if session.is_cancelled:
            if session.starts_at > now:
                block.cancelled.append(ChangeLine(session, session.cancellation_reason))
            continue
        if session.ends_at <= now:
            continue
        if any(change.kind == ChangeKind.ADDED for change in items):
            block.added.append(ChangeLine(session, ""))
        else:
            summaries = list(dict.fromkeys(c.summary for c in items if c.summary))
            block.changed.append(ChangeLine(session, "; ".join(summaries) or "details changed"))
    for lines in (block.added, block.changed, block.cancelled):
        lines.sort(key=lambda line: (line.session.starts_at, line.session.pk))
    return block


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str


def changes_phrase(block: ChangeBlock) -> str:
    """ "1 session added, 2 changed and 1 cancelled" """
    counts = [(len(block.added), "added"), (len(block.changed), "changed"),
              (len(block.cancelled), "cancelled")]  # fmt: skip
    parts = [f"{n} {verb}" for n, verb in counts if n]
    if not parts:
        return ""
    first = next(n for n, _ in counts if n)
    parts[0] = f"{first} session{'s' if first != 1 else ''} {parts[0].split(' ', 1)[1]}"
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"


def digest_subject(**context) -> str:
    if "changes" in context:
        context["changes_phrase"] = changes_phrase(context["changes"])
    subject = render_to_string("emails/webinar_digest.subject.txt", context)
    return " ".join(subject.split())[:300]


def digest_render(
    *,
    kind: str,
    region: Region | None,
    sessions: list[Session],
    changes: ChangeBlock,
    week_of: date,
    placeholder: str,
    forwarded_by: User | None = None,
    original_subject: str = "",
) -> Rendered:
    context = {
        "service_name": settings.SERVICE_NAME,
        "kind": kind,
        "region": region,
        "weeks": digest_weeks(sessions),
        "session_count": len(sessions),
        "digest_weeks": DIGEST_WEEKS,
        "changes": changes,
        "week_of": week_of,
        "forwarded_by": forwarded_by,
        "ccg": forwarded_by.ccg if forwarded_by else None,
        "original_subject": original_subject,
        "hub_url": settings.HUB_URL,
        "schedule_link": settings.HUB_URL + reverse("webinars:schedule"),
        "join_link": settings.HUB_URL + reverse("accounts:join"),
        "cascade_link": settings.HUB_URL + reverse("webinars:cascade"),
        "unsubscribe_link": placeholder,
    }
    return Rendered(
        subject=digest_subject(**context),
        text=render_to_string("emails/webinar_digest.txt", context),
        html=render_to_string("emails/webinar_digest.html", context),
    )


def week_of_monday(now: datetime) -> date:
    today = timezone.localdate(now)
    return today - timedelta(days=today.weekday())


# --- Sending ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Recipient:
    email: str
    region_id: int | None


def _outbox_key(circulation: Circulation, email: str) -> str:
    key = f"circulation:{circulation.pk}:{email.lower()}"
    if len(key) <= OUTBOX_KEY_MAX:
        return key
    # An address too long for the key column: its digest is as unique.
    return (
        f"circulation:{circulation.pk}:sha256:{hashlib.sha256(email.lower().encode()).hexdigest()}"
    )


def digest_store(
    circulation: Circulation, recipients: list[Recipient], renders: dict, placeholder: str
) -> int:
    """Store one email per recipient whose region has a rendering. Rendering once per
    region and putting each person's unsubscribe link in by substitution keeps a send
    to thousands from spending its time in the template engine."""
    messages, seen = [], set()
    for recipient in recipients:
        rendered = renders.get(recipient.region_id)
        address = recipient.email.lower()
        if rendered is None or address in seen:
            continue
        seen.add(address)
        url = unsubscribe_url(recipient.email, circulation_id=circulation.pk)
        messages.append(
            OutgoingEmail(
                key=_outbox_key(circulation, recipient.email),
                to=recipient.email,
                subject=rendered.subject,
                body_text=rendered.text.replace(placeholder, url),
                body_html=rendered.html.replace(placeholder, escape(url)),
                headers=_headers(url),
            )
        )
    outbox_enqueue_many(batch=circulation.batch_name, messages=messages)
    return len(messages)


def unsubscribe_placeholder() -> str:
    # Random each time, so no session title can contain it; letters, digits and
    # hyphens only, so HTML escaping leaves it as it is.
    return f"lwln-unsubscribe-{secrets.token_hex(12)}"


def lead_recipients() -> list[Recipient]:
    """Every active CCG lead, with their CCG's region, less anyone who unsubscribed."""
    leads = (
        User.objects.filter(role=Role.CCG_LEAD, is_active=True, ccg__isnull=False)
        .annotate(address=Lower("email"))
        .exclude(address__in=opted_out_addresses())
        .order_by("pk")
        .values_list("email", "ccg__region_id")
    )
    return [Recipient(email, region_id) for email, region_id in leads]


def _regions(region_ids) -> dict[int, Region]:
    return Region.objects.in_bulk([pk for pk in set(region_ids) if pk is not None])


def region_sessions(*, region: Region, now: datetime) -> list[Session]:
    """What a schedule email to `region`'s readers lists: national sessions and the
    region's own events in the next DIGEST_WEEKS weeks."""
    sessions = digest_sessions(start=now, end=now + timedelta(weeks=DIGEST_WEEKS))
    return [s for s in sessions if in_audience(s, region)]


def weekly_digest(*, now: datetime, region_ids) -> tuple[dict, str, list[Session]]:
    """This week's digest rendered once per region (national sessions and that
    region's events), with a placeholder where each recipient's unsubscribe link goes:
    (renders by region id, the placeholder, the sessions)."""
    sessions = digest_sessions(start=now, end=now + timedelta(weeks=DIGEST_WEEKS))
    placeholder = unsubscribe_placeholder()
    renders = {
        region_id: digest_render(
            kind=CirculationKind.WEEKLY,
            region=region,
            sessions=[s for s in sessions if in_audience(s, region)],
            changes=ChangeBlock(),
            week_of=week_of_monday(now),
            placeholder=placeholder,
        )
        for region_id, region in _regions(region_ids).items()
    }
    return renders, placeholder, sessions


@transaction.atomic
def circulation_send_weekly(*, now: datetime | None = None) -> Circulation | None:
    """This week's digest to every CCG lead, once: a second run in the same week
    (UK time) finds the circulation already there and sends nothing."""
    now = now or timezone.now()
    year, week, _ = timezone.localdate(now).isocalendar()
    key = f"weekly:{year}-W{week:02d}"
    if Circulation.objects.filter(key=key).exists():
        return None
    week_of = week_of_monday(now)
    recipients = lead_recipients()
    renders, placeholder, sessions = weekly_digest(
        now=now, region_ids=[r.region_id for r in recipients]
    )
    try:
        with transaction.atomic():
            circulation = Circulation.objects.create(
                kind=CirculationKind.WEEKLY, key=key,
                subject=digest_subject(kind=CirculationKind.WEEKLY, week_of=week_of),
                session_count=len(sessions),
            )  # fmt: skip
    except IntegrityError:  # another run of the same week got there first
        return None
    circulation.recipient_count = digest_store(circulation, recipients, renders, placeholder)
    circulation.save(update_fields=["recipient_count"])
    return circulation


def changes_ready(changes: list[ScheduleChange], *, now: datetime) -> bool:
    """Coalescing: wait until the schedule has been quiet for QUIET, so a burst of
    edits makes one email, but never keep the oldest change waiting past MAX_WAIT."""
    if not changes:
        return False
    return now - changes[-1].occurred_at >= QUIET or now - changes[0].occurred_at >= MAX_WAIT


@transaction.atomic
def circulation_send_changes(*, now: datetime | None = None) -> Circulation | None:
    """One "schedule update" to CCG leads for every change not yet circulated, once
    they are ready (`changes_ready`). Each lead hears only of national sessions and
    their own region's events; a lead with nothing relevant gets nothing."""
    now = now or timezone.now()
    changes = list(
        # skip_locked: a second run at the same moment leaves these to this one.
        ScheduleChange.objects.select_for_update(skip_locked=True, of=("self",))
        .filter(circulation__isnull=True, occurred_at__lte=now)
        .select_related("session__series", "session__region")
        .order_by("occurred_at", "pk")
    )
    if not changes_ready(changes, now=now):
        return None
    recipients = lead_recipients()
    sessions = digest_sessions(start=now, end=now + timedelta(weeks=DIGEST_WEEKS))
    placeholder = unsubscribe_placeholder()
    renders = {}
    for region_id, region in _regions(r.region_id for r in recipients).items():
        block = change_block(changes, region=region, now=now)
        if block:
            renders[region_id] = digest_render(
                kind=CirculationKind.CHANGES,
                region=region,
                sessions=[s for s in sessions if in_audience(s, region)],
                changes=block,
                week_of=week_of_monday(now),
                placeholder=placeholder,
            )
    every = change_block(changes, region=None, now=now, every_region=True)
    circulation = Circulation.objects.create(
        kind=CirculationKind.CHANGES,
        key=f"changes:{changes[0].pk}",
        subject=digest_subject(kind=CirculationKind.CHANGES, changes=every),
        session_count=every.count,
    )
    ScheduleChange.objects.filter(pk__in=[c.pk for c in changes]).update(circulation=circulation)
    circulation.recipient_count = digest_store(circulation, recipients, renders, placeholder)
    circulation.save(update_fields=["recipient_count"])
    return circulation
