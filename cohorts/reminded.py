"""When each member of a cohort was last reminded: by a coordinator's nudge (an
outbox email whose key names the cohort, the member and the day) or by the weekly
reminder (`ReminderSent`). Three queries, whatever the cohort's size."""

from dataclasses import dataclass
from datetime import date, datetime

from django.db import connection
from django.db.models import CharField, F, Func, Max, Value
from django.utils import timezone

from learning.mail.models import OutboxMessage

from .models import ReminderSent

NUDGE = "nudge"
WEEKLY = "weekly"


def nudge_key_prefix(cohort_id: int) -> str:
    return f"cohort-nudge-{connection.schema_name}-{cohort_id}-"


def nudge_key(*, cohort_id: int, user_id: int, day: date) -> str:
    """A nudge's outbox key: once a member, cohort and (UK) day."""
    return f"{nudge_key_prefix(cohort_id)}{user_id}-{day.isoformat()}"


@dataclass(frozen=True)
class Reminded:
    at: datetime
    how: str  # NUDGE or WEEKLY

    @property
    def label(self) -> str:
        return "a coordinator's reminder" if self.how == NUDGE else "the weekly reminder"


@dataclass(frozen=True)
class Reminders:
    last: dict[int, Reminded]  # user id -> the latest reminder about this cohort
    nudged_today: set[int]  # user ids a nudge today already reached: not again today

    def today(self, user_id: int, today: date) -> bool:
        reminded = self.last.get(user_id)
        return reminded is not None and timezone.localdate(reminded.at) == today


def reminders_of(*, cohort_id: int, user_ids, today: date) -> Reminders:
    user_ids = list(user_ids)
    if not user_ids:
        return Reminders({}, set())
    prefix = nudge_key_prefix(cohort_id)
    # The key is cohort-nudge-<schema>-<cohort>-<user>-<yyyy>-<mm>-<dd>; schema names
    # have no hyphens, so the user is the fifth part.
    # Compared as text: a cast could meet other outbox keys before the prefix filter.
    user_part = Func(
        F("key"), Value("-"), Value(5), function="split_part", output_field=CharField()
    )
    nudges = (
        OutboxMessage.objects.filter(key__startswith=prefix)
        .annotate(member=user_part)
        .filter(member__in=[str(u) for u in user_ids])
        .values("member")
        .annotate(at=Max("created_at"))
        .values_list("member", "at")
    )
    last = {int(user_id): Reminded(at, NUDGE) for user_id, at in nudges}
    weekly = (
        ReminderSent.objects.filter(assignment__cohort_id=cohort_id, user_id__in=user_ids)
        .values("user_id")
        .annotate(at=Max("sent_at"))
        .values_list("user_id", "at")
    )
    for user_id, at in weekly:
        if user_id not in last or at > last[user_id].at:
            last[user_id] = Reminded(at, WEEKLY)
    keys = {nudge_key(cohort_id=cohort_id, user_id=u, day=today): u for u in user_ids}
    sent_today = OutboxMessage.objects.filter(key__in=keys).values_list("key", flat=True)
    return Reminders(last, {keys[key] for key in sent_today})
