"""Circulating the schedule: a digest to every CCG lead each week and after changes,
and each lead's cascade of it to the PCN contacts on their list.

A digest is rendered once per region (national sessions plus that region's learning
events), then copied per recipient with their own one-click unsubscribe link put in
its place. Every email is an outbox row keyed `circulation:<id>:<address>` in the
batch `circulation:<id>`, so a repeated run stores nothing new, a broker outage loses
nothing (the outbox sweep sends it), and the report counts a circulation's rows.
"""

import hashlib
import re
import secrets
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models.functions import Lower
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from learning.accounts.enums import Role
from learning.accounts.models import PCN, User
from learning.audit.enums import AuditAction
from learning.audit.services import audit_record
from learning.mail.services import OutgoingEmail, outbox_enqueue_many
from learning.regions.models import Region

from .circulation_selectors import (
    digest_sessions,
    latest_digest_for,
    opted_out_addresses,
)
from .enums import ChangeKind, CirculationKind
from .models import CascadeContact, Circulation, CirculationOptOut, ScheduleChange, Session

UNSUBSCRIBE_SALT = "webinars.circulation.unsubscribe"
# How far ahead a digest looks.
DIGEST_WEEKS = 6
# Coalescing: changes go out once the schedule has been quiet this long...
QUIET = timedelta(minutes=10)
# ...or once the oldest has waited this long, so a busy afternoon of edits still goes.
MAX_WAIT = timedelta(minutes=60)
OUTBOX_KEY_MAX = 200  # OutboxMessage.key's length
BULK_MAX_LINES = 500


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


def _weeks(sessions: list[Session]) -> list[DigestWeek]:
    weeks: dict[date, list[Session]] = {}
    for session in sessions:
        day = timezone.localdate(session.starts_at)
        weeks.setdefault(day - timedelta(days=day.weekday()), []).append(session)
    return [DigestWeek(monday=monday, sessions=items) for monday, items in weeks.items()]


def _in_audience(session: Session, region: Region | None) -> bool:
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
        if every_region or _in_audience(change.session, region):
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


def _subject(**context) -> str:
    if "changes" in context:
        context["changes_phrase"] = changes_phrase(context["changes"])
    subject = render_to_string("emails/webinar_digest.subject.txt", context)
    return " ".join(subject.split())[:300]


def _render(
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
        "weeks": _weeks(sessions),
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
        subject=_subject(**context),
        text=render_to_string("emails/webinar_digest.txt", context),
        html=render_to_string("emails/webinar_digest.html", context),
    )


def _week_of(now: datetime) -> date:
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


def _placeholder() -> str:
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


def weekly_digest(*, now: datetime, region_ids) -> tuple[dict, str, list[Session]]:
    """This week's digest rendered once per region (national sessions and that
    region's events), with a placeholder where each recipient's unsubscribe link goes:
    (renders by region id, the placeholder, the sessions)."""
    sessions = digest_sessions(start=now, end=now + timedelta(weeks=DIGEST_WEEKS))
    placeholder = _placeholder()
    renders = {
        region_id: _render(
            kind=CirculationKind.WEEKLY,
            region=region,
            sessions=[s for s in sessions if _in_audience(s, region)],
            changes=ChangeBlock(),
            week_of=_week_of(now),
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
    week_of = _week_of(now)
    recipients = lead_recipients()
    renders, placeholder, sessions = weekly_digest(
        now=now, region_ids=[r.region_id for r in recipients]
    )
    try:
        with transaction.atomic():
            circulation = Circulation.objects.create(
                kind=CirculationKind.WEEKLY, key=key,
                subject=_subject(kind=CirculationKind.WEEKLY, week_of=week_of),
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
    placeholder = _placeholder()
    renders = {}
    for region_id, region in _regions(r.region_id for r in recipients).items():
        block = change_block(changes, region=region, now=now)
        if block:
            renders[region_id] = _render(
                kind=CirculationKind.CHANGES,
                region=region,
                sessions=[s for s in sessions if _in_audience(s, region)],
                changes=block,
                week_of=_week_of(now),
                placeholder=placeholder,
            )
    every = change_block(changes, region=None, now=now, every_region=True)
    circulation = Circulation.objects.create(
        kind=CirculationKind.CHANGES,
        key=f"changes:{changes[0].pk}",
        subject=_subject(kind=CirculationKind.CHANGES, changes=every),
        session_count=every.count,
    )
    ScheduleChange.objects.filter(pk__in=[c.pk for c in changes]).update(circulation=circulation)
    circulation.recipient_count = digest_store(circulation, recipients, renders, placeholder)
    circulation.save(update_fields=["recipient_count"])
    return circulation


# --- The cascade: a CCG lead's PCN contacts ---------------------------------------------


def user_is_ccg_lead(user) -> bool:
    return bool(
        user.is_authenticated and user.is_active and user.role == Role.CCG_LEAD and user.ccg_id
    )


def _require_lead(lead) -> None:
    """Services check again, so a call from anywhere but the cascade page is refused."""
    if not user_is_ccg_lead(lead):
        raise PermissionDenied("Only CCG social prescribing leads keep a cascade list.")


def _clean_contact(lead, *, name: str, email: str, pcn: PCN | None) -> tuple[str, str]:
    errors = {}
    name, email = " ".join((name or "").split()), (email or "").strip()
    if len(name) > 150:
        errors["name"] = "Keep the name to 150 characters."
    try:
        if not email:
            raise ValidationError("Enter an email address.")
        if len(email) > 254:
            raise ValidationError("Email addresses are at most 254 characters.")
        validate_email(email)
    except ValidationError:
        errors["email"] = (
            "Enter an email address." if not email else
            "Enter an email address in the correct format, like name@example.nhs.uk"
        )  # fmt: skip
    if pcn is not None and pcn.ccg_id != lead.ccg_id:
        errors["pcn"] = f"Choose one of the PCNs in {lead.ccg.name}."
    if not errors and lead.ccg.cascade_contacts.filter(email__iexact=email).exists():
        errors["email"] = f"{email} is already on your list."
    if errors:
        raise ValidationError(errors)
    return name, email


@transaction.atomic
def cascade_contact_add(
    *, lead, email: str, name: str = "", pcn: PCN | None = None, request=None
) -> CascadeContact:
    """Add a PCN contact to the lead's CCG's list. An address that unsubscribed is
    still added (the lead may keep their list whole), but gets no schedule emails."""
    _require_lead(lead)
    name, email = _clean_contact(lead, name=name, email=email, pcn=pcn)
    try:
        with transaction.atomic():
            contact = CascadeContact.objects.create(
                ccg=lead.ccg, name=name, email=email, pcn=pcn, added_by=lead
            )
    except IntegrityError:  # the same address added twice at once
        raise ValidationError({"email": f"{email} is already on your list."}) from None
    audit_record(
        action=AuditAction.CASCADE_CONTACT_ADDED, actor=lead, subject=email, request=request,
        details={"ccg": lead.ccg_id, "contact": contact.pk, "pcn": pcn.pk if pcn else None},
    )  # fmt: skip
    return contact


@dataclass(frozen=True)
class BulkProblem:
    line: int
    text: str
    message: str


@dataclass(frozen=True)
class BulkResult:
    added: list[CascadeContact]
    problems: list[BulkProblem]
    opted_out: list[str]


_NAMED = re.compile(r"^(?P<name>[^<>]*)<(?P<email>[^<>]+)>$")


def _bulk_lines(text: str) -> list[tuple[int, str]]:
    lines = [(n, line.strip()) for n, line in enumerate(text.splitlines(), start=1)]
    lines = [(n, line) for n, line in lines if line]
    if not lines:
        raise ValidationError({"addresses": "Enter at least one email address."})
    if len(lines) > BULK_MAX_LINES:
        raise ValidationError({"addresses": f"Enter at most {BULK_MAX_LINES} addresses at a time."})
    return lines


def cascade_contacts_add_many(*, lead, text: str, request=None) -> BulkResult:
    """Add many contacts pasted one a line ("name@example.nhs.uk" or "Jo Bloggs
    <name@example.nhs.uk>"). Each bad line is reported and the good ones are added."""
    _require_lead(lead)
    added, problems, unsubscribed = [], [], []
    for number, line in _bulk_lines(text):
        match = _NAMED.match(line)
        name, email = (match["name"].strip(' "'), match["email"]) if match else ("", line)
        try:
            contact = cascade_contact_add(lead=lead, email=email, name=name, request=request)
        except ValidationError as error:
            messages = [m for ms in error.message_dict.values() for m in ms]
            problems.append(BulkProblem(number, line[:300], " ".join(messages)))
            continue
        added.append(contact)
        if opted_out(contact.email):
            unsubscribed.append(contact.email)
    return BulkResult(added=added, problems=problems, opted_out=unsubscribed)


@transaction.atomic
def cascade_contact_remove(*, lead, contact_id: int, request=None) -> CascadeContact:
    _require_lead(lead)
    contact = CascadeContact.objects.filter(pk=contact_id, ccg_id=lead.ccg_id).first()
    if contact is None:
        raise ValidationError("That contact is not on your list.")
    contact.delete()
    audit_record(
        action=AuditAction.CASCADE_CONTACT_REMOVED, actor=lead, subject=contact.email,
        request=request, details={"ccg": lead.ccg_id, "contact": contact_id},
    )  # fmt: skip
    return contact


def cascade_key(digest: Circulation, lead) -> str:
    return f"cascade:{digest.pk}:{lead.ccg_id}"


def already_forwarded_message(cascade: Circulation) -> str:
    when = timezone.localtime(cascade.created_at)
    who = cascade.sent_by.full_name if cascade.sent_by else "A CCG lead"
    return (
        f"This schedule was already forwarded to your PCN contacts on "
        f"{when:%A %-d %B %Y} at {when:%H:%M}, by {who}. The next one will be ready "
        "after the next schedule email."
    )


@transaction.atomic
def circulation_cascade(*, lead, request=None) -> Circulation:
    """Forward the latest digest (weekly or changes) the lead's region had to every
    contact on their CCG's list, less anyone who unsubscribed, once per digest and
    CCG: a second click says when it went."""
    _require_lead(lead)
    ccg = lead.ccg
    region = ccg.region
    digest = latest_digest_for(region)
    if digest is None:
        raise ValidationError(
            "There is no schedule email to forward yet. The weekly one goes out on Monday mornings."
        )
    key = cascade_key(digest, lead)
    done = Circulation.objects.filter(key=key).select_related("sent_by").first()
    if done is not None:
        raise ValidationError(already_forwarded_message(done))
    opted = set(opted_out_addresses())
    recipients = [
        Recipient(email, region.pk)
        for email in ccg.cascade_contacts.order_by("pk").values_list("email", flat=True)
        if email.lower() not in opted
    ]
    if not recipients:
        raise ValidationError(
            "Add your PCN contacts first: there is no one on your list to forward it to."
            if not ccg.cascade_contacts.exists()
            else "Everyone on your list has unsubscribed from schedule emails."
        )
    now = timezone.now()
    sessions = [
        s
        for s in digest_sessions(start=now, end=now + timedelta(weeks=DIGEST_WEEKS))
        if _in_audience(s, region)
    ]
    changes = ChangeBlock()
    if digest.kind == CirculationKind.CHANGES:
        carried = list(digest.changes.select_related("session__series", "session__region"))
        changes = change_block(carried, region=region, now=now)
    placeholder = _placeholder()
    rendered = _render(
        kind=CirculationKind.CASCADE,
        region=region,
        sessions=sessions,
        changes=changes,
        week_of=_week_of(now),
        placeholder=placeholder,
        forwarded_by=lead,
        original_subject=digest.subject,
    )
    try:
        with transaction.atomic():
            cascade = Circulation.objects.create(
                kind=CirculationKind.CASCADE, key=key, subject=rendered.subject,
                forwarded_from=digest, ccg=ccg, sent_by=lead, session_count=len(sessions),
            )  # fmt: skip
    except IntegrityError:  # a double click: the first one forwarded it
        done = Circulation.objects.select_related("sent_by").get(key=key)
        raise ValidationError(already_forwarded_message(done)) from None
    cascade.recipient_count = digest_store(cascade, recipients, {region.pk: rendered}, placeholder)
    cascade.save(update_fields=["recipient_count"])
    audit_record(
        action=AuditAction.SCHEDULE_CASCADED, actor=lead, subject=cascade.subject,
        request=request,
        details={"circulation": cascade.pk, "digest": digest.pk, "ccg": ccg.pk,
                 "recipients": cascade.recipient_count},
    )  # fmt: skip
    return cascade
