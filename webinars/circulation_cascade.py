"""A CCG lead's cascade: the PCN contacts on their CCG's list, and forwarding the
schedule to them whenever they like.

A forward is what a schedule email says now (`cascade_draft`, rendered by
`circulation.digest_render`, the digests' own code path): the next DIGEST_WEEKS
weeks of national sessions and the region's events, and what changed since the CCG
last forwarded it. The cascade page shows the same draft. Each forward is one
Circulation (key `cascade:<ccg>:<form token>`, so a double click sends once) whose
emails are outbox rows, one per contact, and is audited.
"""

import re
import secrets
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone

from learning.accounts.enums import Role
from learning.accounts.models import PCN
from learning.audit.enums import AuditAction
from learning.audit.services import audit_record
from learning.regions.models import Region

from .circulation import (
    ChangeBlock,
    DigestWeek,
    Recipient,
    Rendered,
    change_block,
    digest_render,
    digest_store,
    digest_subject,
    digest_weeks,
    opted_out,
    region_sessions,
    unsubscribe_placeholder,
    week_of_monday,
)
from .circulation_selectors import last_cascade_of, latest_digest_for, opted_out_addresses
from .enums import CirculationKind
from .models import CascadeContact, Circulation, ScheduleChange, Session

BULK_MAX_LINES = 500
FORWARD_TOKEN = re.compile(r"^[0-9a-f]{32}$")


# --- The list -------------------------------------------------------------------------


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


# --- Forwarding ---------------------------------------------------------------------


def forward_token() -> str:
    """Put in the forward form when the page is drawn: the same form sent twice (a
    double click, a resubmitted page) is one forward."""
    return secrets.token_hex(16)


@dataclass(frozen=True)
class CascadeDraft:
    """What forwarding the schedule would send now, for the page to show."""

    region: Region
    sessions: list[Session]
    weeks: list[DigestWeek]
    changes: ChangeBlock
    rendered: Rendered
    placeholder: str
    digest: Circulation | None  # the newest schedule email the lead's region had
    last_forward: Circulation | None  # this CCG's newest forward


def cascade_draft(*, lead, now: datetime | None = None) -> CascadeDraft:
    """The schedule as a forward would send it: national sessions and the region's
    events for the next weeks, and (if the CCG forwarded before) what was added,
    changed or cancelled since. Four queries."""
    _require_lead(lead)
    now = now or timezone.now()
    ccg = lead.ccg
    region = ccg.region
    sessions = region_sessions(region=region, now=now)
    last = last_cascade_of(ccg_id=ccg.pk)
    changes = ChangeBlock()
    if last is not None:
        since = list(
            ScheduleChange.objects.filter(occurred_at__gt=last.created_at, occurred_at__lte=now)
            .select_related("session__series", "session__region")
            .order_by("occurred_at", "pk")
        )
        changes = change_block(since, region=region, now=now)
    placeholder = unsubscribe_placeholder()
    rendered = digest_render(
        kind=CirculationKind.CASCADE,
        region=region,
        sessions=sessions,
        changes=changes,
        week_of=week_of_monday(now),
        placeholder=placeholder,
        forwarded_by=lead,
        original_subject=digest_subject(kind=CirculationKind.WEEKLY, week_of=week_of_monday(now)),
    )
    return CascadeDraft(
        region=region, sessions=sessions, weeks=digest_weeks(sessions), changes=changes,
        rendered=rendered, placeholder=placeholder, digest=latest_digest_for(region),
        last_forward=last,
    )  # fmt: skip


def already_forwarded_message(cascade: Circulation) -> str:
    when = timezone.localtime(cascade.created_at)
    who = cascade.sent_by.full_name if cascade.sent_by else "a CCG lead"
    return (
        f"That was already sent: the schedule went to your PCN contacts on "
        f"{when:%A %-d %B %Y} at {when:%H:%M}, forwarded by {who}. Nothing was sent again."
    )


def _recipients(ccg, region) -> list[Recipient]:
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
    return recipients


@transaction.atomic
def circulation_cascade(*, lead, token: str, request=None) -> Circulation:
    """Forward the schedule as it stands (`cascade_draft`) to every contact on the
    lead's CCG's list, less anyone who unsubscribed: one email each. `token` comes
    from the form, so sending the same form twice forwards once."""
    _require_lead(lead)
    if not isinstance(token, str) or not FORWARD_TOKEN.match(token):
        raise ValidationError("Open the page again and use its forward button.")
    ccg = lead.ccg
    key = f"cascade:{ccg.pk}:{token}"
    done = Circulation.objects.filter(key=key).select_related("sent_by").first()
    if done is not None:
        raise ValidationError(already_forwarded_message(done))
    recipients = _recipients(ccg, ccg.region)
    draft = cascade_draft(lead=lead)
    try:
        with transaction.atomic():
            cascade = Circulation.objects.create(
                kind=CirculationKind.CASCADE, key=key, subject=draft.rendered.subject,
                forwarded_from=draft.digest, ccg=ccg, sent_by=lead,
                session_count=len(draft.sessions),
            )  # fmt: skip
    except IntegrityError:  # a double click: the first one forwarded it
        done = Circulation.objects.select_related("sent_by").get(key=key)
        raise ValidationError(already_forwarded_message(done)) from None
    cascade.recipient_count = digest_store(
        cascade, recipients, {draft.region.pk: draft.rendered}, draft.placeholder
    )
    cascade.save(update_fields=["recipient_count"])
    audit_record(
        action=AuditAction.SCHEDULE_CASCADED, actor=lead, subject=cascade.subject,
        request=request,
        details={"circulation": cascade.pk, "digest": draft.digest.pk if draft.digest else None,
                 "ccg": ccg.pk, "recipients": cascade.recipient_count},
    )  # fmt: skip
    return cascade
