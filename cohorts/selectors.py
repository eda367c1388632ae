"""Reads for the cohort pages, the nudge and the weekly reminder. Everything here
runs in the current region's schema."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, QuerySet

from courses.models import CoursePage
from induction.selectors import induction_pack
from learning.accounts.models import User

from .enums import AssignmentKind, CellStatus
from .grid import Item, items_of, progress_of
from .models import Cohort, CohortAssignment, CohortMember

INDUCTION_CHOICE = "induction"


def cohort_list(*, archived: bool = False) -> QuerySet[Cohort]:
    """Cohorts, newest start first, each with its numbers of members and items. One query."""
    return Cohort.objects.filter(archived_at__isnull=not archived).annotate(
        member_count=Count("memberships", distinct=True),
        item_count=Count("assignments", distinct=True),
    )


@dataclass
class Behind:
    """A member with overdue items, and those items (in one cohort or several)."""

    user: User
    items: list[Item] = field(default_factory=list)
    cohorts: dict[int, str] = field(default_factory=dict)  # cohort id -> name


def members_behind(*, cohorts: QuerySet[Cohort], today: date) -> list[Behind]:
    """Active members of these cohorts with at least one item not completed by its
    due date, by name. A fixed number of queries."""
    items = items_of(CohortAssignment.objects.filter(cohort__in=cohorts, due_date__lt=today))
    if not items:
        return []
    by_cohort: dict[int, list[Item]] = defaultdict(list)
    for item in items:
        by_cohort[item.cohort_id].append(item)
    memberships = list(
        CohortMember.objects.filter(cohort_id__in=by_cohort, user__is_active=True)
        .select_related("user", "cohort")
        .order_by("user__full_name", "user__email", "cohort__start_date", "cohort_id")
    )
    progress = progress_of(user_ids={m.user_id for m in memberships}, items=items)
    behind: dict[int, Behind] = {}
    for membership in memberships:
        overdue = [
            item
            for item in by_cohort[membership.cohort_id]
            if progress.status(membership.user_id, item, today) == CellStatus.OVERDUE
        ]
        if overdue:
            member = behind.setdefault(membership.user_id, Behind(membership.user))
            member.items.extend(overdue)
            member.cohorts[membership.cohort_id] = membership.cohort.name
    return list(behind.values())


def behind_counts(*, cohorts: list[Cohort], today: date) -> dict[int, int]:
    """How many members of each cohort have at least one overdue item: the people
    the reminders would reach, counted from the same reading."""
    counts: dict[int, int] = defaultdict(int)
    for member in members_behind(
        cohorts=Cohort.objects.filter(pk__in=[c.pk for c in cohorts]), today=today
    ):
        for cohort_id in member.cohorts:
            counts[cohort_id] += 1
    return counts


def cohort_members(*, cohort: Cohort) -> QuerySet[CohortMember]:
    return (
        CohortMember.objects.filter(cohort=cohort)
        .select_related("user__pcn")
        .order_by("user__full_name", "user__email")
    )


def cohort_items(*, cohort: Cohort) -> list[Item]:
    return items_of(CohortAssignment.objects.filter(cohort=cohort))


def assignable_choices(*, cohort: Cohort) -> list[tuple[str, str]]:
    """What can still be assigned: the induction pack (once published) and live
    modules, each once a cohort. Values are "induction" or "course-<id>"."""
    assigned = CohortAssignment.objects.filter(cohort=cohort)
    choices = []
    if not assigned.filter(kind=AssignmentKind.INDUCTION).exists() and induction_pack():
        choices.append((INDUCTION_CHOICE, AssignmentKind.INDUCTION.label))
    modules = (
        CoursePage.objects.live()
        .exclude(pk__in=assigned.exclude(course=None).values("course_id"))
        .order_by("title")
        .values_list("pk", "title")
    )
    choices.extend((f"course-{pk}", title) for pk, title in modules)
    return choices
