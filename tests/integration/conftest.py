"""Integration tests run against real processes and committed data.

They cannot use pytest-django's per-test transaction: a Celery worker and the
Channels database threads use their own connections and see only committed
rows. They commit through `committed` and clean up after themselves.
"""

import os
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from learning.devserver import stop_process

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def committed(django_db_setup, django_db_blocker):
    """DB access outside a test transaction; rows made through `track` are deleted afterwards."""
    made = []
    with django_db_blocker.unblock():
        yield made.append
        connection.set_schema_to_public()
        for obj in reversed(made):
            type(obj).objects.filter(pk=obj.pk).delete()


def database_url_of_test_run() -> str:
    """The URL of the database this test session created (test_<name>)."""
    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    host = db["HOST"] or ""
    if host.startswith("/"):
        return f"postgres://{auth}@/{db['NAME']}?host={host}"
    port = f":{db['PORT']}" if db["PORT"] else ""
    return f"postgres://{auth}@{host}{port}/{db['NAME']}"


def _our_worker_answers(app, name_prefix: str) -> bool:
    return any(
        name.startswith(name_prefix) for reply in app.control.ping(timeout=0.5) for name in reply
    )


@contextmanager
def celery_worker(extra_env: dict | None = None):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "learning.settings.test",
        "DATABASE_URL": database_url_of_test_run(),
        "REDIS_URL": settings.REDIS_URL,
        **(extra_env or {}),
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "learning", "worker", "--pool=solo",
         "--concurrency=1", "--loglevel=WARNING", "--without-heartbeat", "--without-gossip",
         "--without-mingle", "-n", f"test-{os.getpid()}@%h", "-Q", settings.CELERY_TASK_DEFAULT_QUEUE],
        cwd=ROOT,
        env=env,
    )  # fmt: skip
    try:
        from learning.celery import app

        deadline = time.monotonic() + 60
        while not _our_worker_answers(app, f"test-{os.getpid()}@"):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the Celery worker did not start")
        yield process
    finally:
        stop_process(process)


@pytest.fixture
def real_celery(settings):
    """Tasks go through the real broker to a real worker process."""
    from learning.celery import app

    settings.CELERY_TASK_ALWAYS_EAGER = False
    app.conf.task_always_eager = False
    try:
        with celery_worker() as process:
            yield process
    finally:
        app.conf.task_always_eager = True
