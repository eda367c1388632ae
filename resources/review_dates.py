"""A new resource's review dates: reviewed today (the UK's date, whatever the server's
clock says), next due a year on."""

from datetime import date
from zoneinfo import ZoneInfo

from django.utils import timezone

UK = ZoneInfo("Europe/London")


def uk_today() -> date:
    return timezone.localdate(timezone=UK)


def a_year_after(day: date) -> date:
    """The same day next year; 29 February gives 28 February (a review is never
    later than a year)."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


def review_due_default() -> date:
    return a_year_after(uk_today())
