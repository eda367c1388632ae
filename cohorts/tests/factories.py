"""Cohorts for tests: made in the region's schema (call inside tenant_context)."""

from datetime import date, timedelta

from django.utils import timezone

from courses.enums import EnrolmentStatus
from courses.models import Enrolment

from ..enums import AssignmentKind
from ..models import Cohort, CohortAssignment, CohortMember


def days_from_today(days: int) -> date:
    return timezone.localdate() + timedelta(days=days)


def make_cohort(*, by, name: str = "Spring intake", start_date: date | None = None) -> Cohort:
    return Cohort.objects.create(
        name=name, start_date=start_date or days_from_today(-60), created_by=by
    )


def add_members(cohort: Cohort, people, *, by) -> list[CohortMember]:
    return [CohortMember.objects.create(cohort=cohort, user=p, added_by=by) for p in people]


def assign(cohort: Cohort, course=None, *, due: date) -> CohortAssignment:
    """A module, or the induction pack when `course` is None."""
    return CohortAssignment.objects.create(
        cohort=cohort,
        kind=AssignmentKind.COURSE if course else AssignmentKind.INDUCTION,
        course=course,
        due_date=due,
    )


def set_enrolment(user, course, status: str) -> Enrolment:
    """A training record at `status`, as the courses services leave it."""
    completed_at = timezone.now() if status == EnrolmentStatus.COMPLETED else None
    enrolment, _ = Enrolment.objects.update_or_create(
        user=user, course=course, defaults={"status": status, "completed_at": completed_at}
    )
    return enrolment
