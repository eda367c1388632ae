from django.conf import settings
from django.db import models

from ..enums import StepStatus
from .pack import InductionStepPage

REFLECTION_MAX_LENGTH = 5000
RETURN_COMMENT_MAX_LENGTH = 1000


class StepProgress(models.Model):
    """One person's progress on one step. No row means not started.

    Keyed by the step page, so reordering or retitling steps leaves records
    intact; an unpublished step keeps its records but stops counting.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="induction_progress"
    )
    step = models.ForeignKey(InductionStepPage, on_delete=models.CASCADE, related_name="progress")
    status = models.CharField(max_length=20, choices=StepStatus.choices)
    reflection = models.TextField(max_length=REFLECTION_MAX_LENGTH, blank=True)
    # Whether the person's learning coordinators may read the reflection: always on a
    # step whose reflection is shared, the person's own choice on any other.
    reflection_shared = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(
        null=True, blank=True, help_text="When it was last sent for sign-off."
    )
    completed_at = models.DateTimeField(null=True, blank=True)
    # The coordinator's last decision on a step that needs sign-off.
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_comment = models.TextField(max_length=RETURN_COMMENT_MAX_LENGTH, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "step"], name="one_progress_per_person_step")
        ]
        indexes = [
            models.Index(fields=["user", "status"]),
            models.Index(fields=["status", "submitted_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.step.title} ({self.get_status_display()})"
