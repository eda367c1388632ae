"""The Wagtail admin works under its content security policy: the page editor's
inline set-up scripts and styles run, nothing is refused, the preview loads."""

import pytest
from playwright.sync_api import expect

from .conftest import report_page_problems, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

# The NHS.UK frontend stylesheet (used by the page preview) loads its Frutiger web
# font from assets.nhs.uk, which the CSP allows. This machine has no network, so
# those requests fail here; nothing else may.

# Runs in every frame before the page's own scripts (playwright injects it, so the
# CSP does not apply to it): report every refusal, whether or not it reaches the console.
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (e) => {
  window.reportCspViolation(`${e.effectiveDirective} refused ${e.blockedURI || "inline"}`
    + ` at ${e.sourceFile || document.location.href}:${e.lineNumber}`);
});
"""


@pytest.fixture(scope="module")
def national_editor(people, django_db_blocker):
    """A national-team member (Wagtail editor). Committed for the server to see;
    `people` deletes every user made while the package runs."""
    from django.db import connection

    from learning.accounts.enums import Role
    from learning.accounts.tests.factories import UserFactory

    with django_db_blocker.unblock():
        connection.set_schema_to_public()
        return UserFactory(
            full_name="Nia Hughes", email="nia.hughes@example.org", role=Role.NATIONAL
        )


@pytest.fixture
def home_page_id():
    from learning.home.models import HomePage

    return HomePage.objects.get().pk


def watch_for_problems(context) -> list[str]:
    """CSP refusals, console errors, script errors and failed requests, in any page or frame."""
    problems = []
    context.expose_binding(
        "reportCspViolation", lambda source, text: problems.append(f"csp: {text}")
    )
    context.add_init_script(REPORT_VIOLATIONS)

    def on_page(page):
        report_page_problems(page, problems)

    context.on("page", on_page)
    return problems


def test_the_page_editor_works_under_the_admin_policy(
    server, national_editor, home_page_id, new_context, screenshots_dir
):
    context = new_context()
    problems = watch_for_problems(context)
    page = context.new_page()
    sign_in(page, server.hub, national_editor.email)
    expect(page.get_by_role("navigation", name="Account")).to_contain_text("Nia Hughes")

    response = page.goto(f"{server.hub}/admin/pages/{home_page_id}/edit/")
    assert response.ok
    assert "'unsafe-inline'" in response.headers["content-security-policy"]

    # The editor is usable: the title can be edited, the rich text editor started.
    title = page.locator("#id_title")
    expect(title).to_be_visible()
    expect(title).to_have_value("Link Worker Learning Network")
    title.fill("Link Worker Learning Network (draft)")
    expect(title).to_have_value("Link Worker Learning Network (draft)")
    expect(page.locator("[data-draftail-input]").first).to_be_attached()
    expect(page.locator(".Draftail-Editor").first).to_be_visible()

    # The go-live date picker is set up by an inline script (initDateTimeChooser):
    # open the publishing schedule and its calendar appears.
    page.get_by_role("button", name="Status").click()
    page.get_by_role("button", name="Set schedule").click()
    go_live = page.get_by_label("Go live date/time")
    expect(go_live).to_be_visible()
    go_live.click()
    expect(page.locator(".xdsoft_datetimepicker:visible")).to_have_count(1)
    page.keyboard.press("Escape")

    # The preview panel frames a same-origin admin URL. Every other response says
    # X-Frame-Options DENY (Django's default, production's setting); Wagtail's
    # preview views override it to SAMEORIGIN, and frame-ancestors is 'self'.
    assert response.headers["x-frame-options"] == "DENY"
    with page.expect_response(
        lambda r: "/edit/preview/" in r.url and r.request.method == "GET"
    ) as framed:
        page.get_by_role("button", name="Toggle preview").click()
    assert framed.value.headers["x-frame-options"] == "SAMEORIGIN"
    preview = page.frame_locator("iframe#w-preview-iframe")
    expect(preview.get_by_role("banner")).to_be_visible()
    expect(preview.get_by_role("heading", level=1)).to_have_text(
        "Link Worker Learning Network (draft)"
    )

    page.screenshot(path=screenshots_dir / "admin-page-editor.png", full_page=True)
    assert problems == [], "\n".join(problems)
