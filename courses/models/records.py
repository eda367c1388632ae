"""Training records, national (public schema): they follow a person between regions.

An enrolment's status is stored, and recomputed by `services.enrolment_refresh`
whenever something it depends on changes (a lesson completed, an attempt sent, a
lesson published or unpublished), so lists and the cohort grid read it directly.
"""

from django.conf import settings
from django.db import models

from ..enums import EnrolmentStatus
from .pages import CoursePage, LessonPage


class Enrolment(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolments"
    )
    # A module with learners is unpublished, never deleted: its records are credentials.
    course = models.ForeignKey(CoursePage, on_delete=models.PROTECT, related_name="enrolments")
    status = models.CharField(
        max_length=20, choices=EnrolmentStatus.choices, default=EnrolmentStatus.NOT_STARTED
    )
    enrolled_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    # Attempts beyond the module's limit, each given by a coordinator or the national team.
    extra_attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "course"], name="one_enrolment_per_module"),
            models.CheckConstraint(
                condition=models.Q(status=EnrolmentStatus.COMPLETED, completed_at__isnull=False)
                | (~models.Q(status=EnrolmentStatus.COMPLETED) & models.Q(completed_at=None)),
                name="completed_enrolments_have_a_date",
            ),
        ]
        indexes = [
            models.Index(fields=["course", "status"]),
            # The daily figures count modules completed on a day.
            models.Index(fields=["completed_at"], name="enrolment_completed_at"),
        ]

    def __str__(self) -> str:
        return f"{self.user} on {self.course.title} ({self.get_status_display()})"

    @property
    def is_completed(self) -> bool:
        return self.status == EnrolmentStatus.COMPLETED


class LessonCompletion(models.Model):
    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.CASCADE, related_name="lesson_completions"
    )
    lesson = models.ForeignKey(LessonPage, on_delete=models.CASCADE, related_name="completions")
    completed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "lesson"], name="one_completion_a_lesson")
        ]

    def __str__(self) -> str:
        return f"{self.enrolment.user} completed {self.lesson.title}"


def score_percent(score: int | None, total: int) -> int | None:
    """Rounded down: 2 of 3 is 66%, so a fail never shows a 67% pass mark as reached."""
    if score is None or not total:
        return None
    return 100 * score // total


class Attempt(models.Model):
    """One go at a module's assessment. `questions` is a copy of the questions drawn,
    in the order shown, with their choices, right answers and feedback: the bank can
    change afterwards without changing this attempt. The copy stays on the server;
    the page shows only the question text and the choices' text and keys."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="attempts")
    number = models.PositiveSmallIntegerField()
    started_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    # [{"id", "text", "kind", "feedback", "choices": [{"key", "text", "correct"}]}]
    questions = models.JSONField()
    # {question id: [choice key, ...]}, set when sent.
    answers = models.JSONField(default=dict, blank=True)
    pass_mark = models.PositiveSmallIntegerField()
    score = models.PositiveSmallIntegerField(null=True, blank=True)  # questions right
    passed = models.BooleanField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "number"], name="attempts_numbered_once"),
            models.UniqueConstraint(
                fields=["enrolment"],
                condition=models.Q(submitted_at=None),
                name="one_open_attempt",
            ),
        ]
        ordering = ["enrolment", "number"]

    def __str__(self) -> str:
        return f"Attempt {self.number} by {self.enrolment.user} at {self.enrolment.course.title}"

    @property
    def total(self) -> int:
        return len(self.questions)

    @property
    def percent(self) -> int | None:
        return score_percent(self.score, self.total)

    @property
    def is_open(self) -> bool:
        return self.submitted_at is None


class Certificate(models.Model):
    """Issued once, when an enrolment completes. What it says is copied onto it, so
    a later change to the module or the person's name does not rewrite it."""

    enrolment = models.OneToOneField(
        Enrolment, on_delete=models.PROTECT, related_name="certificate"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="certificates"
    )
    # 20 characters from a 32-letter alphabet (100 bits), shown in groups of four.
    code = models.CharField(max_length=20, unique=True)
    holder_name = models.CharField(max_length=200)
    course_title = models.CharField(max_length=255)
    cpd_hours = models.DecimalField(max_digits=4, decimal_places=1)
    accrediting_body = models.CharField(max_length=200)
    issued_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_reason = models.CharField(max_length=500, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        indexes = [models.Index(fields=["user", "issued_at"])]

    def __str__(self) -> str:
        return f"{self.course_title} for {self.holder_name} ({self.display_code})"

    @property
    def display_code(self) -> str:
        return "-".join(self.code[i : i + 4] for i in range(0, len(self.code), 4))

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None
