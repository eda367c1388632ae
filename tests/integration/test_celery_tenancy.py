"""A task queued inside a region runs in that region's schema, on a real worker
over the real Redis broker."""

import uuid

import pytest
from django.test import Client
from django_tenants.utils import tenant_context

from forums.models import Category
from learning.regions.models import Region
from learning.regions.tasks import region_report

pytestmark = pytest.mark.integration


def test_a_task_queued_in_a_region_runs_in_that_regions_schema(committed, real_celery):
    north_west = Region.objects.get(slug="north-west")
    london = Region.objects.get(slug="london")
    with tenant_context(north_west):
        extra = Category.objects.create(slug=f"only-nw-{uuid.uuid4().hex[:8]}", name="Only NW")
        nw_count = Category.objects.count()
    with tenant_context(london):
        london_count = Category.objects.count()
    try:
        assert nw_count == london_count + 1

        with tenant_context(north_west):
            nw_result = region_report.delay()
        with tenant_context(london):
            london_result = region_report.delay()
        hub_result = region_report.delay()

        nw = nw_result.get(timeout=30)
        ldn = london_result.get(timeout=30)
        assert nw["schema"] == "north_west"
        assert nw["counts"]["forums.Category"] == nw_count
        assert ldn["schema"] == "london"
        assert ldn["counts"]["forums.Category"] == london_count
        assert hub_result.get(timeout=30) == {"schema": "public", "counts": {}}
    finally:
        with tenant_context(north_west):
            Category.objects.filter(pk=extra.pk).delete()


def test_health_is_ok_when_every_part_is_up(committed, real_celery):
    response = Client(HTTP_HOST="localhost").get("/health/")
    assert response.status_code == 200, response.content
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "redis": "ok", "celery": "ok"},
    }
