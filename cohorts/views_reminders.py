"""Reminding everyone behind schedule in a cohort: who will be reminded, when each was
last reminded, then the emails (mounted at /cohorts/<id>/remind/)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from . import services
from .models import Cohort
from .permissions import cohort_runners_required
from .reminded import reminders_of
from .selectors import members_behind
from .views import GET_POST, _cohort_or_404, _crumbs

# --- Nudging ---------------------------------------------------------------------------


@cohort_runners_required
@require_http_methods(GET_POST)
def nudge(request, cohort_id: int):
    """Confirm who will be reminded (GET), then email them (POST)."""
    cohort = _cohort_or_404(cohort_id)
    if request.method == "POST":
        try:
            result = services.cohort_nudge(actor=request.user, cohort_id=cohort.pk, request=request)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _nudge_message(result))
        return redirect("cohorts:grid", cohort_id=cohort.pk)
    today = timezone.localdate()
    behind = members_behind(cohorts=Cohort.objects.filter(pk=cohort.pk), today=today)
    reminders = reminders_of(
        cohort_id=cohort.pk, user_ids=[member.user.pk for member in behind], today=today
    )
    rows = [
        (member, reminders.last.get(member.user.pk), reminders.today(member.user.pk, today))
        for member in behind
    ]
    return render(
        request,
        "cohorts/nudge.html",
        {
            "cohort": cohort,
            "behind": behind,
            "rows": rows,
            # Those a nudge today already reached are not emailed again until tomorrow.
            "to_send": len(behind) - len(reminders.nudged_today),
            "already_today": len(reminders.nudged_today),
            "everyone_today": bool(rows) and all(today_ for _, _, today_ in rows),
            "crumbs": _crumbs(cohort),
        },
    )


def _nudge_message(result: services.NudgeResult) -> str:
    if not result.sent and not result.already:
        return "No one is behind schedule, so no reminders were sent."
    parts = []
    if result.sent:
        parts.append(
            f"Reminder sent to {result.sent} member{'s' if result.sent != 1 else ''} "
            "behind schedule."
        )
    if result.already:
        were = "was" if result.already == 1 else "were"
        parts.append(
            f"{result.already} member{'s' if result.already != 1 else ''} {were} already "
            "reminded about this cohort today, so not again."
        )
    return " ".join(parts)
