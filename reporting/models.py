"""Per-region daily figures: the only thing the national dashboard reads.

Each region's figures are worked out inside that region's schema (reporting.aggregation)
and written here, in the public schema, as counts: no person, post or name of a
person crosses into the national view, and a dashboard reads a few hundred rows however
many people there are.
"""

from django.db import models

from .enums import Breakdown, Metric


class DailyFigure(models.Model):
    region = models.ForeignKey("regions.Region", on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    metric = models.CharField(max_length=30, choices=Metric.choices)
    breakdown = models.CharField(max_length=10, choices=Breakdown.choices)
    # The CCG's or cohort's id (0 for the whole region, or people in no CCG or cohort),
    # and its name when the figures were worked out.
    key = models.PositiveIntegerField(default=0)
    label = models.CharField(max_length=200, blank=True)
    value = models.BigIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["region", "breakdown", "metric", "day", "key"], name="one_figure_a_day"
            )
        ]
        indexes = [models.Index(fields=["breakdown", "day", "metric"])]

    def __str__(self) -> str:
        return (
            f"{self.region_id} {self.day} {self.metric} {self.breakdown}:{self.key} = {self.value}"
        )


class FiguresRefreshed(models.Model):
    """When a region's figures were last worked out, for the dashboards' "as of"."""

    region = models.OneToOneField("regions.Region", on_delete=models.CASCADE, related_name="+")
    refreshed_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.region_id} refreshed at {self.refreshed_at:%Y-%m-%d %H:%M}"
