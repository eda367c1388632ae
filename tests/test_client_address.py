"""A client cannot choose its own address (issue 15, item 2).

Rate limits and the audit log key on learning.client_address. With no trusted proxy
(development, and production unless TRUSTED_PROXY_COUNT says otherwise) a forged
X-Forwarded-For changes nothing; behind N proxies only the entry the outermost proxy
wrote counts. The served half (uvicorn not rewriting the address) is in
tests/integration/test_client_address_served.py."""

import itertools
import json
import os
import subprocess
import sys

import pytest
from django.test import Client, RequestFactory, override_settings

from courses.views_records import VERIFY_LIMITS
from learning.accounts.tests.factories import UserFactory
from learning.audit.enums import AuditAction
from learning.audit.models import AuditEvent
from learning.client_address import client_address
from tests.test_settings import PRODUCTION_ENV, ROOT

PASSWORD = "learning-network-demo"
PEER = "203.0.113.7"  # the connection's address: the visitor, or the nearest proxy

# A new made-up address for every request, as the attack in the issue sent.
_forged = (f"198.51.100.{n % 250 + 1}" for n in itertools.count())


def forged_header(real: str | None = None) -> str:
    """X-Forwarded-For as a client forges it, with a proxy's real entry appended."""
    return ", ".join(filter(None, [next(_forged), next(_forged), real]))


def request_with(remote_addr=PEER, forwarded=None):
    headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote_addr, **headers)


# --- The one function ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, None, PEER),
        (0, "192.0.2.1", PEER),  # no trusted proxy: the header is anyone's to write
        (0, "192.0.2.1, 192.0.2.2", PEER),
        (1, "192.0.2.9", "192.0.2.9"),  # one proxy: the entry it appended
        (1, "6.6.6.6, 192.0.2.9", "192.0.2.9"),  # what the client wrote before it is ignored
        (2, "6.6.6.6, 192.0.2.9, 10.0.0.2", "192.0.2.9"),
        (2, "192.0.2.9", PEER),  # fewer entries than proxies: it skipped one
        (1, None, PEER),  # reached us without the proxy
        (1, "", PEER),
        (1, "not-an-address", PEER),
        (1, "6.6.6.6, 192.0.2.9:443", PEER),  # not an address: never a fresh key
        (1, " 2001:db8::1 ", "2001:db8::1"),
    ],
)
def test_the_client_address_comes_from_trusted_proxy_count_alone(proxies, forwarded, expected):
    with override_settings(TRUSTED_PROXY_COUNT=proxies):
        assert client_address(request_with(forwarded=forwarded)) == expected


def test_no_request_has_no_address():
    assert client_address(None) is None


def test_allauth_sees_the_same_address():
    from allauth.account.adapter import get_adapter

    request = request_with(forwarded="6.6.6.6")
    assert get_adapter(request).get_client_ip(request) == PEER
    with override_settings(TRUSTED_PROXY_COUNT=1):
        assert get_adapter(request).get_client_ip(request) == "6.6.6.6"


# --- Throttles and the audit log, with forged headers -------------------------------

# (TRUSTED_PROXY_COUNT, what the proxy appends, the address the limits must see):
# development or a directly served production; production behind one proxy.
SETUPS = {
    "no proxy": (0, None, PEER),
    "behind one proxy": (1, "192.0.2.50", "192.0.2.50"),
}


@pytest.fixture(params=list(SETUPS))
def setup(request):
    proxies, real, seen = SETUPS[request.param]
    with override_settings(TRUSTED_PROXY_COUNT=proxies):
        yield real, seen


def forged(real):
    return {"REMOTE_ADDR": PEER, "HTTP_X_FORWARDED_FOR": forged_header(real)}


@pytest.mark.django_db
def test_certificate_checks_are_throttled_whatever_the_header_says(setup, client_for):
    real, _ = setup
    (_, per_minute, _), *_ = VERIFY_LIMITS
    client = client_for(None)
    for n in range(per_minute):
        response = client.get(f"/certificates/verify/{n:020d}/", **forged(real))
        assert response.status_code == 404
    refused = client.get(f"/certificates/verify/{'1' * 20}/", **forged(real))
    assert refused.status_code == 429
    assert "Too many checks" in refused.text


@pytest.mark.django_db
def test_failed_sign_ins_across_accounts_are_locked_out_whatever_the_header_says(setup):
    real, _ = setup
    client = Client(HTTP_HOST="localhost")
    people = [UserFactory() for _ in range(6)]
    for person in people[:5]:
        client.post(
            "/accounts/login/", {"login": person.email, "password": "wrong-guess-1"}, **forged(real)
        )
    # The sixth account, with its right password: still refused, from that address.
    response = client.post(
        "/accounts/login/", {"login": people[5].email, "password": PASSWORD}, **forged(real)
    )
    assert "_auth_user_id" not in client.session
    assert "Too many failed login attempts" in response.content.decode()


@pytest.mark.django_db
def test_the_audit_log_records_the_address_the_limits_use(setup):
    real, seen = setup
    client = Client(HTTP_HOST="localhost")
    user = UserFactory()
    client.post("/accounts/login/", {"login": user.email, "password": "wrong-1"}, **forged(real))
    client.post("/accounts/login/", {"login": user.email, "password": PASSWORD}, **forged(real))
    events = AuditEvent.objects.filter(action__in=[AuditAction.SIGN_IN_FAILED, AuditAction.SIGN_IN])
    assert sorted(events.values_list("action", flat=True)) == ["sign_in", "sign_in_failed"]
    assert set(events.values_list("ip_address", flat=True)) == {seen}


# --- The production settings --------------------------------------------------------

PRODUCTION_PROBE = """
import json, django
django.setup()
from allauth.account.adapter import get_adapter
from django.test import RequestFactory
from learning.client_address import client_address
request = RequestFactory().get("/", REMOTE_ADDR="203.0.113.7",
                               HTTP_X_FORWARDED_FOR="6.6.6.6, 192.0.2.50")
print(json.dumps([client_address(request), get_adapter(request).get_client_ip(request)]))
"""


@pytest.mark.parametrize(
    # Unset (a proxy left unconfigured trusts no header) and two proxies.
    ("proxies", "expected"),
    [(None, PEER), ("2", "6.6.6.6")],
)
def test_production_settings_read_the_address_from_trusted_proxy_count(proxies, expected):
    clean = {k: v for k, v in os.environ.items() if k not in PRODUCTION_ENV}
    clean.pop("TRUSTED_PROXY_COUNT", None)
    env = {**clean, **PRODUCTION_ENV}
    if proxies is not None:
        env["TRUSTED_PROXY_COUNT"] = proxies
    result = subprocess.run(
        [sys.executable, "-c", PRODUCTION_PROBE],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [expected, expected]
