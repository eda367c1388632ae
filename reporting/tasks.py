"""Reporting tasks: queued on the hub; each region's figures are worked out in its schema."""

from celery import shared_task


@shared_task(ignore_result=True)
def refresh_figures() -> None:
    """Beat, hourly: every region's figures for yesterday and today."""
    from .services import all_figures_refresh

    all_figures_refresh()
