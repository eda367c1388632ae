from django.db import models


class Theme(models.TextChoices):
    """What a session is about, for the schedule's filter. The needs social
    prescribing meets, plus the practice of the role itself."""

    WELCOME = "welcome", "Welcome and induction"
    PRACTICE = "practice", "Link worker practice"
    SUPERVISION = "supervision", "Supervision and wellbeing"
    LONELINESS = "loneliness", "Loneliness and isolation"
    MENTAL_HEALTH = "mental_health", "Mental health"
    MONEY = "money", "Money, debt and benefits"
    HOUSING = "housing", "Housing"
    ACTIVITY = "activity", "Physical activity"
    CARERS = "carers", "Carers"
    EVIDENCE = "evidence", "Evidence and outcomes"


class SessionStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    CANCELLED = "cancelled", "Cancelled"


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", "Registered"
    WAITING = "waiting", "On the waiting list"
    CANCELLED = "cancelled", "Cancelled"


class AttendanceSource(models.TextChoices):
    MARKED = "marked", "Marked by hand"
    UPLOAD = "upload", "From an attendance report"


class CirculationKind(models.TextChoices):
    WEEKLY = "weekly", "Weekly digest"
    CHANGES = "changes", "Schedule changes"
    CASCADE = "cascade", "Forwarded by a CCG lead"


class ChangeKind(models.TextChoices):
    ADDED = "added", "Added"
    CHANGED = "changed", "Changed"
    CANCELLED = "cancelled", "Cancelled"
