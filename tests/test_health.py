import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_health_reports_each_part_and_503_when_the_worker_is_missing():
    # No Celery worker runs in unit tests; database and Redis are real.
    response = Client(HTTP_HOST="localhost").get("/health/")
    body = response.json()
    assert body["checks"]["database"] == "ok"
    assert body["checks"]["redis"] == "ok"
    assert body["checks"]["celery"].startswith("down")
    assert body["status"] == "unavailable"
    assert response.status_code == 503


def test_health_reports_redis_down(settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    response = Client(HTTP_HOST="north-west.localhost").get("/health/")
    assert response.status_code == 503
    assert response.json()["checks"]["redis"].startswith("down")
    assert response.json()["checks"]["database"] == "ok"
