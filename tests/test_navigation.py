"""The header's menu stays short: a learning coordinator's tools are one "Manage"
item away, on a page that lists every one of them (no JavaScript needed)."""

import re
from html import unescape

import pytest

from learning.accounts.enums import Role
from learning.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

MENU_LINK = re.compile(r'class="nhsuk-header__navigation-link" href="([^"]+)"[^>]*>([^<]+)</a>')
# Everything a coordinator's header linked to before the tools were grouped.
COORDINATOR_TOOLS = {
    "Moderation": "/community/moderation/",
    "Cohorts": "/cohorts/",
    "Reports": "/reports/",
    "Induction progress": "/induction-progress/",
    "Run webinars": "/webinars/manage/",
    "Join requests": "/join-requests/",
    "My learning": "/my-learning/",
}
NATIONAL_TOOLS = {"People", "Circulations", "Audit log", "Induction progress", "Run webinars"}


def menu(response) -> list[tuple[str, str]]:
    return [(unescape(label), url) for url, label in MENU_LINK.findall(response.content.decode())]


def links_in_main(response) -> dict[str, str]:
    main = response.content.decode().split('id="maincontent"', 1)[1]
    return {unescape(label): url for url, label in re.findall(r'<a class="nhsuk-link" href="([^"]+)">([^<]+)</a>', main)}  # fmt: skip


@pytest.fixture
def coordinator(north_west):
    return UserFactory(role=Role.COORDINATOR, region=north_west, full_name="Dana Price")


def test_a_coordinators_header_is_short_and_every_tool_is_on_the_manage_page(
    north_west, coordinator, client_for
):
    client = client_for(north_west, coordinator)
    items = menu(client.get("/community/"))
    labels = [label for label, _ in items]
    assert len(items) <= 7, labels
    assert labels[0] == "Home" and labels[-1] == "Manage"
    assert {"Community", "Webinars"} <= set(labels)
    assert not set(labels) & set(COORDINATOR_TOOLS)

    response = client.get(dict(items)["Manage"])
    assert response.status_code == 200
    tools = links_in_main(response)
    for label, url in COORDINATOR_TOOLS.items():
        assert tools.get(label, "").startswith(url), (label, tools)
        # Open to them (the induction table is "not found" until a pack is published).
        assert client.get(tools[label]).status_code in (200, 404), label
        assert client.get(tools[label]).status_code == 200 or label == "Induction progress"


def test_on_a_tools_page_the_manage_item_is_the_current_one(north_west, coordinator, client_for):
    page = client_for(north_west, coordinator).get("/induction-progress/").content.decode()
    current = re.findall(r'href="([^"]+)" aria-current="page">([^<]+)<', page)
    assert [label for _, label in current] == ["Manage"]


def test_the_national_teams_tools_are_all_on_its_manage_page(client_for):
    client = client_for(None, UserFactory(role=Role.NATIONAL))
    labels = [label for label, _ in menu(client.get("/"))]
    assert len(labels) <= 7 and "Manage" in labels
    tools = links_in_main(client.get("/manage/"))
    assert set(tools) >= NATIONAL_TOOLS
    # Moderation and cohorts are a region's: on the hub the page says where they are.
    assert "Moderation" not in tools
    assert "on each region's site" in client.get("/manage/").content.decode().replace("&#x27;", "'")


def test_a_link_workers_menu_is_as_it_was_and_they_have_no_manage_page(north_west, client_for):
    client = client_for(north_west, UserFactory(region=north_west))
    labels = [label for label, _ in menu(client.get("/"))]
    assert "Manage" not in labels
    assert labels[:2] == ["Home", "Community"]
    assert "My learning" in labels and "Webinars" in labels
    assert client.get("/manage/").status_code == 404
    assert client_for(north_west).get("/manage/").status_code == 302  # signed out: sign in
