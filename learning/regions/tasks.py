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
