"""Browser tests: Debian's chromium, driven by playwright, against a real uvicorn.

One uvicorn and one chromium serve the whole package (package-scoped
fixtures), so the server and the committed people exist only while these
tests run and are gone before the rest of the suite goes on.

The server is a separate process with its own database connections, so it
sees only committed rows: people are made outside any test transaction
(django_db_blocker.unblock(), as `committed` in tests/integration/conftest.py
does) and everything made while the package ran, by us or by the server, is
deleted afterwards.

Each test module carries pytest.mark.django_db as well as browser: without a
django_db test in the run, pytest-django would not create the test database
when only these tests are selected. The test transaction it opens is harmless:
the tests only read in it, and the server commits through its own connections.

Playwright's own browser download cannot work here (closed network), hence
executable_path. Without /usr/bin/chromium every test here is skipped with a
plain reason, and that is the only skip.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection, connections
from django.db.models import Max

from learning.devserver import uvicorn_command
from tests.integration.conftest import database_url_of_test_run, stop_process

from .checks import (
    Visit,
    assert_fits_the_phone,
    assert_no_axe_violations,
    open_visit,
    phone_context,
)

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_MISSING = "chromium not installed: apt-get install chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",  # we run as root
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",  # the network is closed
    "--disable-component-update",
    "--disable-sync",
]
PASSWORD = "learning-network-demo"
SCREENSHOTS = ROOT / "var" / "screenshots"
AXE_JS = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
SERVER_START_SECONDS = 60
TIMEOUT_MS = 10_000


@pytest.fixture(scope="session", autouse=True)
def chromium_executable() -> str:
    """First of all (autouse, session): skip before a database or server is made."""
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        pytest.skip(CHROMIUM_MISSING)
    return str(CHROMIUM)


# --- The server -------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _answers(port: int) -> bool:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # no proxy for loopback
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/static/css/app.css", headers={"Host": f"localhost:{port}"}
    )
    try:
        with opener.open(request, timeout=2) as response:
            return response.status == 200
    except urllib.error.HTTPError:
        return True  # it answers; the test says what is wrong
    except OSError:
        return False


@dataclass(frozen=True)
class LiveServer:
    port: int

    @property
    def hub(self) -> str:
        return f"http://localhost:{self.port}"

    def region(self, slug: str) -> str:
        # Chromium resolves *.localhost to loopback itself: no DNS or hosts file needed.
        return f"http://{slug}.localhost:{self.port}"


@pytest.fixture(scope="package")
def server(django_db_setup) -> LiveServer:
    port = _free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "learning.settings.test",
        "DATABASE_URL": database_url_of_test_run(),
        "REDIS_URL": settings.REDIS_URL,
        "HUB_URL": f"http://localhost:{port}",
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set here only while the browser is open
    process = subprocess.Popen(
        uvicorn_command(sys.executable, port, "--log-level", "warning", "--no-access-log"),
        cwd=ROOT,
        env=env,
    )
    try:
        deadline = time.monotonic() + SERVER_START_SECONDS
        while not _answers(port):
            if process.poll() is not None:
                raise RuntimeError(
                    f"uvicorn exited with code {process.returncode}; see its output above"
                )
            if time.monotonic() > deadline:
                raise RuntimeError(
                    f"uvicorn did not answer on port {port} within {SERVER_START_SECONDS} s"
                )
            time.sleep(0.1)
        yield LiveServer(port)
    finally:
        stop_process(process, timeout=10)


# --- Committed people, and clean-up of everything the package made ----------------


def _tables_to_sweep():
    """Models whose new rows are deleted afterwards, in an order foreign keys allow."""
    from allauth.account.models import EmailAddress
    from django.contrib.auth.models import Group
    from django.contrib.sessions.models import Session
    from wagtail.models import Collection, Page

    from learning.accounts.models import CCG, PCN, JoinRequest, User
    from learning.audit.models import AuditEvent
    from learning.mail.models import OutboxMessage

    # Pages (with what hangs off them), collections and groups: a CCG lead's first
    # sign-up makes their CCG's resources area, its document collection and its
    # publishers group, and the area's page keeps the CCG from being deleted.
    return [
        JoinRequest, OutboxMessage, AuditEvent, EmailAddress, Page, Collection, Group, User,
        PCN, CCG, Session,
    ]  # fmt: skip


@dataclass(frozen=True)
class People:
    north_west_link_worker: object
    london_link_worker: object
    north_west_coordinator: object
    north_west_pcn: object


@pytest.fixture(scope="package")
def people(django_db_setup, django_db_blocker) -> People:
    """People committed for the server to see. Everything made while the package
    runs (their rows, join requests, users approved, audit events, mail, sessions)
    is deleted afterwards, so the rest of the suite sees the database as before."""
    from django.contrib.sessions.models import Session
    from django.db.models import Max

    from learning.accounts.enums import Role
    from learning.accounts.tests.factories import UserFactory
    from learning.regions.models import Region

    with django_db_blocker.unblock():
        connection.set_schema_to_public()
        tables = _tables_to_sweep()
        before = {
            model: model.objects.aggregate(top=Max("pk"))["top"]
            for model in tables
            if model is not Session
        }
        before_sessions = set(Session.objects.values_list("pk", flat=True))
        regions = {r.slug: r for r in Region.objects.regional()}
        north_west_link_worker = UserFactory(
            full_name="Priya Shah", email="priya.shah@example.org", region=regions["north-west"]
        )
        made = People(
            north_west_link_worker=north_west_link_worker,
            london_link_worker=UserFactory(
                full_name="Tom Okafor", email="tom.okafor@example.org", region=regions["london"]
            ),
            north_west_coordinator=UserFactory(
                full_name="Grace Lee",
                email="grace.lee@example.org",
                role=Role.COORDINATOR,
                region=regions["north-west"],
            ),
            north_west_pcn=north_west_link_worker.pcn,
        )
    try:
        yield made
    finally:
        with django_db_blocker.unblock():
            connection.set_schema_to_public()
            for model in tables:
                if model is Session:
                    Session.objects.exclude(pk__in=before_sessions).delete()
                elif before[model] is None:
                    model.objects.all().delete()
                else:
                    model.objects.filter(pk__gt=before[model]).delete()


# --- The browser --------------------------------------------------------------------


@contextmanager
def made_for_the_module(django_db_blocker, models, make, *, also_delete=None):
    """Commit what `make()` returns for a module's pages (the live server sees only
    committed rows), then delete every row of `models` newer than before, in the
    order given, once the module is done or if making fails. `also_delete()` runs
    first, for things such as pages that are deleted their own way."""
    with django_db_blocker.unblock():
        connection.set_schema_to_public()
        before = {m: m.objects.aggregate(top=Max("pk"))["top"] or 0 for m in models}

        def delete_everything():
            connection.set_schema_to_public()
            if also_delete is not None:
                also_delete()
            for model in models:
                model.objects.filter(pk__gt=before[model]).delete()

        try:
            made = make()
        except BaseException:
            delete_everything()
            raise
    try:
        yield made
    finally:
        with django_db_blocker.unblock():
            delete_everything()


@pytest.fixture(scope="package")
def browser(chromium_executable):
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an asyncio loop marked as running in this thread
    # (its greenlets share the thread), and Django then refuses ORM calls here,
    # e.g. the test transaction's rollback. Nothing async runs in this thread
    # alongside them, so allow it, only while the browser is open.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_executable, args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield browser
        finally:
            # Django keeps connections per context, and while playwright runs that
            # is not the one its teardown closes: close them here, or the test
            # database cannot be dropped ("being accessed by other users").
            connections.close_all()
            browser.close()
            if previous is None:
                os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
            else:
                os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def new_context(browser):
    """new_context(**options): a fresh browser context (own cookies), closed after the test."""
    contexts = []

    def make(**options):
        options.setdefault("viewport", {"width": 1280, "height": 800})
        options.setdefault("locale", "en-GB")
        context = browser.new_context(**options)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_context):
    return new_context().new_page()


def sign_in(
    page, base_url: str, email: str, password: str = PASSWORD, next_path: str | None = None
):
    """Sign in through the real form on that host (each host has its own session cookie)."""
    url = f"{base_url}/accounts/login/" + (f"?next={next_path}" if next_path else "")
    page.goto(url)
    fill_sign_in_form(page, email, password)


def fill_sign_in_form(page, email: str, password: str = PASSWORD):
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()


@pytest.fixture(scope="session")
def axe_source() -> str:
    return AXE_JS.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def screenshots_dir() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


@pytest.fixture
def check_axe(new_context, axe_source, screenshots_dir):
    """check_axe(visit, name=, screenshot=): open the visit (CSP bypassed, to inject
    axe), keep a full-page screenshot as <screenshot>.png, and assert axe finds no
    WCAG 2.2 AA violations."""

    def check(visit: Visit, *, name: str, screenshot: str) -> None:
        page = open_visit(new_context, visit, name=name, bypass_csp=True)
        page.screenshot(path=screenshots_dir / f"{screenshot}.png", full_page=True)
        assert_no_axe_violations(page, name, axe_source)

    return check


@pytest.fixture
def check_phone(new_context, screenshots_dir):
    """check_phone(visit, name=, screenshot=): open the visit on a 375 px phone, keep a
    screenshot as <screenshot>-phone.png, and assert nothing scrolls sideways."""

    def check(visit: Visit, *, name: str, screenshot: str) -> None:
        page = open_visit(lambda **options: phone_context(new_context, **options), visit, name=name)
        page.screenshot(path=screenshots_dir / f"{screenshot}-phone.png", full_page=True)
        assert_fits_the_phone(page, name)

    return check


# NHS.UK frontend's CSS loads the Frutiger font from assets.nhs.uk, which the CSP
# allows; this machine has no network, so those requests fail here. Nothing else may.
NHS_FONTS = "https://assets.nhs.uk/fonts/"


def report_page_problems(page, problems: list[str]) -> None:
    """Add console errors, script errors and failed requests of `page` to `problems`."""
    page.on(
        "console",
        lambda m: (
            problems.append(f"console: {m.text}")
            if m.type == "error" and not m.location.get("url", "").startswith(NHS_FONTS)
            else None
        ),
    )
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on(
        "response",
        lambda r: problems.append(f"{r.status} {r.url}") if r.status >= 400 else None,
    )
    page.on(
        "requestfailed",
        lambda r: None if r.url.startswith(NHS_FONTS) else problems.append(f"failed: {r.url}"),
    )


def signed_in_states(browser, base: str, people, whos, next_path: str) -> dict:
    """who -> Playwright storage state of a session signed in on `base` (a region host)."""
    states = {}
    for who in whos:
        context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="en-GB")
        try:
            page = context.new_page()
            sign_in(page, base, getattr(people, who).email, next_path=next_path)
            assert page.url == base + next_path, f"{who} did not sign in: {page.url}"
            states[who] = context.storage_state()
        finally:
            context.close()
    return states
