"""Asking to join, and a coordinator approving it, with JavaScript switched off."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

JOINER = "Sam Rivers"
JOINER_EMAIL = "sam.rivers@example.org"


def test_a_visitor_asks_to_join_without_javascript_and_a_coordinator_approves(
    server, people, new_context
):
    from learning.accounts.enums import JoinRequestStatus
    from learning.accounts.models import JoinRequest, User

    pcn = people.north_west_pcn
    page = new_context(java_script_enabled=False).new_page()
    page.goto(server.hub + "/")
    page.get_by_role("navigation", name="Account").get_by_role("link", name="Ask to join").click()
    expect(page).to_have_url(server.hub + "/join/")

    # First try: a mistyped email, and no PCN or reason.
    page.get_by_label("Full name").fill(JOINER)
    page.get_by_label("Work email address").fill("sam.rivers.example.org")
    page.get_by_label("Link worker", exact=True).check()
    page.get_by_label("Region you work in").select_option(label="North West")
    with page.expect_navigation() as sent:
        page.get_by_role("button", name="Send request").click()

    assert sent.value.status == 400
    expect(page).to_have_title(re.compile(r"^Error: "))
    summary = page.get_by_role("alert")
    expect(summary.get_by_role("heading")).to_have_text("There is a problem")
    email_error = summary.get_by_role(
        "link", name="Enter an email address in the right format, like name@nhs.net."
    )
    expect(email_error).to_have_attribute("href", "#id_email")
    expect(summary.get_by_role("link", name="Say why you want to join.")).to_have_attribute(
        "href", "#id_reason"
    )
    expect(
        summary.get_by_role("link", name="Choose the primary care network that employs you.")
    ).to_have_attribute("href", "#id_pcn")
    # What they typed is kept.
    expect(page.get_by_label("Full name")).to_have_value(JOINER)
    expect(page.get_by_label("Link worker", exact=True)).to_be_checked()

    # The summary's link takes them to the field, which says what is wrong.
    email_error.click()
    expect(page).to_have_url(server.hub + "/join/#id_email")
    assert page.evaluate("document.querySelector(':target').id") == "id_email"
    email = page.get_by_label("Work email address")
    expect(email).to_be_in_viewport()
    expect(email).to_have_accessible_description(
        re.compile(r"Error:\s+Enter an email address in the right format")
    )

    # Fixed and sent.
    email.fill(JOINER_EMAIL)
    page.get_by_label("Primary care network").select_option(label=f"{pcn.name} ({pcn.ccg.name})")
    page.get_by_label("Why do you want to join?").fill("New link worker starting next month.")
    page.get_by_role("button", name="Send request").click()

    # The form posts to /join/ from /join/#id_email; the redirect keeps that fragment.
    expect(page).to_have_url(re.compile(re.escape(server.hub + "/join/sent/") + r"(#id_email)?$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Your request has been sent")
    assert JoinRequest.objects.get(email=JOINER_EMAIL).status == JoinRequestStatus.PENDING

    # The region's coordinator decides it, also without JavaScript.
    coordinator = people.north_west_coordinator
    page = new_context(java_script_enabled=False).new_page()
    sign_in(page, server.hub, coordinator.email)
    expect(page.get_by_role("navigation", name="Account")).to_contain_text(coordinator.full_name)
    # A coordinator's tools are one "Manage" item away in the menu.
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Manage").click()
    page.get_by_role("main").get_by_role("link", name="Join requests").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Join requests")
    row = page.get_by_role("row").filter(has_text=JOINER_EMAIL)
    expect(row).to_contain_text("Link worker")
    expect(row).to_contain_text(pcn.name)
    expect(row).to_contain_text("North West")
    row.get_by_role("link", name=JOINER).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(JOINER)
    page.get_by_role("button", name="Approve request").click()

    expect(page).to_have_url(server.hub + "/join-requests/")
    banner = page.get_by_role("alert")
    expect(banner).to_contain_text("Success")
    expect(banner).to_contain_text(f"Approved. {JOINER} has been emailed a link to set a password.")
    expect(page.get_by_role("main")).not_to_contain_text(JOINER_EMAIL)  # no longer waiting

    page.get_by_role("link", name="Approved", exact=True).click()
    expect(page.get_by_role("row").filter(has_text=JOINER_EMAIL)).to_have_count(1)

    join_request = JoinRequest.objects.get(email=JOINER_EMAIL)
    assert join_request.status == JoinRequestStatus.APPROVED
    assert join_request.decided_by_id == coordinator.pk
    assert User.objects.get(email=JOINER_EMAIL).pcn_id == pcn.pk


def test_with_javascript_the_lists_show_only_the_chosen_regions_pcns_and_ccgs(
    server, people, new_context
):
    pcn = people.north_west_pcn
    page = new_context().new_page()
    page.goto(server.hub + "/join/")
    pcns, ccgs = page.get_by_label("Primary care network"), page.get_by_label("CCG (if")
    # Nothing chosen yet: every region's group is there.
    assert pcns.locator("optgroup:not([hidden])").count() > 1

    page.get_by_label("Region you work in").select_option(label="North West")

    for select in (pcns, ccgs):
        shown = select.locator("optgroup:not([hidden])")
        expect(shown).to_have_count(1)
        expect(shown).to_have_attribute("label", "North West")
    pcns.select_option(label=f"{pcn.name} ({pcn.ccg.name})")
    # Changing the region clears a PCN that is not in it.
    page.get_by_label("Region you work in").select_option(label="London")
    expect(pcns).to_have_value("")
