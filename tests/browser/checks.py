"""Checks every browser page test makes: axe-core finds no WCAG 2.2 AA violations, and
nothing scrolls sideways on a phone. One place, so every page is judged alike.

axe-core is vendored (tests/browser/vendor/, see its README) so this works offline.
The site's Content-Security-Policy (script-src 'self') would block the injected
script, so axe contexts bypass CSP; the site's own scripts still run."""

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
