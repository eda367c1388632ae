"""Attendance: who was at a session, marked by hand or read from the attendance
report that Microsoft Teams or Zoom exports.

Recording attendance is what puts a session in the person's CPD log
(`courses.record_selectors.cpd_log`) and, through `webinars.signals` (which
induction listens to), completes their "attend a webinar" induction steps for
the session's series, in the same transaction.

The report reader follows `cohorts/uploads.py`: a problem with the file as a whole
(too big, too many rows, not text, an encoding we cannot read, no email column,
nobody in it, a duration that is not one) refuses the whole file, so nothing is
recorded from a file that was not what the organiser meant. A problem with one
person (no account, a closed account, outside the event's audience) is reported
row by row while everyone else is recorded. It cannot reuse that module's helpers:
reports come in UTF-16 as well as UTF-8, tab- or comma-separated, with summary
blocks before the participants and several columns to read, not the first one.

The formats:
- Teams (2022 on): UTF-16 LE with a byte order mark, tab-separated. "1. Summary"
  (meeting title, start and end), then "2. Participants" with "Name, First Join,
  Last Leave, In-Meeting Duration, Email, Participant ID (UPN), Role", one row a
  person, durations like "1h 2m 3s"; then "3. In-Meeting Activities", one row per
  join, which we do not read (it would count each person's time twice).
- Teams (2021): "Meeting Summary" block, then "Full Name, Join Time, Leave Time,
  Duration, Email, Role, Participant ID (UPN)".
- Teams (2020): "Full Name, User Action, Timestamp": names only, no email, so it
  cannot be matched to accounts; it gets its own message.
- Zoom: UTF-8 (often with a BOM), comma-separated, sometimes a meeting block first
  ("Meeting ID, Topic, Start Time, ..., User Email, Duration (Minutes), ..."), then
  "Name (Original Name), User Email (or Email), Join Time, Leave Time, Duration
  (Minutes), Guest", one row per join unless the host ticked "unique users".
"""

import codecs
import csv
import io
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import (
    BooleanField,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Lower

from learning.accounts.enums import Role
from learning.accounts.models import CCG, PCN, User
from learning.audit.enums import AuditAction
from learning.audit.services import audit_record

from .enums import AttendanceSource, RegistrationStatus
from .models import Attendance, Registration, Session
from .services import session_lock_for_runner
from .signals import attendance_recorded, attendance_removed

MAX_REPORT_BYTES = 2 * 1024 * 1024
MAX_REPORT_ROWS = 5000
MAX_CELL_CHARS = 320  # an email address is at most 254; room to report a wrong value
EMAIL_MAX_LENGTH = 254
# Summary blocks before the participants' header are a dozen lines at most.
HEADER_SEARCH_ROWS = 60
MAX_DURATION_SECONDS = 24 * 3600  # no one is in one meeting for more than a day

# In order of preference, should a file have two.
EMAIL_HEADERS = (
    "email",
    "user email",
    "email address",
    "e-mail",
    "participant email",
    "attendee email",
    "work email",
)
UPN_HEADERS = ("participant id (upn)", "upn")
NAME_HEADERS = (
    "name",
    "full name",
    "name (original name)",
    "display name",
    "participant",
    "participant name",
    "attendee name",
)
# Searched in this order: Teams' per-person total before any per-join column.
DURATION_HEADERS = (
    "in-meeting duration",
    "total duration (minutes)",
    "duration (minutes)",
    "duration (mins)",
    "duration",
    "attendance duration",
    "time in session (minutes)",
)
ZOOM_SUMMARY_MARKERS = {"meeting id", "topic"}
SECTION_HEADING = re.compile(r"^\d+\.\s+\S")  # Teams' "3. In-Meeting Activities"
TEAMS_DURATION = re.compile(
    r"^(?:(?P<h>\d{1,3})\s*h(?:ours?|rs?)?)?\s*(?:(?P<m>\d{1,4})\s*m(?:in(?:ute)?s?)?)?"
    r"\s*(?:(?P<s>\d{1,5})\s*s(?:ec(?:ond)?s?)?)?$"
)
CLOCK_DURATION = re.compile(r"^(?:(?P<h>\d{1,2}):)?(?P<m>\d{1,2}):(?P<s>\d{2})$")
MINUTES = re.compile(r"^\d{1,5}(?:\.\d+)?$")


# --- Reading a report -------------------------------------------------------------------


@dataclass(frozen=True)
class ReportRow:
    number: int  # the line in the file, as a text editor numbers it
    name: str
    email: str  # as written, trimmed; "" when the row has none (a guest, a phone)
    seconds: int | None  # time in the meeting, when the report says


@dataclass(frozen=True)
class AttendanceReport:
    rows: list[ReportRow]
    kind: str  # "Microsoft Teams", "Zoom" or "" (a list of another shape)


def _too_big() -> ValidationError:
    return ValidationError(
        f"The selected file must be smaller than {MAX_REPORT_BYTES // 1024 // 1024} MB."
    )


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 saved without a byte order mark shows as every other byte NUL."""
    head = data[:400]
    if len(head) < 4:
        return None
    odd, even = head[1::2], head[0::2]
    if odd.count(0) > len(odd) * 0.4 and even.count(0) < len(even) * 0.1:
        return "utf-16-le"
    if even.count(0) > len(even) * 0.4 and odd.count(0) < len(odd) * 0.1:
        return "utf-16-be"
    return None


def _text_of(data: bytes) -> str:
    if not data.strip():
        raise ValidationError("The selected file is empty.")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"  # Teams: UTF-16 LE with a byte order mark
    elif data.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    else:
        encoding = _utf16_without_bom(data) or "utf-8"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        if b"\x00" in data:
            raise _not_a_csv() from None
        raise ValidationError(
            "The selected file's text cannot be read: it is not saved as UTF-8 or UTF-16. "
            "Upload the report as Teams or Zoom exported it, or save it from your "
            "spreadsheet as “CSV UTF-8”."
        ) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    # Text files have no control characters but tabs and line ends; other files do.
    if any(ord(char) < 32 and char not in "\t\r\n" for char in text):
        raise _not_a_csv()
    if not text.strip():
        raise ValidationError("The selected file is empty.")
    return text


def _not_a_csv() -> ValidationError:
    return ValidationError(
        "The selected file is not a CSV file. Upload the attendance report that Teams or "
        "Zoom exports (a .csv file)."
    )


def _label(cell: str) -> str:
    return " ".join(cell.replace("\ufeff", "").strip().strip('"').casefold().split())


def _first_index(labels: list[str], wanted: Iterable[str]) -> int | None:
    for name in wanted:
        if name in labels:
            return labels.index(name)
    return None


@dataclass(frozen=True)
class _Header:
    delimiter: str
    row_index: int  # rows before it, as the reader counts them
    email: int
    upn: int | None
    name: int | None
    duration: int | None
    duration_in_minutes: bool
    kind: str


def _header_of(labels: list[str], *, delimiter: str, row_index: int) -> _Header | None:
    if {"user action", "timestamp"} <= set(labels):
        raise ValidationError(
            "This is an older Teams attendance list: it has names but no email addresses, "
            "so people cannot be matched to their accounts. In Teams, open the meeting's "
            "Attendance tab, download the attendance report (it includes email addresses) "
            "and upload that."
        )
    email = _first_index(labels, EMAIL_HEADERS)
    if email is None or ZOOM_SUMMARY_MARKERS & set(labels):
        return None  # not a header, or Zoom's meeting block (its email is the host's)
    duration = _first_index(labels, DURATION_HEADERS)
    upn = _first_index(labels, UPN_HEADERS)
    if upn is not None or "in-meeting duration" in labels:
        kind = "Microsoft Teams"
    elif "name (original name)" in labels:
        kind = "Zoom"
    else:
        kind = ""
    return _Header(
        delimiter=delimiter,
        row_index=row_index,
        email=email,
        upn=upn,
        name=_first_index(labels, NAME_HEADERS),
        duration=duration,
        duration_in_minutes=duration is not None and "min" in labels[duration],
        kind=kind,
    )


def _find_header(text: str) -> _Header:
    """The participants' header row, whichever of tab, comma or semicolon separates
    it: under the wrong delimiter a header's labels are never cells of their own."""
    for delimiter in ("\t", ",", ";"):
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        for row_index, cells in enumerate(itertools.islice(reader, HEADER_SEARCH_ROWS)):
            header = _header_of(
                [_label(c) for c in cells], delimiter=delimiter, row_index=row_index
            )
            if header is not None:
                return header
    raise ValidationError(
        "The selected file has no column of email addresses. Upload the attendance "
        "report from Teams or Zoom as it was exported: it has a column headed “Email” "
        "or “User Email”."
    )


def _duration_seconds(value: str, *, in_minutes: bool, number: int) -> int | None:
    """Seconds in the meeting from "1h 2m 3s", "01:02:03" or a number of minutes."""
    value = value.strip()
    if not value:
        return None
    compact = value.casefold()
    seconds = None
    if MINUTES.match(compact):
        seconds = round(float(compact) * 60)
    elif not in_minutes:
        match = TEAMS_DURATION.match(compact) or CLOCK_DURATION.match(compact)
        if match and any(match.groupdict().values()):
            parts = {k: int(v or 0) for k, v in match.groupdict().items()}
            seconds = parts["h"] * 3600 + parts["m"] * 60 + parts["s"]
    if seconds is None or seconds > MAX_DURATION_SECONDS:
        shown = value if len(value) <= 40 else value[:40] + "…"
        raise ValidationError(
            f"Row {number} has a time in the meeting that cannot be read (“{shown}”). "
            "Upload the report as Teams or Zoom exported it, without changes."
        )
    return seconds


def _is_section_heading(cells: list[str]) -> bool:
    filled = [cell for cell in cells if cell]
    return len(filled) == 1 and bool(SECTION_HEADING.match(filled[0]))


def _cell(cells: list[str], index: int | None) -> str:
    return cells[index] if index is not None and index < len(cells) else ""


def _row_of(cells: list[str], header: _Header, *, number: int) -> ReportRow:
    email = _cell(cells, header.email)
    if not email and "@" in _cell(cells, header.upn):
        email = _cell(cells, header.upn)  # Teams: a member of the organiser's tenant
    duration = _cell(cells, header.duration)
    return ReportRow(
        number=number,
        name=_cell(cells, header.name)[:MAX_CELL_CHARS],
        email=email[:MAX_CELL_CHARS],
        seconds=_duration_seconds(duration, in_minutes=header.duration_in_minutes, number=number),
    )


def read_attendance_report(upload) -> AttendanceReport:
    """The participants of an uploaded attendance report, or a ValidationError
    saying what is wrong with the file as a whole."""
    if upload.size > MAX_REPORT_BYTES:
        raise _too_big()
    # One byte more than allowed: a file that grew after its size was taken is refused too.
    data = upload.read(MAX_REPORT_BYTES + 1)
    if len(data) > MAX_REPORT_BYTES:
        raise _too_big()
    text = _text_of(data)
    try:
        header = _find_header(text)
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=header.delimiter)
        for _ in range(header.row_index + 1):
            next(reader)
        rows: list[ReportRow] = []
        for cells in reader:
            cells = [cell.strip() for cell in cells]
            if not any(cells):
                continue  # blank lines between sections and at the end
            if _is_section_heading(cells) or _label(_cell(cells, header.email)) in EMAIL_HEADERS:
                break  # Teams' next section (one row per join, already in the totals)
            if len(rows) == MAX_REPORT_ROWS:
                raise ValidationError(
                    f"The selected file has more than {MAX_REPORT_ROWS:,} participants' rows. "
                    "Split it into smaller files and upload each one."
                )
            rows.append(_row_of(cells, header, number=reader.line_num))
    except csv.Error:
        raise ValidationError(
            "The selected file could not be read as CSV. Upload the report as Teams or "
            "Zoom exported it, without changes."
        ) from None
    if not rows:
        raise ValidationError(
            "The selected file has no participants in it: there are no rows under its header row."
        )
    return AttendanceReport(rows=rows, kind=header.kind)


# --- Who may be recorded ------------------------------------------------------------------


def recording_refusal(session: Session, *, now=None) -> str:
    """Why attendance cannot be recorded for this session now, or ""."""
    if session.is_cancelled:
        return "This session was cancelled, so there is no attendance to record."
    if not session.has_started(now):
        return "This session has not started yet. You can record attendance once it has begun."
    return ""


def _session_for_recording(*, actor, session_id: int) -> Session:
    """The session, locked until the change commits so two organisers' saves queue,
    after checking the actor runs it and it is open for recording."""
    session = session_lock_for_runner(actor, session_id)
    refusal = recording_refusal(session)
    if refusal:
        raise ValidationError(refusal)
    return session


def _in_audience(session: Session) -> Q:
    """`permissions.user_in_audience` as a condition on User rows, so a whole report
    is checked in the query that finds its accounts."""
    if session.region_id is None:
        return Q(pk__isnull=False)
    region_id = session.region_id
    # Subqueries rather than joins: people with no PCN or CCG must stay in the rows.
    coordinates = User.coordinated_regions.through.objects.filter(
        user_id=OuterRef("pk"), region_id=region_id
    )
    works_there = PCN.objects.filter(pk=OuterRef("pcn_id"), ccg__region_id=region_id)
    leads_there = CCG.objects.filter(pk=OuterRef("ccg_id"), region_id=region_id)
    return (
        Q(role=Role.NATIONAL)
        | Q(Exists(coordinates))
        | Q(Exists(works_there))
        | Q(Exists(leads_there))
    )


def attendance_people(session: Session) -> QuerySet[User]:
    """Everyone the attendance page lists: people with a place (open accounts) and
    anyone already recorded, each with `is_registered`, `attended`, `minutes` and
    `source`, by name. One query for any page of it."""
    places = Registration.objects.filter(session=session, status=RegistrationStatus.REGISTERED)
    records = Attendance.objects.filter(session=session)
    registered = places.filter(user=OuterRef("pk"))
    attended = records.filter(user=OuterRef("pk"))
    return (
        # By id from the session's rows, so the database need not look at every account.
        User.objects.filter(
            Q(pk__in=places.values("user_id"), is_active=True) | Q(pk__in=records.values("user_id"))
        )
        .annotate(
            is_registered=Exists(registered),
            attended=Exists(attended),
            minutes=Subquery(attended.values("minutes")[:1]),
            source=Subquery(attended.values("source")[:1]),
        )
        .order_by("full_name", "email", "pk")
    )


@dataclass(frozen=True)
class AttendanceCounts:
    registered: int
    attended: int


def attendance_counts(session: Session) -> AttendanceCounts:
    return AttendanceCounts(
        registered=session.registrations.filter(status=RegistrationStatus.REGISTERED).count(),
        attended=session.attendances.count(),
    )


# --- Marking by hand ----------------------------------------------------------------------


def _audit(action, *, actor, session: Session, request, **details) -> None:
    audit_record(
        action=action,
        actor=actor,
        subject=session.title,
        request=request,
        details={"session": session.pk, **details},
    )


def _record(
    session: Session, *, actor, minutes_by_user: dict[int, int | None], source: str
) -> tuple[set[int], set[int]]:
    """Record these people (at most one row each) and complete their induction
    steps; (newly recorded, already recorded) user ids."""
    already = set(
        Attendance.objects.filter(session=session, user_id__in=minutes_by_user).values_list(
            "user_id", flat=True
        )
    )
    new = set(minutes_by_user) - already
    Attendance.objects.bulk_create(
        (
            Attendance(
                session=session,
                user_id=user_id,
                source=source,
                minutes=minutes_by_user[user_id],
                recorded_by=actor,
            )
            for user_id in sorted(new)
        ),
        batch_size=1000,
    )
    # Everyone recorded, not only the new: it costs the same and mends any gap.
    attendance_recorded.send(
        sender=Session, series_id=session.series_id, user_ids=set(minutes_by_user)
    )
    return new, already


@transaction.atomic
def attendance_mark(*, actor, session_id: int, user_ids: Iterable[int], request=None) -> int:
    """Record that these people attended; the number newly recorded. Each must have
    a place on the session or be recorded already (the people the page lists)."""
    session = _session_for_recording(actor=actor, session_id=session_id)
    user_ids = set(user_ids)
    if not user_ids:
        return 0
    listed = set(attendance_people(session).filter(pk__in=user_ids).values_list("pk", flat=True))
    if listed != user_ids:
        raise ValidationError(
            "Some of the people ticked are not registered for this session. Reload the "
            "page and try again."
        )
    new, _ = _record(
        session,
        actor=actor,
        minutes_by_user=dict.fromkeys(user_ids),
        source=AttendanceSource.MARKED,
    )
    if new:
        _audit(
            AuditAction.WEBINAR_ATTENDANCE_RECORDED,
            actor=actor,
            session=session,
            request=request,
            source=AttendanceSource.MARKED,
            recorded=len(new),
        )
    return len(new)


@transaction.atomic
def attendance_unmark(*, actor, session_id: int, user_ids: Iterable[int], request=None) -> int:
    """Take back attendance recorded by mistake; the number removed. Whoever has no
    other attendance in the series is no longer done with its induction steps."""
    session = _session_for_recording(actor=actor, session_id=session_id)
    user_ids = set(user_ids)
    if not user_ids:
        return 0
    removed = set(
        Attendance.objects.filter(session=session, user_id__in=user_ids).values_list(
            "user_id", flat=True
        )
    )
    if not removed:
        return 0
    Attendance.objects.filter(session=session, user_id__in=removed).delete()
    attendance_removed.send(sender=Session, series_id=session.series_id, user_ids=removed)
    _audit(
        AuditAction.WEBINAR_ATTENDANCE_REMOVED,
        actor=actor,
        session=session,
        request=request,
        removed=len(removed),
    )
    return len(removed)


@dataclass(frozen=True)
class SaveResult:
    recorded: int
    removed: int


@transaction.atomic
def attendance_save(
    *, actor, session_id: int, shown_ids: Iterable[int], attended_ids: Iterable[int], request=None
) -> SaveResult:
    """The attendance page's form: of the people it showed, the ticked ones are
    recorded and the unticked ones removed, together or not at all."""
    shown, attended = set(shown_ids), set(attended_ids)
    if not attended <= shown:
        raise ValidationError("Tick only people in the list. Reload the page and try again.")
    recorded = attendance_mark(
        actor=actor, session_id=session_id, user_ids=attended, request=request
    )
    removed = attendance_unmark(
        actor=actor, session_id=session_id, user_ids=shown - attended, request=request
    )
    return SaveResult(recorded=recorded, removed=removed)


# --- Recording from a report --------------------------------------------------------------


@dataclass(frozen=True)
class NotRecorded:
    number: int
    name: str
    email: str
    reason: str


@dataclass
class ImportResult:
    kind: str
    recorded: list[User] = field(default_factory=list)
    already: list[User] = field(default_factory=list)
    not_recorded: list[NotRecorded] = field(default_factory=list)


def _row_refusal(row: ReportRow) -> str:
    if not row.email:
        return "No email address in the report: a guest, or someone who joined by phone."
    try:
        if len(row.email) > EMAIL_MAX_LENGTH:
            raise ValidationError("too long")
        validate_email(row.email)
    except ValidationError:
        return "Not an email address."
    return ""


def _by_name(user: User) -> tuple[str, str]:
    return (user.full_name.casefold(), user.email.casefold())


@transaction.atomic
def attendance_import(
    *, actor, session_id: int, report: AttendanceReport, request=None
) -> ImportResult:
    """Record everyone in a report who has an open account and is in the session's
    audience; list every other row with the reason. Several rows for one person
    (they left and joined again) add up to one attendance with their total time.
    A fixed number of queries for any number of rows."""
    session = _session_for_recording(actor=actor, session_id=session_id)
    result = ImportResult(kind=report.kind)
    seconds: dict[str, int | None] = {}
    first: dict[str, ReportRow] = {}
    for row in report.rows:
        reason = _row_refusal(row)
        if reason:
            result.not_recorded.append(NotRecorded(row.number, row.name, row.email, reason))
            continue
        email = row.email.casefold()
        if email not in first:
            first[email] = row
            seconds[email] = row.seconds
        elif row.seconds is not None:
            seconds[email] = (seconds[email] or 0) + row.seconds
    accounts = {
        user.email_lower: user
        for user in User.objects.annotate(
            email_lower=Lower("email"),
            in_audience=ExpressionWrapper(_in_audience(session), output_field=BooleanField()),
        ).filter(email_lower__in=list(first))
    }
    where = session.region.name if session.region_id else ""
    minutes_by_user: dict[int, int | None] = {}
    users: dict[int, User] = {}
    for email, row in first.items():
        user = accounts.get(email)
        if user is None:
            reason = "No one has an account with this email address."
        elif not user.is_active:
            reason = "This person's account is closed."
        elif not user.in_audience:
            reason = f"Not in this event's audience: it is for people in {where}."
        else:
            total = seconds[email]
            minutes_by_user[user.pk] = None if total is None else (total + 30) // 60
            users[user.pk] = user
            continue
        result.not_recorded.append(NotRecorded(row.number, row.name, row.email, reason))
    new, already = _record(
        session, actor=actor, minutes_by_user=minutes_by_user, source=AttendanceSource.UPLOAD
    )
    result.recorded = sorted((users[pk] for pk in new), key=_by_name)
    result.already = sorted((users[pk] for pk in already), key=_by_name)
    result.not_recorded.sort(key=lambda item: item.number)
    _audit(
        AuditAction.WEBINAR_ATTENDANCE_RECORDED,
        actor=actor,
        session=session,
        request=request,
        source=AttendanceSource.UPLOAD,
        recorded=len(new),
        already=len(already),
        not_recorded=len(result.not_recorded),
    )
    return result
