from django.db import models


class StepKind(models.TextChoices):
    READ = "read", "Read"
    OFFLINE = "offline", "Offline task"
    REFLECTION = "reflection", "Reflection"
    # Completed by the attendance that organisers record, never by the person.
    WEBINAR = "webinar", "Attend a webinar"


class StepStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    AWAITING_SIGN_OFF = "awaiting_sign_off", "Waiting for sign-off"
    COMPLETED = "completed", "Completed"


class OutcomeAudience(models.TextChoices):
    """The three audiences of the Common Outcomes Framework."""

    PERSON = "person", "The person"
    LOCAL_SYSTEM = "local_system", "The local system"
    COMMUNITY_GROUPS = "community_groups", "Community groups"


class ProgressState(models.TextChoices):
    """A link worker's induction as a whole, as coordinators filter it."""

    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    AWAITING_SIGN_OFF = "awaiting_sign_off", "Waiting for sign-off"
    COMPLETED = "completed", "Completed"
