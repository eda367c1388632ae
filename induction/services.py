from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from .enums import StepKind, StepStatus
from .models import REFLECTION_MAX_LENGTH, InductionStepPage, StepProgress


@transaction.atomic
def step_complete(*, user, step: InductionStepPage, reflection: str = "") -> StepProgress:
    """Mark a step done for `user`: completed at once, or waiting for a coordinator's
    sign-off when the step needs it. A reflection step needs its reflection."""
    if not step.live:
        raise ValidationError("This step is not available.")
    reflection = reflection.strip()
    if step.kind == StepKind.REFLECTION:
        if not reflection:
            raise ValidationError(
                {"reflection": "Write your reflection before you mark this step as done."}
            )
        if len(reflection) > REFLECTION_MAX_LENGTH:
            raise ValidationError(
                {"reflection": f"Keep your reflection to {REFLECTION_MAX_LENGTH:,} characters."}
            )
    progress, _ = StepProgress.objects.select_for_update().get_or_create(
        user=user, step=step, defaults={"status": StepStatus.IN_PROGRESS}
    )
    if progress.status == StepStatus.COMPLETED:
        raise ValidationError("You have already completed this step.")
    if progress.status == StepStatus.AWAITING_SIGN_OFF:
        raise ValidationError("This step is already waiting for your coordinator to sign it off.")
    progress.reflection = reflection if step.kind == StepKind.REFLECTION else ""
    if step.needs_sign_off:
        progress.status = StepStatus.AWAITING_SIGN_OFF
    else:
        progress.status = StepStatus.COMPLETED
        progress.completed_at = timezone.now()
    progress.save()
    return progress
