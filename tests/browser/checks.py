"""Checks every browser page test makes: axe-core finds no WCAG 2.2 AA violations, and
nothing scrolls sideways on a phone. One place, so every page is judged alike.

axe-core is vendored (tests/browser/vendor/, see its README) so this works offline.
The site's Content-Security-Policy (script-src 'self') would block the injected
script, so axe contexts bypass CSP; the site's own scripts still run.

Most page tests list their pages as `Visit`s and hand each to the `check_axe` and
`check_phone` fixtures (conftest.py), which open it with `open_visit`: as someone,
checking it answered and shows what it should, then judge it."""

from collections.abc import Callable
from dataclasses import dataclass

from playwright.sync_api import expect

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

RUN_AXE = """async (tags) => {
  const results = await axe.run(document, {
    runOnly: {type: "tag", values: tags},
    resultTypes: ["violations"],
  });
  return results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map((n) => ({target: n.target.join(" "), html: n.html, why: n.failureSummary})),
  }));
}"""

PHONE = {"width": 375, "height": 740}

# Elements wider than the phone, for the failure message.
WIDER_THAN_THE_SCREEN = """(width) => [...document.querySelectorAll("body *")]
  .filter((e) => e.getBoundingClientRect().right > width + 0.5)
  .filter((e) => !e.parentElement || e.parentElement.getBoundingClientRect().right <= width + 0.5)
  .slice(0, 10)
  .map((e) => `${e.tagName.toLowerCase()}${e.id ? "#" + e.id : ""}.${[...e.classList].join(".")}`
    + ` (${Math.round(e.getBoundingClientRect().right)}px)`)"""


def describe(violations) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}")
        for node in v["nodes"]:
            lines.append(f"    {node['target']}: {node['html'][:200]}")
            lines.append("      " + node["why"].replace("\n", "\n      "))
    return "\n".join(lines)


def assert_no_axe_violations(page, what: str, axe_source: str) -> None:
    """`page` must come from a context made with bypass_csp=True."""
    page.add_script_tag(content=axe_source)
    violations = page.evaluate(RUN_AXE, WCAG_TAGS)
    assert not violations, f"axe on the {what} ({page.url}):\n{describe(violations)}"


def phone_context(new_context, **options):
    return new_context(
        viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True, **options
    )


def assert_fits_the_phone(page, what: str) -> None:
    """`page` must come from phone_context."""
    assert page.viewport_size == PHONE
    width, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width <= PHONE["width"] and width <= inner, (
        f"the {what} ({page.url}) is {width}px wide on a {PHONE['width']}px phone: "
        f"{page.evaluate(WIDER_THAN_THE_SCREEN, PHONE['width'])}"
    )


@dataclass(frozen=True)
class Visit:
    """One page as a test opens it."""

    url: str
    storage_state: dict | None = None  # who is signed in (Playwright's storage state)
    then: Callable | None = None  # what they do there first, given the page
    shows: str | None = None  # text the main content must then contain
    status: int = 200  # what the first request answers


def open_visit(new_context, visit: Visit, *, name: str, **context_options):
    """A new page in a new context, at the visit's address, with its checks made."""
    page = new_context(storage_state=visit.storage_state, **context_options).new_page()
    response = page.goto(visit.url)
    assert response.status == visit.status, f"{name}: {visit.url} answered {response.status}"
    assert page.url == visit.url, f"{name}: {visit.url} went to {page.url}"
    if visit.then:
        visit.then(page)
    if visit.shows:
        expect(page.locator("main")).to_contain_text(visit.shows)
    return page
