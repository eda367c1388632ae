"""The weekly link check, against a real web server on loopback."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.test import override_settings

from learning.accounts.enums import Role
from learning.accounts.tests.factories import UserFactory
from resources.linkcheck import links_check, url_check
from resources.models import LinkCheck
from resources.tasks import check_resource_links

from .factories import make_resource


class Site(BaseHTTPRequestHandler):
    """/ok answers, /missing is gone, /moved redirects to /ok, /loop never ends,
    /no-head refuses HEAD but answers GET, /error fails."""

    def _answer(self, with_body: bool):
        routes = {
            "/ok": (200, {}),
            "/missing": (404, {}),
            "/moved": (301, {"Location": "/ok"}),
            "/loop": (302, {"Location": "/loop"}),
            "/error": (500, {}),
        }
        if self.path == "/no-head":
            status, headers = (405, {}) if self.command == "HEAD" else (200, {})
        else:
            status, headers = routes.get(self.path, (404, {}))
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", "2")
        self.end_headers()
        if with_body:
            self.wfile.write(b"ok")

    def do_HEAD(self):
        self._answer(False)

    def do_GET(self):
        self._answer(True)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def site():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.mark.parametrize(
    ("path", "ok", "problem"),
    [
        ("/ok", True, ""),
        ("/moved", True, ""),
        ("/no-head", True, ""),
        ("/missing", False, "Page not found (HTTP 404)."),
        ("/error", False, "The site refused it (HTTP 500)."),
        ("/loop", False, "It redirects more than 5 times."),
    ],
)
def test_url_check_judges_what_the_server_answers(site, path, ok, problem):
    result = url_check(site + path)
    assert (result.ok, result.problem) == (ok, problem)


def test_nothing_listening_is_reported():
    result = url_check("http://127.0.0.1:9/")
    assert not result.ok and result.problem == "The site could not be reached."


@override_settings(RESOURCE_LINK_CHECK_ALLOW_PRIVATE=False)
def test_private_addresses_are_never_fetched(site):
    result = url_check(site + "/ok")
    assert not result.ok and result.problem == "It points to a private network address."


@pytest.mark.django_db
def test_broken_links_are_stored_and_reported_to_the_lead_in_one_email(
    site, north_west, on_commit, mailoutbox
):
    lead = UserFactory(role=Role.CCG_LEAD, region=north_west)
    fine = make_resource(lead.ccg, title="Working Site", website=site + "/ok")
    gone = make_resource(lead.ccg, title="Gone Group", website=site + "/missing")
    broken = make_resource(lead.ccg, title="Broken Club", website=site + "/error")
    make_resource(lead.ccg, title="Same Broken Address", website=site + "/error")

    with on_commit():
        check_resource_links.delay()

    assert LinkCheck.objects.get(resource=fine).ok
    check = LinkCheck.objects.get(resource=gone)
    assert not check.ok and check.status_code == 404 and check.broken_since is not None
    [email] = mailoutbox
    assert email.to == [lead.email]
    assert email.subject == "3 web addresses in your local resources are not working"
    body = email.body
    assert body.index("Broken Club") < body.index("Gone Group") < body.index("Same Broken")
    assert "Working Site" not in body
    assert f"/admin/pages/{broken.pk}/edit/" in body

    first_broken = check.broken_since
    with on_commit():
        assert links_check() == {"checked": 3, "broken": 3}
    assert LinkCheck.objects.get(resource=gone).broken_since == first_broken
    assert len(mailoutbox) == 1, "one report per CCG a week"
