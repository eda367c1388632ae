"""Signing in through the real form, and reaching a region's community (or not)."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import fill_sign_in_form

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


def test_a_link_worker_signs_in_on_the_hub_then_opens_their_regions_community(server, people, page):
    worker = people.north_west_link_worker
    account = page.get_by_role("navigation", name="Account")

    page.goto(server.hub + "/")
    account.get_by_role("link", name="Sign in").click()
    expect(page).to_have_url(server.hub + "/accounts/login/")
    fill_sign_in_form(page, worker.email)

    expect(page).to_have_url(server.hub + "/")
    expect(account).to_contain_text(worker.full_name)
    expect(account.get_by_role("button", name="Sign out")).to_be_visible()

    # The hub lists the regions; theirs is on its own host.
    page.get_by_role("link", name="North West", exact=True).click()
    expect(page).to_have_url(server.region("north-west") + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("North West")

    # Signed in once: the region's host asked the hub, which handed them on, so here
    # they are signed in too, without typing their password again.
    expect(account).to_contain_text(worker.full_name)
    page.get_by_role("main").get_by_role("link", name="Go to the North West community").click()

    expect(page).to_have_url(server.region("north-west") + "/community/")
    expect(page.get_by_role("heading", level=1)).to_have_text("North West community")
    menu = page.get_by_role("navigation", name="Menu")
    expect(menu.get_by_role("link", name="Community")).to_have_attribute("aria-current", "page")


def test_a_london_link_worker_is_told_why_they_cannot_open_the_north_west_community(
    server, people, page
):
    worker = people.london_link_worker
    community = server.region("north-west") + "/community/"

    page.goto(community)
    # Signed out: the community sends them to sign in first (on the hub), and back after.
    expect(page).to_have_url(re.compile(rf"^{re.escape(server.hub)}/accounts/login/\?next="))
    with page.expect_response(lambda r: r.url == community and r.request.method == "GET") as answer:
        fill_sign_in_form(page, worker.email)

    assert answer.value.status == 403
    expect(page).to_have_url(community)
    expect(page).to_have_title(re.compile(r"^You cannot open this region's community"))
    main = page.get_by_role("main")
    expect(main.get_by_role("heading", level=1)).to_have_text(
        "You cannot open the North West community"
    )
    expect(main).to_contain_text(
        "Each region's forums and cohorts are open only to people who work in that region"
    )
    expect(main).to_contain_text("Your region is London.")
    expect(main.get_by_role("link", name="Back to the national hub")).to_have_attribute(
        "href", server.hub + "/"
    )
    # Signed in all the same: it is the region that is closed to them, not the site.
    expect(page.get_by_role("navigation", name="Account")).to_contain_text(worker.full_name)
