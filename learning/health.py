"""Health endpoints for load balancers and monitoring.

GET /health/: is each part of the platform up? 200 when all are, 503 when one is not.
GET /health/live/: is this web process answering at all? Always 200 while it is.
"""

import redis
from django.conf import settings
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_safe


def _check_database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return "ok"


def _check_redis() -> str:
    redis.Redis.from_url(settings.REDIS_URL, socket_timeout=2, socket_connect_timeout=2).ping()
    return "ok"


def _check_celery() -> str:
    from learning.celery import app

    # One answer is enough: do not wait out the timeout for every worker.
    replies = app.control.ping(timeout=1.0, limit=1)
    if not replies:
        raise RuntimeError("no Celery worker answered")
    return "ok"


CHECKS = {"database": _check_database, "redis": _check_redis, "celery": _check_celery}


@never_cache
@require_GET
def health(request):
    results = {}
    for name, check in CHECKS.items():
        try:
            results[name] = check()
        except Exception as error:  # any failure of a dependency is a 503, never a 500
            results[name] = f"down: {type(error).__name__}"
    healthy = all(value == "ok" for value in results.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", "checks": results},
        status=200 if healthy else 503,
    )


@never_cache
@require_safe
def live(request):
    """Liveness: answers while the process can serve requests, and checks nothing else.

    A load balancer restarts a process whose liveness fails, and restarting web
    processes would not mend Redis or Celery, so this view checks none of them
    (/health/ does). It touches no database or cache itself, which also makes it the
    cheapest Django view: `make bench` uses it as the baseline. django-tenants'
    middleware still looks up the host's region before any view runs, so with the
    database down this answers 500 like every other page.
    """
    return HttpResponse("ok", content_type="text/plain")
