"""Served as `make run` serves it, a client still cannot choose its own address
(issue 15, item 2).

uvicorn, by default, takes the client's address from X-Forwarded-For on any request
from 127.0.0.1, before Django sees it. Here a real uvicorn, started with the very
command `make run` uses (learning.devserver.uvicorn_command), gets requests from
127.0.0.1 that each forge a new X-Forwarded-For: certificate checks are throttled at
the 31st, failed sign-ins across accounts are locked out, and the audit log records
127.0.0.1, the only address the client did not write."""

import http.client
import itertools
import os
import re
import socket
import subprocess
import sys
import time
from urllib.parse import urlencode

import pytest
from django.conf import settings

from courses.views_records import VERIFY_LIMITS
from learning.devserver import http_status, stop_process, uvicorn_command

from .conftest import ROOT, database_url_of_test_run

pytestmark = pytest.mark.integration

START_TIMEOUT_SECONDS = 30
PASSWORD = "learning-network-demo"
_forged = (f"198.51.100.{n % 250 + 1}" for n in itertools.count())


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def port(django_db_setup):
    port = _free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "learning.settings.test",
        "DATABASE_URL": database_url_of_test_run(),
        "REDIS_URL": settings.REDIS_URL,
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("TRUSTED_PROXY_COUNT", None)  # as make run: no proxy is trusted
    argv = uvicorn_command(sys.executable, port, "--no-access-log", "--log-level=warning")
    process = subprocess.Popen(argv, cwd=ROOT, env=env, process_group=0)
    try:
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        while http_status(f"http://127.0.0.1:{port}/health/live/", f"localhost:{port}") != 200:
            assert process.poll() is None, f"uvicorn exited with {process.returncode}"
            assert time.monotonic() < deadline, "uvicorn did not start"
            time.sleep(0.1)
        yield port
    finally:
        stop_process(process, timeout=10)


def forged_headers(port: int) -> dict:
    return {"Host": f"localhost:{port}", "X-Forwarded-For": f"{next(_forged)}, {next(_forged)}"}


def get(port: int, path: str, headers: dict) -> tuple[int, str, list]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        return response.status, response.read().decode(), response.getheaders()
    finally:
        connection.close()


def failed_sign_in(port: int, email: str, password: str) -> str:
    """A real sign-in form post from 127.0.0.1 with a new forged header each time."""
    status, html, headers = get(port, "/accounts/login/", forged_headers(port))
    assert status == 200, html[:300]
    csrf_cookie = next(
        value.split(";", 1)[0]
        for name, value in headers
        if name.lower() == "set-cookie" and value.startswith(settings.CSRF_COOKIE_NAME)
    )
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)[1]
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request(
            "POST",
            "/accounts/login/",
            body=urlencode({"csrfmiddlewaretoken": token, "login": email, "password": password}),
            headers={
                **forged_headers(port),
                "Cookie": csrf_cookie,
                "Content-Type": "application/x-www-form-urlencoded",
                "Origin": f"http://localhost:{port}",
            },
        )
        response = connection.getresponse()
        return response.read().decode()
    finally:
        connection.close()


def test_forged_headers_do_not_escape_the_certificate_check_limit(port):
    (_, per_minute, _), *_ = VERIFY_LIMITS
    for n in range(per_minute):
        status, _, _ = get(port, f"/certificates/verify/{n:020d}/", forged_headers(port))
        assert status == 404, n
    status, html, _ = get(port, f"/certificates/verify/{'1' * 20}/", forged_headers(port))
    assert status == 429
    assert "Too many checks" in html


@pytest.fixture
def accounts(committed):
    from learning.accounts.models import User
    from learning.accounts.tests.factories import UserFactory
    from learning.audit.models import AuditEvent

    people = [UserFactory() for _ in range(6)]
    yield people
    emails = [person.email for person in people]
    AuditEvent.objects.filter(subject__in=emails).delete()
    AuditEvent.objects.filter(actor_email__in=emails).delete()
    for person in people:
        pcn = person.pcn
        User.objects.filter(pk=person.pk).delete()
        if pcn is not None:
            pcn.delete()
            pcn.ccg.delete()


def test_forged_headers_do_not_escape_the_sign_in_lockout_or_mislead_the_audit_log(port, accounts):
    from learning.audit.enums import AuditAction
    from learning.audit.models import AuditEvent

    for person in accounts[:5]:
        page = failed_sign_in(port, person.email, "a-wrong-guess-1")
        assert "The email address or password is not right" in page
    # A sixth account, even with its right password, is refused from this address.
    page = failed_sign_in(port, accounts[5].email, PASSWORD)
    assert "Too many failed login attempts" in page

    recorded = AuditEvent.objects.filter(
        action=AuditAction.SIGN_IN_FAILED, subject__in=[p.email for p in accounts]
    ).values_list("ip_address", flat=True)
    assert len(recorded) >= 5
    assert set(recorded) == {"127.0.0.1"}
