from django.db import models


class AssignmentKind(models.TextChoices):
    INDUCTION = "induction", "Induction pack"
    COURSE = "course", "Module"


class CellStatus(models.TextChoices):
    """One member's status on one assigned item, as the cohort grid shows it."""

    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETED = "completed", "Completed"
    OVERDUE = "overdue", "Overdue"
