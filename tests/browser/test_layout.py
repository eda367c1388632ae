"""The pages look as designed: styles load with DEBUG off, nothing scrolls sideways on
a phone. Screenshots go to var/screenshots/ for a person to look at."""

import pytest
from playwright.sync_api import expect

from .checks import assert_fits_the_phone, phone_context
from .conftest import report_page_problems

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

DESKTOP = {"width": 1280, "height": 800}
NHS_BLUE = "rgb(0, 94, 184)"  # #005eb8, the NHS.UK header


def watch_for_errors(page) -> list[str]:
    """Console errors (a CSP refusal, a failed module) and failed requests, as they happen."""
    problems = []
    report_page_problems(page, problems)
    return problems


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
@pytest.mark.parametrize("where", ["hub", "north-west"])
def test_home_pages_are_styled_and_load_cleanly(
    where, viewport, server, new_context, screenshots_dir
):
    context = phone_context(new_context) if viewport == "phone" else new_context(viewport=DESKTOP)
    page = context.new_page()
    problems = watch_for_errors(page)
    base = server.hub if where == "hub" else server.region(where)

    page.goto(base + "/")
    page.screenshot(path=screenshots_dir / f"{where}-home-{viewport}.png", full_page=True)

    # Every stylesheet arrived and has rules (WhiteNoise serves them with DEBUG off),
    # and they apply: the header is NHS blue.
    sheets = page.evaluate("[...document.styleSheets].map(s => [s.href, s.cssRules.length])")
    assert len(sheets) == 2 and all(rules > 0 for _, rules in sheets), sheets
    header = page.get_by_role("banner")
    assert header.evaluate("e => getComputedStyle(e).backgroundColor") == NHS_BLUE
    # The progressive-enhancement script ran (it is a module: CSP and paths must allow it).
    expect(page.locator("body")).to_contain_class("nhsuk-frontend-supported")
    if where != "hub":
        # The region's name sits in a tag under the service name, as wide as the name
        # (stretched across the header's flex column it looked like a text box).
        tag = header.locator(".lwln-region-tag")
        expect(tag).to_have_text("North West")
        slack = tag.evaluate(
            """e => { const text = document.createRange(); text.selectNodeContents(e);
                      return e.getBoundingClientRect().width - text.getBoundingClientRect().width; }"""
        )
        assert slack < 24, f"the region tag is {slack:.0f}px wider than its name"
    assert problems == []


@pytest.mark.parametrize("path", ["/", "/join/", "/join/ with errors"])
def test_nothing_scrolls_sideways_on_a_phone(path, server, new_context):
    page = phone_context(new_context).new_page()
    page.goto(server.hub + path.removesuffix(" with errors"))
    if path.endswith("with errors"):
        with page.expect_navigation():
            page.get_by_role("button", name="Send request").click()
        expect(page.get_by_role("alert")).to_contain_text("There is a problem")

    assert_fits_the_phone(page, path)
