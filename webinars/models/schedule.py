import uuid
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from learning.regions.models import Region

from ..enums import ChangeKind, SessionStatus, Theme

MAX_CAPACITY = 5000


class Series(models.Model):
    """A run of sessions: "Welcome webinar", "Themed webinars 2026/27", or a region's
    learning events. A series with a region is that region's; without, national."""

    title = models.CharField(max_length=150)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField(max_length=2000, blank=True)
    region = models.ForeignKey(
        Region, null=True, blank=True, on_delete=models.PROTECT, related_name="webinar_series",
        help_text="Leave empty for a national series.",
    )  # fmt: skip
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title"]
        verbose_name_plural = "series"

    def __str__(self) -> str:
        return self.title


class SessionQuerySet(models.QuerySet):
    def scheduled(self):
        return self.filter(status=SessionStatus.SCHEDULED)

    def upcoming(self, *, now=None):
        return self.scheduled().filter(ends_at__gt=now or timezone.now())

    def for_audience(self, region: Region | None):
        """Sessions open to people of `region`: national ones, and that region's own.
        `None` (the hub, or someone with no region) sees national sessions only."""
        if region is None or region.is_hub:
            return self.filter(region__isnull=True)
        return self.filter(Q(region__isnull=True) | Q(region=region))


class Session(models.Model):
    """One webinar or learning event. Times are stored in UTC and shown in UK time.

    `uid` never changes, so calendars update the event rather than adding another;
    `sequence` goes up whenever something a calendar shows changes (RFC 5545)."""

    series = models.ForeignKey(Series, on_delete=models.PROTECT, related_name="sessions")
    title = models.CharField(max_length=200)
    description = models.TextField(max_length=5000, blank=True)
    speakers = models.CharField(max_length=500, blank=True, help_text="Names and roles.")
    theme = models.CharField(max_length=20, choices=Theme.choices)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    join_url = models.URLField(
        "online joining link", max_length=500, blank=True,
        help_text="Teams or Zoom link. Shown only to people with a place.",
    )  # fmt: skip
    location = models.CharField(
        max_length=300, blank=True, help_text="For an event in person: the venue and address."
    )
    capacity = models.PositiveIntegerField()
    region = models.ForeignKey(
        Region, null=True, blank=True, on_delete=models.PROTECT, related_name="webinar_sessions",
        help_text="Leave empty for everyone; choose a region for a regional learning event.",
    )  # fmt: skip
    status = models.CharField(
        max_length=10, choices=SessionStatus.choices, default=SessionStatus.SCHEDULED
    )
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancellation_reason = models.CharField(max_length=500, blank=True)
    recording_url = models.URLField(max_length=500, blank=True)
    slides_url = models.URLField(max_length=500, blank=True)
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SessionQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="session_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(capacity__gte=1) & Q(capacity__lte=MAX_CAPACITY),
                name="session_capacity_in_range",
            ),
        ]
        indexes = [models.Index(fields=["status", "starts_at"])]

    def __str__(self) -> str:
        return f"{self.title} ({timezone.localtime(self.starts_at):%d %b %Y %H:%M})"

    def get_absolute_url(self) -> str:
        return reverse("webinars:session", args=[self.pk])

    @property
    def is_cancelled(self) -> bool:
        return self.status == SessionStatus.CANCELLED

    def has_started(self, now=None) -> bool:
        return (now or timezone.now()) >= self.starts_at

    def has_ended(self, now=None) -> bool:
        return (now or timezone.now()) >= self.ends_at

    @property
    def uk_when(self) -> str:
        """When it is, in UK time: "Tuesday 3 March 2026, 10:00 to 11:00"."""
        start, end = timezone.localtime(self.starts_at), timezone.localtime(self.ends_at)
        day = "%A %-d %B %Y, %H:%M"
        return (
            f"{start:{day}} to {end:%H:%M}"
            if start.date() == end.date()
            else f"{start:{day}} to {end:{day}}"
        )

    @property
    def is_regional(self) -> bool:
        return self.region_id is not None

    @property
    def cpd_hours(self) -> Decimal:
        """The session's length in hours, to the quarter hour: the CPD an attendee logs."""
        quarters = Decimal((self.ends_at - self.starts_at).total_seconds()) / Decimal(900)
        return quarters.quantize(Decimal("1"), rounding=ROUND_HALF_UP) / Decimal(4)


class ScheduleChange(models.Model):
    """A session added, changed or cancelled, waiting to go out in the next
    coalesced circulation to CCG leads (`circulation` is set once it has)."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="changes")
    kind = models.CharField(max_length=10, choices=ChangeKind.choices)
    summary = models.CharField(max_length=300, blank=True, help_text="What changed, in words.")
    sequence = models.PositiveIntegerField(help_text="The session's sequence after the change.")
    occurred_at = models.DateTimeField(auto_now_add=True)
    # Set once everyone registered or waiting has been emailed about it (at once for
    # an added session: nobody is registered yet). A sweep catches any the broker lost.
    registrants_notified_at = models.DateTimeField(null=True, blank=True)
    circulation = models.ForeignKey(
        "webinars.Circulation", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="changes",
    )  # fmt: skip

    class Meta:
        ordering = ["occurred_at", "pk"]
        indexes = [
            models.Index(
                fields=["occurred_at"],
                condition=Q(circulation__isnull=True),
                name="schedule_change_pending",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.session.title}"
