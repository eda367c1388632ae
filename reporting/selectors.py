"""Reads for the dashboards: only DailyFigure rows, a fixed number of queries whatever
the number of people, regions' figures added up by week."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Max, Q, Sum
from django.db.models.functions import TruncWeek
from django.utils import timezone

from learning.regions.models import Region

from .enums import SNAPSHOTS, Breakdown, Metric
from .models import DailyFigure, FiguresRefreshed

FLOWS = [metric for metric in Metric if metric not in SNAPSHOTS]
# Columns of the tables by region, CCG and cohort, in order.
TABLE_METRICS = [
    Metric.LINK_WORKERS,
    Metric.INDUCTIONS_COMPLETED,
    Metric.MODULES_COMPLETED,
    Metric.CERTIFICATES_ISSUED,
    Metric.WEBINAR_REGISTRATIONS,
    Metric.WEBINAR_ATTENDANCES,
    Metric.FORUM_THREADS,
    Metric.FORUM_REPLIES,
]


@dataclass
class Row:
    """One line of a table: a region, CCG or cohort, and its figures for the period."""

    name: str
    values: dict = field(default_factory=dict)

    def cells(self) -> list[int]:
        return [self.values.get(metric, 0) for metric in TABLE_METRICS]

    def labelled_cells(self) -> list[tuple[str, int]]:
        return [
            (Metric(metric).label, value)
            for metric, value in zip(TABLE_METRICS, self.cells(), strict=True)
        ]


@dataclass
class Figures:
    """A dashboard's figures: weekly series for the charts and the period's totals."""

    weeks: list[date]  # the Monday of each week, oldest first
    series: dict  # (row name, metric) -> [value per week]
    rows: list[Row]  # one per region on the national dashboard; one on a region's
    ccg_rows: list[Row]
    cohort_rows: list[Row]
    inductions_to_date: int
    refreshed_at: object

    def series_of(self, name: str, metric: str) -> list[int]:
        return self.series.get((name, metric), [0] * len(self.weeks))

    @property
    def total(self) -> Row:
        total = Row("England" if len(self.rows) > 1 else self.rows[0].name if self.rows else "")
        for row in self.rows:
            for metric, value in row.values.items():
                total.values[metric] = total.values.get(metric, 0) + value
        return total

    def average_first_reply_minutes(self) -> float | None:
        values = self.total.values
        answered = values.get(Metric.FORUM_FIRST_RESPONSES, 0)
        if not answered:
            return None
        return values.get(Metric.FORUM_RESPONSE_MINUTES, 0) / answered

    def average_first_reply(self) -> str:
        """ "25 minutes" under an hour, "2.5 hours" otherwise, a dash with no replies."""
        return duration_phrase(self.average_first_reply_minutes())


def duration_phrase(minutes: float | None) -> str:
    if minutes is None:
        return "\N{EN DASH}"
    if round(minutes) < 60:
        whole = round(minutes)
        return "under a minute" if whole < 1 else f"{whole} minute{'s' if whole != 1 else ''}"
    return f"{minutes / 60:.1f} hours"


def period_weeks(weeks: int, *, today: date | None = None) -> list[date]:
    today = today or timezone.localdate()
    this_monday = today - timedelta(days=today.weekday())
    return [this_monday - timedelta(weeks=n) for n in range(weeks - 1, -1, -1)]


def _week_ends(weeks: list[date], today: date) -> list[date]:
    return [min(monday + timedelta(days=6), today) for monday in weeks]


def region_figures(
    region: Region, *, weeks: int, today: date | None = None, breakdowns: bool = True
) -> Figures:
    """A region's dashboard: five queries (four without the CCG and cohort tables,
    which the charts do not need)."""
    return _figures(regions=[region], weeks=weeks, today=today, breakdowns=breakdowns)


def national_figures(*, weeks: int, today: date | None = None) -> Figures:
    """England, region by region, from the regions' whole-region figures only: five
    queries, whatever the number of regions and people."""
    return _figures(regions=list(Region.objects.regional()), weeks=weeks, today=today)


def _figures(*, regions, weeks: int, today, breakdowns: bool = False) -> Figures:
    today = today or timezone.localdate()
    mondays = period_weeks(weeks, today=today)
    start, ends = mondays[0], _week_ends(mondays, today)
    names = {region.pk: region.name for region in regions}
    whole = DailyFigure.objects.filter(region__in=regions, breakdown=Breakdown.REGION)

    series: dict = defaultdict(lambda: [0] * len(mondays))
    rows = {pk: Row(name) for pk, name in sorted(names.items(), key=lambda item: item[1])}
    index_of = {monday: n for n, monday in enumerate(mondays)}
    flows = (
        whole.filter(day__gte=start, day__lte=today, metric__in=FLOWS)
        .annotate(week=TruncWeek("day"))
        .values_list("region", "metric", "week")
        .annotate(total=Sum("value"))
        .order_by()
    )
    for region_id, metric, week, total in flows:
        week = week.date() if hasattr(week, "date") else week
        series[(names[region_id], metric)][index_of[week]] += total
        rows[region_id].values[metric] = rows[region_id].values.get(metric, 0) + total
    snapshots = whole.filter(metric__in=SNAPSHOTS, day__in=ends).values_list(
        "region", "metric", "day", "value"
    )
    end_index = {end: n for n, end in enumerate(ends)}
    for region_id, metric, day, value in snapshots:
        series[(names[region_id], metric)][end_index[day]] = value
        if day == ends[-1]:
            rows[region_id].values[metric] = value
    inductions = whole.filter(metric=Metric.INDUCTIONS_COMPLETED, day__lte=today).aggregate(
        total=Sum("value")
    )["total"]
    refreshed = FiguresRefreshed.objects.filter(region__in=regions).order_by("refreshed_at")
    oldest = refreshed.first()
    ccg_rows, cohort_rows = (
        _breakdown_rows(regions[0], start=start, today=today) if breakdowns else ([], [])
    )
    return Figures(
        weeks=mondays,
        series=dict(series),
        rows=list(rows.values()),
        ccg_rows=ccg_rows,
        cohort_rows=cohort_rows,
        inductions_to_date=inductions or 0,
        refreshed_at=oldest.refreshed_at if oldest else None,
    )


def _breakdown_rows(region: Region, *, start: date, today: date) -> tuple[list[Row], list[Row]]:
    """The period's figures by CCG and by cohort, in one query: events added up over
    the period, snapshots (link workers) as on its last day, as for the whole region."""
    by_group = (
        DailyFigure.objects.filter(
            region=region,
            breakdown__in=[Breakdown.CCG, Breakdown.COHORT],
            day__gte=start,
            day__lte=today,
        )
        .values_list("breakdown", "key", "metric")
        .annotate(
            total=Sum("value"), on_last_day=Sum("value", filter=Q(day=today)), label=Max("label")
        )
        .order_by()
    )
    groups: dict = {}
    for breakdown, key, metric, total, on_last_day, label in by_group:
        row = groups.setdefault((breakdown, key), Row(label or _unnamed(breakdown)))
        value = on_last_day if metric in SNAPSHOTS else total
        if value:
            row.values[metric] = value

    def ordered(breakdown):
        found = [row for (kind, _), row in groups.items() if kind == breakdown]
        return sorted(found, key=lambda row: (row.name.startswith("No "), row.name))

    return ordered(Breakdown.CCG), ordered(Breakdown.COHORT)


def _unnamed(breakdown: str) -> str:
    return "No CCG (coordinators and others)" if breakdown == Breakdown.CCG else "No cohort"
