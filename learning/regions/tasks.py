from celery import shared_task
from django.apps import apps
from django.conf import settings
from django.db import connection


@shared_task
def region_report() -> dict:
    """Which schema this task ran in and how many rows each tenant model holds there.

    Queued inside a region (tenant-schemas-celery), it runs in that region's
    schema; `manage.py region_report` uses it to check workers see every region.
    """
    counts = {}
    if connection.schema_name != "public":
        for app_label in settings.TENANT_APPS:
            for model in apps.get_app_config(app_label.rsplit(".", 1)[-1]).get_models():
                counts[model._meta.label] = model.objects.count()
    return {"schema": connection.schema_name, "counts": counts}


def queue_in_every_region(task) -> None:
    """Queue one `task` per region, each carrying that region's schema. Beat runs
    tasks on the hub, whose schema has no tenant tables, so national schedules
    that touch regional data fan out through this."""
    from .models import Region

    for schema_name in Region.objects.regional().values_list("schema_name", flat=True):
        task.apply_async(headers={"_schema_name": schema_name})
