"""Page throughput through the real server: requests a second for the pages link workers
read most, each as a ratio of a minimal Django view served by the same server in the
same run.

`tenancy_overhead` times views in-process through the test client. This benchmark
serves `learning.asgi:application` with uvicorn as production does, so the ASGI
adapter, the thread Django's sync views run on and real sockets count too.
"""

from __future__ import annotations

import contextlib
import http.client
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

from learning.devserver import BASE_DIR, child_environment, http_status, services, stop_process

HOST = "localhost"  # the national hub
LINK_WORKER = "linkworker.north-west@example.org"
BASELINE_PATH = "/health/live/"

CONNECTIONS = 8  # concurrent keep-alive clients
ROUNDS = 5  # baseline and every case alternate, so drift on a shared machine hits all alike
SECONDS_PER_CASE = 4.0
WARM_UP_SECONDS = 1.0
START_TIMEOUT_SECONDS = 60
STOP_TIMEOUT_SECONDS = 10
MAX_ERRORS_SHOWN = 5


@dataclass(frozen=True)
class Case:
    name: str
    path: str
    expect: bytes  # proves the page itself answered, not a redirect to sign in
    signed_in: bool = True


class LoadError(RuntimeError):
    """A request failed or answered other than 200: the figures would be meaningless."""


def page_throughput():
    """Requests a second for signed-in pages served by uvicorn, against a minimal Django view."""
    from django.db import connection

    # The first benchmark leaves the connection in a region's schema; sessions,
    # people and pages are national.
    connection.set_schema_to_public()
    baseline, *cases = cases_to_measure()
    with signed_in_cookie(LINK_WORKER) as cookie, uvicorn_server() as port:
        load = Load(port, cookie)
        for case in (baseline, *cases):
            load.check(case)
            load.requests_per_second(case, WARM_UP_SECONDS)
        rates = measure_rounds(load, [baseline, *cases])
    report(baseline, cases, rates)


# --- What is measured ----------------------------------------------------------------


def cases_to_measure() -> list[Case]:
    """The baseline first, then the first read step of the induction pack and the
    Reference Guide's first chapter, as seed_demo publishes them."""
    from induction.enums import StepKind
    from induction.models import GuideChapterPage, InductionStepPage

    step = InductionStepPage.objects.live().filter(kind=StepKind.READ).order_by("path").first()
    chapter = GuideChapterPage.objects.live().order_by("path").first()
    if step is None or chapter is None:
        raise LoadError("seed_demo published no induction step or Reference Guide chapter")
    return [
        # Signed out: the floor every request pays (tenant lookup, middleware, ASGI).
        Case("minimal Django view", BASELINE_PATH, b"ok", signed_in=False),
        Case("induction step page", _path_of(step), _as_html(step.title)),
        Case("Reference Guide chapter", _path_of(chapter), _as_html(chapter.title)),
    ]


def _path_of(page) -> str:
    # Wagtail gives a full URL when several sites exist; the host is sent separately.
    return urlsplit(page.get_url()).path


def _as_html(text: str) -> bytes:
    from django.utils.html import escape

    return escape(text).encode()  # as the templates' autoescape writes it


@contextlib.contextmanager
def signed_in_cookie(email: str) -> Iterator[str]:
    """A session for `email`, stored as django.contrib.auth.login() stores one, as a
    Cookie header; deleted afterwards.

    Signing in through the form would also work, but it is rate-limited and audited,
    and only the pages' cost is of interest here. The session carries the timestamps
    SessionTimeoutMiddleware checks, so it is accepted as freshly signed in.
    """
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    from learning.accounts.models import User
    from learning.accounts.sessions import LAST_SEEN_AT, SIGNED_IN_AT

    user = User.objects.get(email=email)
    now = int(time.time())
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session.update(
        {
            SESSION_KEY: user._meta.pk.value_to_string(user),
            BACKEND_SESSION_KEY: "django.contrib.auth.backends.ModelBackend",
            HASH_SESSION_KEY: user.get_session_auth_hash(),
            SIGNED_IN_AT: now,
            LAST_SEEN_AT: now,
        }
    )
    session.create()
    try:
        yield f"{settings.SESSION_COOKIE_NAME}={session.session_key}"
    finally:
        session.delete()


# --- The server ----------------------------------------------------------------------


@contextlib.contextmanager
def uvicorn_server() -> Iterator[int]:
    """uvicorn serving the app as `make run` does, on a free loopback port; stopped on exit."""
    port = _free_port()
    argv = [
        *services(sys.executable, port)["web server (uvicorn)"],
        "--no-access-log",  # a log line per request would be measured too
        "--log-level=warning",
    ]
    # Own process group: Ctrl-C reaches only this process, which then stops the server.
    process = subprocess.Popen(  # noqa: S603 (our own interpreter and fixed arguments)
        argv, env=_server_environment(port), cwd=BASE_DIR, process_group=0
    )
    try:
        _wait_until_live(process, port)
        yield port
    finally:
        stop_process(process, timeout=STOP_TIMEOUT_SECONDS)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _server_environment(port: int) -> dict[str, str]:
    """The dev settings, pointed at exactly the stores this process migrated and seeded."""
    from django.conf import settings

    env = child_environment(port, HOST)
    env["DATABASE_URL"] = settings.DATABASE_URL
    env["REDIS_URL"] = settings.REDIS_URL
    return env


def _wait_until_live(process: subprocess.Popen, port: int) -> None:
    url = f"http://127.0.0.1:{port}{BASELINE_PATH}"
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while http_status(url, f"{HOST}:{port}") != 200:
        if process.poll() is not None:
            raise LoadError(f"uvicorn exited with code {process.returncode} while starting")
        if time.monotonic() > deadline:
            raise LoadError(f"{url} did not answer 200 within {START_TIMEOUT_SECONDS} s")
        time.sleep(0.1)


# --- The load ------------------------------------------------------------------------


class Load:
    """CONNECTIONS threads, each with its own keep-alive connection, requesting one path
    for a fixed time. Threads are enough: the client waits on sockets, and the server,
    in its own process, is what is measured."""

    def __init__(self, port: int, cookie: str):
        self.port = port
        self.cookie = cookie

    def headers(self, case: Case) -> dict[str, str]:
        headers = {"Host": f"{HOST}:{self.port}"}
        if case.signed_in:
            headers["Cookie"] = self.cookie
        return headers

    def check(self, case: Case) -> None:
        """One request that must be the page itself: 200 with the expected text."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request("GET", case.path, headers=self.headers(case))
            response = connection.getresponse()
            body = response.read()
        finally:
            connection.close()
        if response.status != 200 or case.expect not in body:
            location = response.getheader("Location", "")
            raise LoadError(
                f"{case.name} ({case.path}) answered {response.status} {location}"
                f" without {case.expect!r}"
            )

    def requests_per_second(self, case: Case, seconds: float) -> float:
        """Responses completed per second over `seconds`; raises LoadError if any failed."""
        counts = [0] * CONNECTIONS
        errors: list[str] = []
        start = threading.Barrier(CONNECTIONS)
        threads = [
            threading.Thread(
                target=self._client, args=(case, seconds, start, counts, index, errors)
            )
            for index in range(CONNECTIONS)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        if errors:
            shown = "; ".join(errors[:MAX_ERRORS_SHOWN])
            raise LoadError(f"{case.name}: {len(errors)} failed requests, e.g. {shown}")
        return sum(counts) / seconds

    def _client(self, case, seconds, start, counts, index, errors) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = self.headers(case)
        try:
            connection.connect()  # before the clock starts
        except OSError as error:
            errors.append(f"connect: {error!r}")
        start.wait(timeout=30)
        deadline = time.perf_counter() + seconds
        try:
            while time.perf_counter() < deadline:
                try:
                    connection.request("GET", case.path, headers=headers)
                    response = connection.getresponse()
                    response.read()
                except (OSError, http.client.HTTPException) as error:
                    errors.append(repr(error))
                    connection.close()  # reopened by the next request
                    continue
                if response.status != 200:
                    errors.append(f"HTTP {response.status}")
                elif time.perf_counter() <= deadline:
                    counts[index] += 1
        finally:
            connection.close()


def measure_rounds(load: Load, cases: list[Case]) -> dict[str, list[float]]:
    """Requests a second of every case in every round, the cases alternating."""
    rates: dict[str, list[float]] = {case.name: [] for case in cases}
    for _ in range(ROUNDS):
        for case in cases:
            rates[case.name].append(load.requests_per_second(case, SECONDS_PER_CASE))
    return rates


# --- The report ----------------------------------------------------------------------


def report(baseline: Case, cases: list[Case], rates: dict[str, list[float]]) -> None:
    """Each case as the median of its per-round ratios to the baseline of the same round:
    pairing rounds cancels most of the drift of a shared machine. ms/request is
    1000 / (req/s): Django's sync views run one at a time on the server's one
    thread, so it is what a request costs the server."""
    base = rates[baseline.name]
    base_rate = statistics.median(base)
    print(
        f"{CONNECTIONS} connections, {ROUNDS} rounds of {SECONDS_PER_CASE:.0f} s per case,"
        f" host {HOST}, signed in as {LINK_WORKER}"
    )
    print(
        f"baseline  {baseline.name} ({baseline.path}): {base_rate:.0f} req/s,"
        f" {1000 / base_rate:.2f} ms/request"
    )
    for case in cases:
        ratios = [rate / paired for rate, paired in zip(rates[case.name], base, strict=True)]
        rate = statistics.median(rates[case.name])
        print(
            f"{statistics.median(ratios):8.2f}x  {case.name} ({rate:.0f} req/s,"
            f" {1000 / rate:.2f} ms/request; rounds {min(ratios):.2f}-{max(ratios):.2f}x)"
        )
