"""Writes to a region's cohorts. Each service checks again that the person runs
this region (not only the view), locks the cohort it changes, refuses changes to
an archived cohort, and writes an audit event carrying the region's schema."""

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, connection, transaction
from django.db.models.functions import Lower
from django.utils import timezone

from courses.models import CoursePage
from induction.selectors import induction_pack
from learning.accounts.enums import Role
from learning.accounts.models import User
from learning.audit.enums import AuditAction
from learning.audit.services import audit_record
from learning.mail.models import OutboxMessage

from .enums import AssignmentKind
from .models import Cohort, CohortAssignment, CohortMember
from .permissions import require_cohort_runner
from .reminded import nudge_key
from .reminders import item_links, reminder_enqueue
from .selectors import INDUCTION_CHOICE, members_behind
from .uploads import UploadRow

EMAIL_MAX_LENGTH = 254


def _day(value: date) -> str:
    return f"{value:%-d %B %Y}"


def _audit(action, *, actor, cohort: Cohort, request=None, **details) -> None:
    audit_record(
        action=action,
        actor=actor,
        subject=f"cohort {cohort.pk} “{cohort.name}”",
        request=request,
        details=details,
    )


def _cohort_for_change(cohort_id: int) -> Cohort:
    """The cohort, locked until the change commits, so two coordinators' changes queue."""
    cohort = Cohort.objects.select_for_update().filter(pk=cohort_id).first()
    if cohort is None:
        raise ValidationError("That cohort does not exist.")
    if cohort.archived_at is not None:
        raise ValidationError("This cohort is archived. Restore it before changing it.")
    return cohort


def _refuse_duplicate(*, name: str, start_date: date, exclude_pk: int | None = None) -> None:
    # Case-insensitive, stricter than the database's rule: "Spring" and "spring" starting
    # the same day would be told apart by no one.
    same = Cohort.objects.filter(name__iexact=name, start_date=start_date, archived_at=None)
    if exclude_pk is not None:
        same = same.exclude(pk=exclude_pk)
    if same.exists():
        raise ValidationError(
            {
                "name": f"There is already a cohort called {name} starting on "
                f"{_day(start_date)}. Give this cohort a different name."
            }
        )


def _name(name: str) -> str:
    name = " ".join(name.replace("\x00", "").split())
    if not name:
        raise ValidationError({"name": "Enter a name for the cohort."})
    return name


# --- Cohorts ---------------------------------------------------------------------------


@transaction.atomic
def cohort_create(*, actor, name: str, start_date: date, request=None) -> Cohort:
    require_cohort_runner(actor)
    name = _name(name)
    _refuse_duplicate(name=name, start_date=start_date)
    try:
        with transaction.atomic():
            cohort = Cohort.objects.create(name=name, start_date=start_date, created_by=actor)
    except IntegrityError:  # created by someone else a moment ago
        _refuse_duplicate(name=name, start_date=start_date)
        raise
    _audit(
        AuditAction.COHORT_CREATED,
        actor=actor,
        cohort=cohort,
        request=request,
        start_date=start_date.isoformat(),
    )
    return cohort


@transaction.atomic
def cohort_update(*, actor, cohort_id: int, name: str, start_date: date, request=None) -> Cohort:
    require_cohort_runner(actor)
    cohort = _cohort_for_change(cohort_id)
    name = _name(name)
    _refuse_duplicate(name=name, start_date=start_date, exclude_pk=cohort.pk)
    first_due = cohort.assignments.order_by("due_date").first()
    if first_due is not None and first_due.due_date < start_date:
        raise ValidationError(
            {
                "start_date": f"The start date must be on or before the first due date, "
                f"{_day(first_due.due_date)}. Change that due date first."
            }
        )
    changes = {}
    if cohort.name != name:
        changes["name"] = [cohort.name, name]
    if cohort.start_date != start_date:
        changes["start_date"] = [cohort.start_date.isoformat(), start_date.isoformat()]
    cohort.name, cohort.start_date = name, start_date
    cohort.save(update_fields=["name", "start_date"])
    if changes:
        _audit(AuditAction.COHORT_CHANGED, actor=actor, cohort=cohort, request=request, **changes)
    return cohort


@transaction.atomic
def cohort_set_archived(*, actor, cohort_id: int, archived: bool, request=None) -> Cohort:
    """Archive a cohort (it leaves the list and gets no more reminders) or restore it."""
    require_cohort_runner(actor)
    cohort = Cohort.objects.select_for_update().filter(pk=cohort_id).first()
    if cohort is None:
        raise ValidationError("That cohort does not exist.")
    if (cohort.archived_at is not None) == archived:
        return cohort
    if not archived:
        try:
            _refuse_duplicate(name=cohort.name, start_date=cohort.start_date)
        except ValidationError:
            raise ValidationError(
                f"There is already an active cohort called {cohort.name} starting on "
                f"{_day(cohort.start_date)}. Rename or archive that one first."
            ) from None
    cohort.archived_at = timezone.now() if archived else None
    cohort.save(update_fields=["archived_at"])
    _audit(
        AuditAction.COHORT_CHANGED, actor=actor, cohort=cohort, request=request, archived=archived
    )
    return cohort


# --- Members ---------------------------------------------------------------------------


def _candidates_by_email(emails: list[str]) -> dict[str, User]:
    """Accounts for these addresses (lower-cased), with their PCN's CCG. One query."""
    found = (
        User.objects.annotate(email_lower=Lower("email"))
        .filter(email_lower__in=emails)
        .select_related("pcn__ccg")
    )
    return {user.email_lower: user for user in found}


def refusal(user: User | None, *, region, member_ids: set[int]) -> str:
    """Why this account cannot join a cohort of `region`, or "" if it can."""
    if user is None:
        return "No one has an account with this email address."
    if not user.is_active:
        return "This person's account is closed."
    if user.role != Role.LINK_WORKER:
        return (
            f"Not a link worker (their role is {user.get_role_display()}). "
            "Only link workers can join a cohort."
        )
    if user.pcn_id is None or user.pcn.ccg.region_id != region.pk:
        return (
            f"Works in another region: only link workers whose PCN is in {region.name} "
            "can join its cohorts."
        )
    if user.pk in member_ids:
        return "Already a member of this cohort."
    return ""


def _member_ids(cohort: Cohort) -> set[int]:
    return set(cohort.memberships.values_list("user_id", flat=True))


@transaction.atomic
def cohort_member_add(*, actor, cohort_id: int, email: str, request=None) -> CohortMember:
    """Add one link worker of this region, by their work email."""
    require_cohort_runner(actor)
    cohort = _cohort_for_change(cohort_id)
    email = email.strip().lower()
    user = _candidates_by_email([email]).get(email)
    reason = refusal(user, region=connection.tenant, member_ids=_member_ids(cohort))
    if reason:
        raise ValidationError({"email": reason})
    member = CohortMember.objects.create(cohort=cohort, user=user, added_by=actor)
    _audit(
        AuditAction.COHORT_MEMBERS_ADDED,
        actor=actor,
        cohort=cohort,
        request=request,
        added=[user.email],
    )
    return member


@dataclass(frozen=True)
class RowFailure:
    number: int
    value: str
    reason: str


@dataclass
class ImportResult:
    added: list[User] = field(default_factory=list)
    failures: list[RowFailure] = field(default_factory=list)


@transaction.atomic
def cohort_members_import(
    *, actor, cohort_id: int, rows: list[UploadRow], request=None
) -> ImportResult:
    """Add the link workers of an uploaded file's rows. Good rows are added; each
    row that cannot be is reported with its number, its value and why. A fixed
    number of queries for any number of rows."""
    require_cohort_runner(actor)
    cohort = _cohort_for_change(cohort_id)
    region = connection.tenant
    result = ImportResult()
    wanted: list[tuple[UploadRow, str]] = []
    first_row: dict[str, int] = {}
    for row in rows:
        email = row.value.lower()
        reason = ""
        if row.extra:
            reason = "More than one column: put one email address in each row, in the first column."
        else:
            try:
                if len(email) > EMAIL_MAX_LENGTH:
                    raise ValidationError("too long")
                validate_email(email)
            except ValidationError:
                reason = "Not an email address."
        if not reason and email in first_row:
            reason = f"The same email address as row {first_row[email]}."
        if reason:
            result.failures.append(RowFailure(row.number, row.value, reason))
            continue
        first_row[email] = row.number
        wanted.append((row, email))
    users = _candidates_by_email([email for _, email in wanted])
    member_ids = _member_ids(cohort)
    for row, email in wanted:
        user = users.get(email)
        reason = refusal(user, region=region, member_ids=member_ids)
        if reason:
            result.failures.append(RowFailure(row.number, row.value, reason))
        else:
            result.added.append(user)
    CohortMember.objects.bulk_create(
        CohortMember(cohort=cohort, user=user, added_by=actor) for user in result.added
    )
    result.failures.sort(key=lambda failure: failure.number)
    _audit(
        AuditAction.COHORT_MEMBERS_ADDED,
        actor=actor,
        cohort=cohort,
        request=request,
        source="csv",
        added=len(result.added),
        failed=len(result.failures),
    )
    return result


@transaction.atomic
def cohort_member_remove(*, actor, cohort_id: int, member_id: int, request=None) -> CohortMember:
    """Take someone out of a cohort. Their training records are theirs and stay."""
    require_cohort_runner(actor)
    cohort = _cohort_for_change(cohort_id)
    member = CohortMember.objects.select_related("user").filter(pk=member_id, cohort=cohort).first()
    if member is None:
        raise ValidationError("That person is not a member of this cohort.")
    member.delete()
    audit_record(
        action=AuditAction.COHORT_MEMBER_REMOVED,
        actor=actor,
        subject=member.user.email,
        request=request,
        details={"cohort": cohort.pk, "cohort_name": cohort.name},
    )
    return member


# --- Assigned learning -----------------------------------------------------------------


def _check_due_date(cohort: Cohort, due_date: date) -> None:
    if due_date < cohort.start_date:
        raise ValidationError(
            {
                "due_date": f"The due date must be on or after the cohort's start date, "
                f"{_day(cohort.start_date)}."
            }
        )


def _item_title(assignment: CohortAssignment) -> str:
    return assignment.course.title if assignment.course_id else AssignmentKind.INDUCTION.label


@transaction.atomic
def cohort_assignment_create(
    *, actor, cohort_id: int, item: str, due_date: date, request=None
) -> CohortAssignment:
    """Assign the induction pack ("induction") or a live module ("course-<id>")."""
    require_cohort_runner(actor)
    cohort = _cohort_for_change(cohort_id)
    _check_due_date(cohort, due_date)
    if item == INDUCTION_CHOICE:
        if induction_pack() is None:
            raise ValidationError({"item": "The induction pack has not been published yet."})
        fields = {"kind": AssignmentKind.INDUCTION, "course": None}
    else:
        prefix, _, course_id = item.partition("-")
        course = (
            CoursePage.objects.live().filter(pk=int(course_id)).first()
            if prefix == "course" and course_id.isascii() and course_id.isdigit()
            else None
        )
        if course is None:
            raise ValidationError({"item": "Choose a module that is open for enrolment."})
        fields = {"kind": AssignmentKind.COURSE, "course": course}
    try:
        with transaction.atomic():
            assignment = CohortAssignment.objects.create(cohort=cohort, due_date=due_date, **fields)
    except IntegrityError:
        raise ValidationError({"item": "That is already assigned to this cohort."}) from None
    _audit(
        AuditAction.COHORT_ASSIGNED,
        actor=actor,
        cohort=cohort,
        request=request,
        change="assigned",
        item=_item_title(assignment),
        due_date=due_date.isoformat(),
    )
    return assignment


def _assignment_of(cohort: Cohort, assignment_id: int) -> CohortAssignment:
    assignment = (
        CohortAssignment.objects.select_related("course")
        .filter(pk=assignment_id, cohort=cohort)
        .first()
    )
    if assignment is None:
        raise ValidationError("That learning is not assigned to this cohort.")
    return assignment


@transaction.atomic
def cohort_assignment_update(
    *, actor, cohort_id: int, assignment_id: int, due_date: date, request=None
) -> CohortAssignment:
    """Change when an assigned item is due."""
    require_cohort_runner(actor)
    cohort = _cohort_for_change(cohort_id)
    assignment = _assignment_of(cohort, assignment_id)
    _check_due_date(cohort, due_date)
    before = assignment.due_date
    assignment.due_date = due_date
    assignment.save(update_fields=["due_date"])
    _audit(
        AuditAction.COHORT_ASSIGNED,
        actor=actor,
        cohort=cohort,
        request=request,
        change="due date",
        item=_item_title(assignment),
        due_date=[before.isoformat(), due_date.isoformat()],
    )
    return assignment


@transaction.atomic
def cohort_assignment_remove(
    *, actor, cohort_id: int, assignment_id: int, request=None
) -> CohortAssignment:
    """Stop assigning an item to the cohort. Members' progress on it is theirs and stays."""
    require_cohort_runner(actor)
    cohort = _cohort_for_change(cohort_id)
    assignment = _assignment_of(cohort, assignment_id)
    title = _item_title(assignment)
    assignment.delete()
    _audit(
        AuditAction.COHORT_ASSIGNED,
        actor=actor,
        cohort=cohort,
        request=request,
        change="removed",
        item=title,
    )
    return assignment


# --- Nudging the people behind -----------------------------------------------------------


@dataclass(frozen=True)
class NudgeResult:
    sent: int  # emails queued now
    already: int  # people already nudged about this cohort today


@transaction.atomic
def cohort_nudge(*, actor, cohort_id: int, request=None) -> NudgeResult:
    """Email every member with an overdue item a list of those items. Once a day per
    member and cohort: a second click (or a second coordinator) the same day sends
    nothing more."""
    require_cohort_runner(actor)
    cohort = _cohort_for_change(cohort_id)
    region = connection.tenant
    today = timezone.localdate()
    behind = members_behind(cohorts=Cohort.objects.filter(pk=cohort.pk), today=today)
    keys = {
        member.user.pk: nudge_key(cohort_id=cohort.pk, user_id=member.user.pk, day=today)
        for member in behind
    }
    already = set(OutboxMessage.objects.filter(key__in=keys.values()).values_list("key", flat=True))
    links = item_links(region, [item for member in behind for item in member.items])
    sent = 0
    for member in behind:
        key = keys[member.user.pk]
        if key in already:
            continue
        reminder_enqueue(
            key=key,
            region=region,
            behind=member,
            items=member.items,
            links=links,
            nudged_by=actor,
        )
        sent += 1
    _audit(
        AuditAction.COHORT_NUDGED,
        actor=actor,
        cohort=cohort,
        request=request,
        sent=sent,
        already_today=len(already),
    )
    return NudgeResult(sent=sent, already=len(already))
