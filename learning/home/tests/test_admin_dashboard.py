"""The Wagtail admin's dashboard names the network (and the region of the host),
not the Site row's host name, on every host."""

import re

import pytest

from learning.accounts.enums import Role
from learning.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def dashboard(client) -> tuple[str, str]:
    """(the dashboard's heading, its site summary) as text."""
    response = client.get("/admin/")
    assert response.status_code == 200
    page = response.content.decode()
    heading = re.search(r'<h1 class="w-h1[^"]*">(.*?)</h1>', page, re.S).group(1)
    summary = re.search(r'<section class="w-summary".*?</section>', page, re.S).group(0)
    return " ".join(heading.split()), re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", summary))


def test_on_a_regions_host_the_dashboard_names_the_network_and_the_region(north_west, client_for):
    heading, summary = dashboard(client_for(north_west, UserFactory(role=Role.NATIONAL)))
    assert heading == "Link Worker Learning Network: North West"
    assert "created in Link Worker Learning Network" in summary
    assert "localhost" not in heading + summary


def test_on_the_hub_the_dashboard_names_the_network(client_for):
    heading, summary = dashboard(client_for(None, UserFactory(role=Role.NATIONAL)))
    assert heading == "Link Worker Learning Network"
    assert "created in Link Worker Learning Network" in summary
