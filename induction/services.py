from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from learning.accounts.selectors import user_oversees
from learning.audit.enums import AuditAction
from learning.audit.services import audit_record
from learning.mail.services import outbox_enqueue
from webinars.models import Attendance

from .enums import StepKind, StepStatus
from .models import (
    REFLECTION_MAX_LENGTH,
    RETURN_COMMENT_MAX_LENGTH,
    InductionStepPage,
    StepProgress,
)


@transaction.atomic
def step_complete(
    *, user, step: InductionStepPage, reflection: str = "", share_reflection: bool = False
) -> StepProgress:
    """Mark a step done for `user`: completed at once, or waiting for a coordinator's
    sign-off when the step needs it. A reflection step needs its reflection, which
    the person's coordinators may read if the step says so (`step.reflection_shared`)
    or the person chose to share it (`share_reflection`); otherwise it is theirs alone."""
    if not step.live:
        raise ValidationError("This step is not available.")
    if step.kind == StepKind.WEBINAR:
        raise ValidationError(
            "You cannot mark this step as done yourself: it is completed when the "
            "organisers record that you attended a session."
        )
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
    progress.reflection_shared = bool(progress.reflection) and (
        step.reflection_shared or share_reflection
    )
    now = timezone.now()
    if step.needs_sign_off:
        progress.status = StepStatus.AWAITING_SIGN_OFF
        progress.submitted_at = now
    else:
        progress.status = StepStatus.COMPLETED
        progress.completed_at = now
    progress.save()
    return progress


@transaction.atomic
def reflection_sharing_set(*, user, step: InductionStepPage, shared: bool) -> StepProgress:
    """A person shares a reflection they wrote with their coordinators, or stops
    sharing it. A step whose reflection is always shared cannot be made private."""
    progress = (
        StepProgress.objects.select_for_update()
        .filter(user=user, step=step)
        .exclude(reflection="")
        .first()
    )
    if progress is None:
        raise ValidationError("You have not written a reflection for this step.")
    if step.reflection_shared and not shared:
        raise ValidationError(
            "Your learning coordinators read every reflection on this step, "
            "so it cannot be kept private."
        )
    if progress.reflection_shared != shared:
        progress.reflection_shared = shared
        progress.save(update_fields=["reflection_shared"])
    return progress


def _progress_for_review(*, reviewer, progress_id: int) -> StepProgress:
    """Lock the record a coordinator is deciding, checking they may decide it.

    Someone outside the person's region gets the same answer as for a record that
    does not exist, so ids cannot be probed."""
    progress = (
        StepProgress.objects.select_for_update(of=("self",))
        .select_related("user", "step")
        .filter(pk=progress_id)
        .first()
    )
    if progress is None or not user_oversees(reviewer, progress.user):
        raise PermissionDenied("You cannot sign off this person's induction.")
    if not progress.step.needs_sign_off:
        raise ValidationError("This step does not need sign-off.")
    if progress.status != StepStatus.AWAITING_SIGN_OFF:
        raise ValidationError(
            f"{progress.user} is not waiting for sign-off on this step: "
            "someone may have decided it already."
        )
    return progress


def _notify(progress: StepProgress, *, template: str) -> None:
    pack = progress.step.get_parent().get_parent()
    outbox_enqueue(
        key=f"induction-review-{progress.pk}-{progress.reviewed_at.isoformat()}",
        to=progress.user.email,
        template=template,
        context={
            "progress": progress,
            "person": progress.user,
            "step_title": progress.step.title,
            "reviewer": progress.reviewed_by,
            "link": settings.HUB_URL + pack.url if pack.url else settings.HUB_URL,
        },
    )


def _clean_comment(comment: str, *, required: bool) -> str:
    comment = comment.strip()
    if required and not comment:
        raise ValidationError({"comment": "Say what the link worker needs to do next."})
    if len(comment) > RETURN_COMMENT_MAX_LENGTH:
        raise ValidationError(
            {"comment": f"Keep your comment to {RETURN_COMMENT_MAX_LENGTH:,} characters."}
        )
    return comment


def _record_review(progress, *, reviewer, status, comment, action, template, request):
    now = timezone.now()
    progress.status = status
    if status == StepStatus.COMPLETED:
        progress.completed_at = now
    progress.reviewed_by = reviewer
    progress.reviewed_at = now
    progress.review_comment = comment
    progress.save()
    audit_record(
        action=action,
        actor=reviewer,
        subject=f"{progress.user.email}: {progress.step.title}",
        request=request,
        details={"progress": progress.pk, "step": progress.step_id},
    )
    _notify(progress, template=template)
    return progress


@transaction.atomic
def step_sign_off(*, reviewer, progress_id: int, comment: str = "", request=None) -> StepProgress:
    """A coordinator confirms an offline task was done; the link worker is emailed."""
    progress = _progress_for_review(reviewer=reviewer, progress_id=progress_id)
    return _record_review(
        progress,
        reviewer=reviewer,
        status=StepStatus.COMPLETED,
        comment=_clean_comment(comment, required=False),
        action=AuditAction.INDUCTION_SIGNED_OFF,
        template="induction_signed_off",
        request=request,
    )


@transaction.atomic
def step_return(*, reviewer, progress_id: int, comment: str, request=None) -> StepProgress:
    """A coordinator sends a task back with what is still needed; the link worker is emailed."""
    progress = _progress_for_review(reviewer=reviewer, progress_id=progress_id)
    return _record_review(
        progress,
        reviewer=reviewer,
        status=StepStatus.IN_PROGRESS,
        comment=_clean_comment(comment, required=True),
        action=AuditAction.INDUCTION_RETURNED,
        template="induction_returned",
        request=request,
    )


# --- "Attend a webinar" steps -----------------------------------------------------------
#
# Their progress is derived from webinar attendance, and stored as ordinary
# StepProgress rows so that the task list, the coordinators' table and export and
# the cohort grid, which all count those rows, agree without knowing about webinars.


def _complete_steps(*, step_ids: list[int], user_ids: set[int]) -> None:
    """Complete these steps for these people. A completed row is left alone (its
    date stands); any other status becomes completed."""
    now = timezone.now()
    rows = StepProgress.objects.filter(step_id__in=step_ids, user_id__in=user_ids)
    rows.exclude(status=StepStatus.COMPLETED).update(
        status=StepStatus.COMPLETED, completed_at=now, updated_at=now
    )
    have = set(rows.values_list("user_id", "step_id"))
    # ignore_conflicts: another transaction completing the same step at once is fine.
    StepProgress.objects.bulk_create(
        (
            StepProgress(
                user_id=user_id, step_id=step_id, status=StepStatus.COMPLETED, completed_at=now
            )
            for user_id in user_ids
            for step_id in step_ids
            if (user_id, step_id) not in have
        ),
        batch_size=1000,
        ignore_conflicts=True,
    )


def webinar_steps_complete(*, series_id: int, user_ids: Iterable[int]) -> None:
    """People recorded as attending a session of this series complete its live
    "attend a webinar" steps. Called inside the transaction that records attendance."""
    user_ids = set(user_ids)
    if not user_ids:
        return
    step_ids = list(
        InductionStepPage.objects.live()
        .filter(kind=StepKind.WEBINAR, webinar_series_id=series_id)
        .values_list("pk", flat=True)
    )
    if step_ids:
        _complete_steps(step_ids=step_ids, user_ids=user_ids)


def webinar_steps_reopen(*, series_id: int, user_ids: Iterable[int]) -> None:
    """An attendance taken back (ticked by mistake): people with no other attendance
    at a session of this series are no longer done with its steps."""
    user_ids = set(user_ids)
    if not user_ids:
        return
    still_attended = Attendance.objects.filter(
        session__series_id=series_id, user_id__in=user_ids
    ).values_list("user_id", flat=True)
    StepProgress.objects.filter(
        step__kind=StepKind.WEBINAR, step__webinar_series_id=series_id, user_id__in=user_ids
    ).exclude(user_id__in=still_attended).delete()


def webinar_step_sync(*, step: InductionStepPage) -> None:
    """Make an "attend a webinar" step's progress match attendance: completed for
    everyone who attended any session of its series, and for no one else. Run when
    the step is published, so a step added (or pointed at another series) after
    people attended counts their attendance."""
    if step.kind != StepKind.WEBINAR or step.webinar_series_id is None:
        return
    attendees = (
        Attendance.objects.filter(session__series_id=step.webinar_series_id)
        .order_by()
        .values_list("user_id", flat=True)
        .distinct()
    )
    StepProgress.objects.filter(step=step).exclude(user_id__in=attendees).delete()
    _complete_steps(step_ids=[step.pk], user_ids=set(attendees))
