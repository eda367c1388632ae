from django.db import models


class StepKind(models.TextChoices):
    READ = "read", "Read"
    OFFLINE = "offline", "Offline task"
    REFLECTION = "reflection", "Reflection"


class StepStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    AWAITING_SIGN_OFF = "awaiting_sign_off", "Waiting for sign-off"
    COMPLETED = "completed", "Completed"
