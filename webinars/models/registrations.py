import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from ..enums import AttendanceSource, RegistrationStatus
from .schedule import Session

FEEDBACK_MAX_LENGTH = 2000


class Registration(models.Model):
    """A person's place on a session, or their place in its waiting list.

    One row per (session, person): cancelling and registering again reuses it, and
    `queued_at` restarts, so the waiting list is first come, first served."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="webinar_registrations"
    )
    status = models.CharField(max_length=10, choices=RegistrationStatus.choices)
    queued_at = models.DateTimeField(help_text="When they asked for this place.")
    promoted_at = models.DateTimeField(
        null=True, blank=True, help_text="When a freed place came to them from the waiting list."
    )
    cancelled_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["queued_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["session", "user"], name="one_registration_per_person")
        ]
        indexes = [
            models.Index(fields=["session", "status", "queued_at"]),
            # The daily figures count registrations made on a day.
            models.Index(fields=["created_at"], name="registration_created_at"),
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.session.title} ({self.get_status_display()})"

    @property
    def has_place(self) -> bool:
        return self.status == RegistrationStatus.REGISTERED

    @property
    def is_waiting(self) -> bool:
        return self.status == RegistrationStatus.WAITING


class Attendance(models.Model):
    """Someone was at a session: marked by a coordinator or the national team, or
    read from the attendance report Teams or Zoom exports. It is what the CPD log
    and "attend a webinar" induction steps read."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendances")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="webinar_attendances"
    )
    source = models.CharField(max_length=10, choices=AttendanceSource.choices)
    minutes = models.PositiveIntegerField(
        null=True, blank=True, help_text="Time in the meeting, when the report says."
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["session", "user"]
        constraints = [
            models.UniqueConstraint(fields=["session", "user"], name="one_attendance_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.user} attended {self.session.title}"


class Feedback(models.Model):
    """What someone who had a place thought of a session, once it has ended."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="feedback")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="webinar_feedback"
    )
    rating = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text="How useful it was, from 1 (not at all) to 5 (very).",
    )
    comment = models.TextField(max_length=FEEDBACK_MAX_LENGTH, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["session", "user"], name="one_feedback_per_person"),
            models.CheckConstraint(
                condition=Q(rating__gte=1) & Q(rating__lte=5), name="feedback_rating_1_to_5"
            ),
        ]
        verbose_name_plural = "feedback"

    def __str__(self) -> str:
        return f"{self.user} on {self.session.title}: {self.rating}/5"


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """A person's private calendar feed. The token in its address is the only
    credential a calendar app has; revoking replaces it, so the old address stops."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="webinar_feed"
    )
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(auto_now_add=True)
    last_read_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Calendar feed of {self.user}"
