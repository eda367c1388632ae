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


# TenantMainMiddleware runs before any view and resolves the host to its region on every
# request: it sets the search path to public, then selects the Domain with its Region.
# Those two queries are django-tenants' fixed price of a request; the view adds none.
TENANT_LOOKUP_QUERIES = 2


@pytest.mark.parametrize("host", ["localhost", "north-west.localhost"])
def test_live_answers_ok_without_touching_the_database_itself(host, django_assert_num_queries):
    client = Client(HTTP_HOST=host)
    with django_assert_num_queries(TENANT_LOOKUP_QUERIES):
        response = client.get("/health/live/")
    assert response.status_code == 200
    assert response.content == b"ok"
    assert response["Content-Type"].startswith("text/plain")
    assert "no-cache" in response["Cache-Control"]


def test_live_answers_head_and_refuses_post():
    client = Client(HTTP_HOST="localhost")
    assert client.head("/health/live/").status_code == 200
    assert client.post("/health/live/").status_code == 405
