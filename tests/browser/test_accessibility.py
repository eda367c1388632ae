"""axe-core on the pages people meet first: no WCAG 2.2 AA violations it can detect
(see checks.py for how axe runs)."""

from pathlib import Path

import pytest

from .checks import assert_no_axe_violations
from .conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


def submit_the_join_form_empty(page):
    with page.expect_navigation():
        page.get_by_role("button", name="Send request").click()
    assert page.get_by_role("alert").inner_text().startswith("There is a problem")


# name: (who is signed in, host, path, what they do there first)
PAGES = {
    "hub home": (None, None, "/", None),
    "sign-in page": (None, None, "/accounts/login/", None),
    "join form": (None, None, "/join/", None),
    "join form with errors": (None, None, "/join/", submit_the_join_form_empty),
    "region home": (None, "north-west", "/", None),
    "region home, member signed in": ("north_west_link_worker", "north-west", "/", None),
    "community page": ("north_west_link_worker", "north-west", "/community/", None),
    "403, another region's community": ("london_link_worker", "north-west", "/community/", None),
    "403 page": ("north_west_link_worker", None, "/join-requests/", None),
    "404 page": (None, None, "/no-such-page/", None),
}


@pytest.mark.parametrize("name", PAGES)
def test_no_wcag_violations_axe_can_find(name, server, people, new_context, axe_source):
    who, host, path, then = PAGES[name]
    base = server.region(host) if host else server.hub
    page = new_context(bypass_csp=True).new_page()
    if who:
        sign_in(page, base, getattr(people, who).email, next_path=path)
    else:
        page.goto(base + path)
    assert page.url == base + path
    if then:
        then(page)

    assert_no_axe_violations(page, name, axe_source)


def test_the_vendored_axe_is_the_one_its_readme_names(axe_source):
    readme = (Path(__file__).parent / "vendor" / "README.md").read_text()
    version = axe_source.split("\n", 1)[0].removeprefix("/*! axe v").strip()
    assert f"axe-core {version}" in readme
    assert "Mozilla Public" in axe_source[:500]  # licence header intact
