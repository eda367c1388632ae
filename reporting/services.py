"""Writes: a region's daily figures, worked out in its schema and stored in public."""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone
from django_tenants.utils import tenant_context

from .aggregation import RegionFigures
from .models import DailyFigure, FiguresRefreshed

# The first refresh of a region looks back this far; later ones redo the last two days
# (yesterday can still change: attendance is recorded after a session).
BACKFILL_DAYS = 400
REFRESH_DAYS = 2


def region_figures_refresh(*, region, first: date | None = None, last: date | None = None) -> int:
    """Work out `region`'s figures for the days from `first` to `last` and replace the
    stored ones for those days. Returns how many figures were stored."""
    last = last or timezone.localdate()
    if first is None:
        known = FiguresRefreshed.objects.filter(region=region).exists()
        first = last - timedelta(days=(REFRESH_DAYS - 1) if known else BACKFILL_DAYS)
    with tenant_context(region):
        figures = RegionFigures(region, first=first, last=last).compute()
    with transaction.atomic():
        DailyFigure.objects.filter(region=region, day__gte=first, day__lte=last).delete()
        DailyFigure.objects.bulk_create(
            [
                DailyFigure(
                    region=region,
                    day=f.day,
                    metric=f.metric,
                    breakdown=f.breakdown,
                    key=f.key,
                    label=f.label[:200],
                    value=f.value,
                )
                for f in figures
            ],
            batch_size=2000,
        )
        FiguresRefreshed.objects.update_or_create(
            region=region, defaults={"refreshed_at": timezone.now()}
        )
    return len(figures)


def all_figures_refresh() -> None:
    from learning.regions.models import Region

    for region in Region.objects.regional():
        region_figures_refresh(region=region)
