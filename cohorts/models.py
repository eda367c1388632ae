"""Cohorts, in each region's schema: a learning coordinator's group of new link
workers, the items assigned to them with due dates, and the reminders sent.

People are shared users (public schema). As in the forums, foreign keys to them
use DO_NOTHING: Django's delete collector would otherwise look for cohort rows in
whichever schema is active; the database constraint still stops a member being
deleted, so people leave by being deactivated.
"""

from django.conf import settings
from django.db import models

from courses.models import CoursePage

from .enums import AssignmentKind


class Cohort(models.Model):
    name = models.CharField(max_length=120)
    start_date = models.DateField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.DO_NOTHING, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    archived_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-start_date", "name"]
        constraints = [
            models.UniqueConstraint(
                "name",
                "start_date",
                condition=models.Q(archived_at=None),
                name="cohort_name_unique_per_start",
            )
        ]

    def __str__(self) -> str:
        return self.name


class CohortMember(models.Model):
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.DO_NOTHING, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.DO_NOTHING, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["cohort", "user"], name="one_membership_a_cohort")
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.cohort}"


class CohortAssignment(models.Model):
    """The induction pack or one module, assigned to a cohort with a due date."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="assignments")
    kind = models.CharField(max_length=20, choices=AssignmentKind.choices)
    course = models.ForeignKey(
        CoursePage, on_delete=models.DO_NOTHING, null=True, blank=True, related_name="+"
    )
    due_date = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind=AssignmentKind.COURSE, course__isnull=False)
                | models.Q(kind=AssignmentKind.INDUCTION, course=None),
                name="a_module_assignment_names_its_module",
            ),
            models.UniqueConstraint(
                fields=["cohort", "course"], name="a_module_assigned_once_a_cohort"
            ),
            models.UniqueConstraint(
                fields=["cohort"],
                condition=models.Q(kind=AssignmentKind.INDUCTION),
                name="induction_assigned_once_a_cohort",
            ),
        ]

    def __str__(self) -> str:
        what = self.course.title if self.course_id else self.get_kind_display()
        return f"{what}, due {self.due_date:%-d %B %Y}"


class ReminderSent(models.Model):
    """One weekly reminder to one member about one overdue item: never twice for the
    same item and week (`week` is that week's Monday)."""

    assignment = models.ForeignKey(
        CohortAssignment, on_delete=models.CASCADE, related_name="reminders"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.DO_NOTHING, related_name="+"
    )
    week = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "user", "week"], name="one_reminder_an_item_a_week"
            )
        ]

    def __str__(self) -> str:
        return f"Reminder to {self.user} about {self.assignment}, week of {self.week}"
