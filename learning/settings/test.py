"""Tests: `make test`. Embedded servers unless DATABASE_URL / REDIS_URL are set (CI's second pass)."""

import os

from .base import *  # noqa: F403
from .base import BASE_DIR, configure_stores

DEBUG = False
SECRET_KEY = "test-only-not-secret-" + "x" * 40
BASE_DOMAIN = "localhost"
ALLOWED_HOSTS = ["localhost", ".localhost", "testserver", "127.0.0.1"]
DEMO_PASSWORD = "learning-network-demo"

if os.environ.get("DATABASE_URL") and os.environ.get("REDIS_URL"):
    configure_stores(
        globals(), database_url=os.environ["DATABASE_URL"], redis_url=os.environ["REDIS_URL"]
    )
else:
    from learning.embedded import ensure_running

    # Redis db 1 keeps test traffic apart from a `make run` on the same machine.
    _stores = ensure_running(BASE_DIR / "var" / "dev", database="learning", redis_db=1)
    configure_stores(globals(), database_url=_stores.database_url, redis_url=_stores.redis_url)

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# pytest-django swaps in locmem for tests; a Celery worker started by the
# integration tests may be pointed at an SMTP sink instead.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
# Tasks run in-process unless a test starts a real worker.
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Serve static files straight from the apps: no collectstatic step in dev and tests.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# One run's database, channel groups and task queue never meet another's, so
# two test runs on one machine (or a test run beside `make run`) cannot collide.
# setdefault: a Celery worker started by the tests inherits the same id.
# Under pytest-xdist each worker (gw0, gw1...) is a run of its own: its own database,
# groups, queue and cache keys; the worker's Celery and uvicorn children inherit both
# variables, so they agree with it.
TEST_RUN_ID = os.environ.setdefault("LWLN_TEST_RUN_ID", str(os.getpid())) + os.environ.get(
    "PYTEST_XDIST_WORKER", ""
)
DATABASES["default"]["TEST"] = {"NAME": f"test_learning_{TEST_RUN_ID}"}
CHANNEL_LAYERS["default"]["CONFIG"]["prefix"] = f"test{TEST_RUN_ID}"
CACHES["default"]["KEY_PREFIX"] = f"test{TEST_RUN_ID}"
CACHES["regional"]["KEY_PREFIX"] = f"test{TEST_RUN_ID}"  # cleared after each test too
CELERY_TASK_DEFAULT_QUEUE = f"test-{TEST_RUN_ID}"
RESOURCE_LINK_CHECK_ALLOW_PRIVATE = True  # the link checker tests serve pages on loopback
