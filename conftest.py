"""Test session setup: the public schema and three regions are created once per
session (not per class, as django-tenants' TenantTestCase would)."""

import pytest
from django.db import connection

# --clocks: date-sensitive tests at week starts, clock changes and New Year.
pytest_plugins = ["tests.clocks"]

TEST_REGIONS = (("north-west", "North West"), ("london", "London"), ("midlands", "Midlands"))
DEMO_PASSWORD = "learning-network-demo"


@pytest.fixture(scope="session")
def django_db_setup(request, django_test_environment, django_db_blocker):
    """Create the test database, its hub and regions, once per session.

    This replaces pytest-django's fixture, which creates a test database only
    for aliases that `django_db`-marked tests ask for: a run of only
    integration or browser tests (which commit, so are not marked) would
    otherwise use the real database named by the settings.
    """
    from django.test.utils import setup_databases, teardown_databases

    from demo.seed import seed_pages
    from learning.accounts.services import roles_ensure_groups
    from learning.regions.services import hub_ensure, region_create

    verbosity = request.config.option.verbose
    # --reuse-db (a developer's quick loop; never CI): keep the database between runs.
    keepdb = bool(request.config.getvalue("reuse_db"))
    with django_db_blocker.unblock():
        db_cfg = setup_databases(
            verbosity=verbosity, interactive=False, keepdb=keepdb, aliases={"default"}
        )
        assert connection.settings_dict["NAME"].startswith("test_"), "refusing a non-test database"
        hub_ensure(host="localhost")
        for slug, name in TEST_REGIONS:
            region_create(slug=slug, name=name)
        roles_ensure_groups()
        seed_pages()
        connection.set_schema_to_public()
    yield
    with django_db_blocker.unblock():
        _end_other_connections()
        teardown_databases(db_cfg, verbosity=verbosity, keepdb=keepdb)


def _end_other_connections():
    """Threads that served ASGI requests keep connections; the test database
    cannot be dropped while they are open."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )


@pytest.fixture(autouse=True)
def _public_schema_after_each_test():
    yield
    connection.set_schema_to_public()


@pytest.fixture
def regions(db):
    from learning.regions.models import Region

    return {r.slug: r for r in Region.objects.regional()}


@pytest.fixture
def north_west(regions):
    return regions["north-west"]


@pytest.fixture
def london(regions):
    return regions["london"]


def host_for(region) -> str:
    return f"{region.slug}.localhost"


@pytest.fixture
def client_for():
    """client_for(region_or_None, user=None): a test client on that host, signed in if a user is given."""
    from django.test import Client

    def make(region=None, user=None):
        client = Client(HTTP_HOST=host_for(region) if region else "localhost")
        if user is not None:
            client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return make


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """`with on_commit(): ...` runs what the block queued for after commit (mail, tasks)."""

    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run


@pytest.fixture
def queries_for():
    """queries_for(callable) -> how many SQL queries the call ran."""
    from django.db import connection as default_connection
    from django.test.utils import CaptureQueriesContext

    def count(call) -> int:
        with CaptureQueriesContext(default_connection) as captured:
            call()
        return len(captured.captured_queries)

    return count


def clear_this_runs_cache():
    """Delete this test run's cache keys only (FLUSHDB would hit a concurrent run)."""
    from django.conf import settings
    from django.core.cache import cache

    client = cache._cache.get_client(None, write=True)
    for key in client.scan_iter(match=f"*{settings.CACHES['default']['KEY_PREFIX']}*", count=500):
        client.delete(key)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters and cached values live in Redis, outside the test's transaction."""
    yield
    clear_this_runs_cache()
