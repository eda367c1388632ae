"""When the next weekly schedule email is due, read from the beat schedule's rule.

The rule is the one beat runs: the `PeriodicTask` row django-celery-beat keeps (an
administrator may have changed or disabled it), or, before beat has stored it, the
crontab in `learning.celery`. Crontab times are wall-clock times in the rule's time
zone (CELERY_TIMEZONE, Europe/London), so the answer is right either side of a
clock change, and a wall time that does not exist that night is skipped as beat
skips it."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings

WEEKLY_TASK = "webinars.tasks.send_weekly_circulation"
# Far enough for any crontab (29 February comes round within eight years).
SEARCH_DAYS = 8 * 366


def weekly_rule():
    """The crontab beat sends the weekly digest by, or None when it is switched off."""
    from django_celery_beat.models import PeriodicTask

    from learning.celery import app

    stored = list(PeriodicTask.objects.filter(task=WEEKLY_TASK).select_related("crontab"))
    if stored:
        enabled = [task for task in stored if task.enabled and task.crontab is not None]
        return enabled[0].crontab.schedule if enabled else None
    for entry in app.conf.beat_schedule.values():
        if entry["task"] == WEEKLY_TASK:
            return entry["schedule"]
    return None


def _zone(rule) -> ZoneInfo:
    """A stored rule carries its zone (django-celery-beat's TzAwareCrontab); the
    configured one is in CELERY_TIMEZONE (a plain crontab's own `tz` is its app's,
    which is UTC outside the worker)."""
    from django_celery_beat.tzcrontab import TzAwareCrontab

    if isinstance(rule, TzAwareCrontab) and rule.tz is not None:
        return ZoneInfo(str(rule.tz))
    return ZoneInfo(settings.CELERY_TIMEZONE)


def _exists(wall: datetime, zone: ZoneInfo) -> bool:
    """False for a time in the spring-forward gap (e.g. 01:30 on the last Sunday of March)."""
    back = wall.replace(tzinfo=zone).astimezone(UTC).astimezone(zone)
    return back.replace(tzinfo=None) == wall


def next_run(rule, *, after: datetime) -> datetime | None:
    """The first time after `after` that the crontab `rule` fires, aware, in its zone."""
    zone = _zone(rule)
    start = after.astimezone(zone)
    for offset in range(SEARCH_DAYS):
        day = start.date() + timedelta(days=offset)
        if (
            day.month not in rule.month_of_year
            or day.day not in rule.day_of_month
            or day.isoweekday() % 7 not in rule.day_of_week  # crontab: Sunday is 0
        ):
            continue
        for hour in sorted(rule.hour):
            for minute in sorted(rule.minute):
                wall = datetime(day.year, day.month, day.day, hour, minute)
                if not _exists(wall, zone):
                    continue
                # fold=0: of a time that happens twice in autumn, the first.
                when = wall.replace(tzinfo=zone)
                if when > after:
                    return when
    return None


def next_weekly_digest_at(*, now: datetime) -> datetime | None:
    rule = weekly_rule()
    return next_run(rule, after=now) if rule is not None else None


def uk_time_phrase(when: datetime) -> str:
    """ "7:30am", "9am", "midday", "4:15pm" """
    if (when.hour, when.minute) == (12, 0):
        return "midday"
    if (when.hour, when.minute) == (0, 0):
        return "midnight"
    hour = when.hour % 12 or 12
    minutes = f":{when.minute:02d}" if when.minute else ""
    return f"{hour}{minutes}{'am' if when.hour < 12 else 'pm'}"


def day_and_time_phrase(when: datetime, *, today: date) -> str:
    """ "Monday 14 December at 7:30am" (with the year when it is not this year's)."""
    year = f" {when.year}" if when.year != today.year else ""
    return f"{when:%A} {when.day} {when:%B}{year} at {uk_time_phrase(when)}"
