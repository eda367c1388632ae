"""Every page is an NHS.UK page: header with service and region, skip link,
navigation, footer; styled error pages; no inline script."""

import re

import pytest
from django.test import override_settings

from learning.accounts.enums import Role
from learning.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/", "/join/", "/accounts/login/", "/accounts/password/reset/"])
def test_public_pages_use_the_nhs_layout(client_for, path):
    response = client_for().get(path)
    page = response.content.decode()
    assert response.status_code == 200
    assert 'class="nhsuk-skip-link"' in page
    assert 'class="nhsuk-header"' in page
    assert "Link Worker Learning Network" in page
    assert 'class="nhsuk-footer"' in page
    assert 'id="maincontent"' in page
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page), "inline script breaks the CSP"


def test_the_header_names_the_current_region(north_west, client_for):
    page = client_for(north_west).get("/").content.decode()
    assert "lwln-region-tag" in page
    assert "North West</strong>" in page


def test_navigation_shows_what_the_role_can_use(north_west, client_for):
    national = client_for(None, UserFactory(role=Role.NATIONAL))
    assert ">Manage</a>" in national.get("/").content.decode()
    tools = national.get("/manage/").content.decode()
    assert "Join requests" in tools and "Audit log" in tools
    worker_page = client_for(None, UserFactory(region=north_west)).get("/").content.decode()
    assert "Audit log" not in worker_page and "Join requests" not in worker_page
    assert ">Manage</a>" not in worker_page


def test_404_is_styled(client_for):
    response = client_for().get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert "nhsuk-header" in response.content.decode()


def test_403_is_styled(client_for):
    response = client_for(None, UserFactory()).get("/audit/")
    assert response.status_code == 403
    assert "You do not have access to this page" in response.content.decode()


def test_a_coordinator_refused_a_national_page_is_told_to_ask_the_national_team(
    north_west, client_for
):
    coordinator = UserFactory(role=Role.COORDINATOR, region=north_west)
    response = client_for(None, coordinator).get("/audit/")
    page = response.content.decode().replace("&#x27;", "'")
    assert response.status_code == 403
    assert "Only the national team can open this page." in page
    assert "ask the national team" in page
    assert "learning coordinator" not in page.split('id="maincontent"')[1]


@override_settings(DEBUG=False)
def test_500_is_styled_and_needs_no_database():
    from django.test import RequestFactory

    from learning.errors import server_error

    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in response.content.decode()


def test_security_headers_are_sent(client_for):
    response = client_for().get("/")
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] in ("DENY", "SAMEORIGIN")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_forms_work_without_javascript_and_tie_errors_to_fields(client_for):
    page = client_for().post("/join/", {}).content.decode()
    full_name_input = re.search(r'<input[^>]*name="full_name"[^>]*>', page).group(0)
    assert 'aria-describedby="id_full_name_error"' in full_name_input
    assert 'aria-invalid="true"' in full_name_input
    assert 'id="id_full_name_error"' in page
    email_input = re.search(r'<input[^>]*name="email"[^>]*>', page).group(0)
    assert 'aria-describedby="id_email_helptext id_email_error"' in email_input
    assert 'href="#id_full_name"' in page  # the error summary links to the field


def test_admin_is_served_on_region_hosts_with_one_page_tree(north_west, client_for):
    national = UserFactory(role=Role.NATIONAL)
    hub_admin = client_for(None, national).get("/admin/")
    region_admin = client_for(north_west, national).get("/admin/")
    assert hub_admin.status_code == region_admin.status_code == 200
