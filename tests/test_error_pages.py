"""Error pages people can meet in ordinary use are NHS.UK pages in plain English:
a form that failed the CSRF check (403) and a malformed request (400)."""

import pytest
from django.core.exceptions import BadRequest
from django.test import Client, RequestFactory, override_settings
from django.urls import get_resolver

from learning.errors import bad_request

pytestmark = pytest.mark.django_db

SERVICE = "Link Worker Learning Network"
EXPIRED = "Sorry, this form has expired"


def assert_nhs_layout(page: str) -> None:
    assert 'class="nhsuk-skip-link"' in page
    assert 'class="nhsuk-header"' in page
    assert SERVICE in page
    assert 'class="nhsuk-footer"' in page
    assert 'id="maincontent"' in page


@pytest.mark.parametrize("host", ["localhost", "north-west.localhost"])
def test_a_form_sent_without_its_csrf_token_explains_what_to_do(host):
    client = Client(enforce_csrf_checks=True, HTTP_HOST=host)
    response = client.post("/join/", {"full_name": "Ada Lovelace", "email": "ada@example.org"})

    assert response.status_code == 403
    page = response.content.decode()
    assert_nhs_layout(page)
    assert f'<h1 class="nhsuk-heading-l">{EXPIRED}</h1>' in page
    assert "another tab or window" in page
    assert "Go back to the previous page" in page
    assert "Reload the page" in page
    assert "Nothing from this form has been saved" in page
    # None of Django's developer wording reaches the person.
    assert "CSRF" not in page
    if host != "localhost":
        assert "North West" in page
    # The page itself stays under the site's strict policy.
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]


def test_a_stale_csrf_token_gets_the_same_page():
    client = Client(enforce_csrf_checks=True, HTTP_HOST="localhost")
    client.get("/join/")  # sets the CSRF cookie, as opening the form would
    response = client.post("/join/", {"csrfmiddlewaretoken": "x" * 64, "full_name": "Ada"})
    assert response.status_code == 403
    assert EXPIRED in response.content.decode()


def test_a_form_sent_with_its_token_is_not_refused():
    client = Client(enforce_csrf_checks=True, HTTP_HOST="localhost")
    client.get("/join/")
    token = client.cookies["csrftoken"].value
    response = client.post("/join/", {"csrfmiddlewaretoken": token})
    assert response.status_code == 400  # the form again, with its errors
    assert "There is a problem" in response.content.decode()


def test_the_400_page_uses_the_nhs_layout():
    response = bad_request(RequestFactory().get("/"), BadRequest("unreadable"))

    assert response.status_code == 400
    page = response.content.decode()
    assert_nhs_layout(page)
    assert "Sorry, there is a problem with your request" in page
    assert "unreadable" not in page  # the exception is for the logs, not the person


@pytest.mark.parametrize("urlconf", ["learning.urls.hub", "learning.urls.region"])
def test_both_url_confs_name_the_400_handler(urlconf):
    assert get_resolver(urlconf).resolve_error_handler(400) is bad_request


@pytest.mark.parametrize("host", ["localhost", "north-west.localhost"])
@override_settings(DATA_UPLOAD_MAX_NUMBER_FIELDS=2)
def test_a_malformed_request_gets_the_400_page_on_every_host(host):
    """A form with more fields than allowed is a SuspiciousOperation: 400."""
    response = Client(HTTP_HOST=host).post("/join/", {"a": "1", "b": "2", "c": "3"})

    assert response.status_code == 400
    page = response.content.decode()
    assert_nhs_layout(page)
    assert "Sorry, there is a problem with your request" in page
