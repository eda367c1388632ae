"""Benchmarks: `make bench`. Each prints a ratio against a baseline measured in the
same run, because this machine is shared and absolute times mean little."""

import os
import statistics
import time

from bench.circulation import circulation
from bench.cohort_grid import cohort_grid_render
from bench.dashboard import dashboard
from bench.fanout import fanout
from bench.pages import page_throughput


def setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "learning.settings.dev")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate_schemas", verbosity=0)
    call_command("seed_demo", verbosity=0)


def per_request_ms(client, path: str, *, rounds: int = 7, requests: int = 40) -> float:
    """Median over rounds of the mean time of one request, in milliseconds."""
    for _ in range(5):  # warm caches and connections
        client.get(path)
    samples = []
    for _ in range(rounds):
        started = time.perf_counter()
        for _ in range(requests):
            response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)
        samples.append((time.perf_counter() - started) * 1000 / requests)
    return statistics.median(samples)


def tenancy_overhead():
    """What a region host and the community's access check cost over the hub's home page."""
    from django.test import Client

    from learning.accounts.models import User

    member = User.objects.get(email="linkworker.north-west@example.org")

    def signed_in(host):
        client = Client(HTTP_HOST=host)
        client.force_login(member, backend="django.contrib.auth.backends.ModelBackend")
        return client

    baseline = per_request_ms(signed_in("localhost"), "/")
    cases = {
        "region home page (north-west)": per_request_ms(signed_in("north-west.localhost"), "/"),
        "region community, access-checked": per_request_ms(
            signed_in("north-west.localhost"), "/community/"
        ),
    }
    print(f"baseline  hub home page, signed in: {baseline:.2f} ms/request")
    for name, value in cases.items():
        print(f"{value / baseline:8.2f}x  {name} ({value:.2f} ms/request)")


BENCHMARKS = [
    tenancy_overhead,
    page_throughput,
    fanout,
    cohort_grid_render,
    circulation,
    dashboard,
]

if __name__ == "__main__":
    import sys

    setup_django()
    # `python -m bench cohort_grid_render` runs one benchmark by name.
    chosen = [b for b in BENCHMARKS if b.__name__ in sys.argv[1:]] or BENCHMARKS
    for benchmark in chosen:
        print(f"== {benchmark.__name__}: {benchmark.__doc__.splitlines()[0]}")
        benchmark()
