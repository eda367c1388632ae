from django.db import models


class EnrolmentStatus(models.TextChoices):
    """Where a person is with a module. Completed is final: it is a credential."""

    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETED = "completed", "Completed"


class QuestionKind(models.TextChoices):
    SINGLE = "single", "Choose one answer"
    MULTIPLE = "multiple", "Choose every answer that applies"
