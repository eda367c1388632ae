"""Sign in once, across hosts, in a real browser: people sign in on the hub and are
signed in on every region host they open (learning.accounts.hub_sign_in); signing out
anywhere signs them out everywhere; a regional event's email link lands on its region's
host signed in; a newcomer who sets their password lands on their region's home signed
in. And the account page passes axe and fits a phone.

Chromium resolves *.localhost to loopback, so the hub (localhost) and the regions
(north-west.localhost, london.localhost) are separate hosts with separate cookies, as
in production."""

import re
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from .checks import Visit
from .conftest import fill_sign_in_form, made_for_the_module, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


@dataclass(frozen=True)
class Made:
    event: int  # a North West learning event the link worker has a place on
    event_email_link: str  # the event's page, as the confirmation email links it
    invitation_path: str  # a newcomer's welcome link (path only: the server's port differs)
    newcomer_email: str


def _make(people) -> Made:
    from learning.accounts.services import invitation_link
    from learning.accounts.tests.factories import UserFactory
    from learning.mail.models import OutboxMessage
    from learning.regions.models import Region
    from webinars.services import registration_create
    from webinars.tests.factories import SessionFactory

    north_west = Region.objects.get(slug="north-west")
    worker = people.north_west_link_worker
    soon = (timezone.now() + timedelta(days=5)).replace(minute=0, second=0, microsecond=0)
    event = SessionFactory(
        title="North West peer learning: welcome", region=north_west, starts_at=soon
    )
    registration_create(user=worker, session_id=event.pk)
    email = OutboxMessage.objects.filter(to=worker.email, key__startswith="webinar:").latest("pk")
    [link] = re.findall(rf"https?://[^\s]+/webinars/{event.pk}/(?=\s)", email.body_text)
    newcomer = UserFactory(full_name="Sam Newcomer", email="sam.newcomer@example.org")
    newcomer.set_unusable_password()
    newcomer.save()
    return Made(
        event=event.pk,
        event_email_link=link,
        invitation_path=urlsplit(invitation_link(newcomer)).path,
        newcomer_email=newcomer.email,
    )


@pytest.fixture(scope="module")
def made(people, django_db_blocker):
    from webinars.models import Series, Session

    with made_for_the_module(django_db_blocker, [Session, Series], lambda: _make(people)) as made:
        yield made


def _on(server, slug: str, path: str) -> str:
    return server.region(slug) + path


def test_signed_in_on_the_hub_a_person_is_signed_in_on_every_region_host(server, people, page):
    worker = people.north_west_link_worker
    account = page.get_by_role("navigation", name="Account")
    sign_in(page, server.hub, worker.email)
    expect(account).to_contain_text(worker.full_name)

    # Typed in, or followed from anywhere: each region host knows them at once.
    for slug in ("north-west", "london"):
        page.goto(_on(server, slug, "/"))
        expect(page).to_have_url(_on(server, slug, "/"))
        expect(account).to_contain_text(worker.full_name)
    # Region checks are as before: their own community opens, London's does not.
    page.goto(_on(server, "north-west", "/community/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("North West community")
    response = page.goto(_on(server, "london", "/community/"))
    assert response.status == 403


def test_signing_in_from_a_region_goes_through_the_hub_and_comes_back(server, people, page):
    worker = people.north_west_link_worker
    page.goto(_on(server, "north-west", "/community/"))
    # Signed out everywhere: the hub's sign-in page, then straight back.
    expect(page).to_have_url(re.compile(rf"^{re.escape(server.hub)}/accounts/login/\?next="))
    fill_sign_in_form(page, worker.email)
    expect(page).to_have_url(_on(server, "north-west", "/community/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("North West community")
    # And the hub is signed in too.
    page.goto(server.hub + "/")
    expect(page.get_by_role("navigation", name="Account")).to_contain_text(worker.full_name)


def test_signing_out_on_a_region_signs_out_of_the_hub_and_every_region(server, people, page):
    worker = people.north_west_link_worker
    account = page.get_by_role("navigation", name="Account")
    sign_in(page, server.hub, worker.email)
    for slug in ("north-west", "london"):
        page.goto(_on(server, slug, "/"))
        expect(account).to_contain_text(worker.full_name)

    page.goto(_on(server, "london", "/"))
    with page.expect_navigation():
        account.get_by_role("button", name="Sign out").click()

    for url in (server.hub + "/", _on(server, "north-west", "/"), _on(server, "london", "/")):
        page.goto(url)
        expect(account).not_to_contain_text(worker.full_name)
        expect(account.get_by_role("link", name="Sign in")).to_be_visible()


def test_a_regional_events_email_link_opens_on_its_region_signed_in(server, people, made, page):
    worker = people.north_west_link_worker
    # The email links the region's host (this process's HUB_URL names another port).
    link = urlsplit(made.event_email_link)
    assert link.hostname == "north-west.localhost"
    sign_in(page, server.hub, worker.email)

    page.goto(_on(server, "north-west", link.path))

    expect(page).to_have_url(_on(server, "north-west", f"/webinars/{made.event}/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("North West peer learning: welcome")
    expect(page.get_by_role("navigation", name="Account")).to_contain_text(worker.full_name)


def test_after_setting_a_password_a_newcomer_lands_signed_in_on_their_regions_home(
    server, made, page
):
    page.goto(server.hub + made.invitation_path)
    page.get_by_label("New password", exact=True).fill("a-long-memorable-passphrase")
    page.get_by_label(re.compile("again|Confirm", re.I)).fill("a-long-memorable-passphrase")
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile("password", re.I)).click()

    expect(page).to_have_url(_on(server, "north-west", "/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("North West")
    expect(page.get_by_role("navigation", name="Account")).to_contain_text("Sam Newcomer")
    page.goto(server.hub + "/")
    expect(page.get_by_role("navigation", name="Account")).to_contain_text("Sam Newcomer")


def test_the_header_opens_the_account_page(server, people, page):
    worker = people.north_west_link_worker
    sign_in(page, server.region("north-west"), worker.email, next_path="/")
    page.get_by_role("navigation", name="Account").get_by_role(
        "link", name=re.compile("your account")
    ).click()
    expect(page).to_have_url(_on(server, "north-west", "/account/"))
    main = page.get_by_role("main")
    expect(main.get_by_role("heading", level=1)).to_have_text("Your account")
    for text in (worker.full_name, worker.email, "North West", people.north_west_pcn.name):
        expect(main).to_contain_text(text)
    with page.expect_navigation():
        main.get_by_role("button", name="Sign out").click()
    page.goto(server.hub + "/account/")
    expect(page).to_have_url(re.compile(rf"^{re.escape(server.hub)}/accounts/login/"))


@pytest.fixture(scope="module")
def account_states(browser, server, people):
    from .conftest import signed_in_states

    return signed_in_states(
        browser,
        server.region("north-west"),
        people,
        ("north_west_link_worker", "north_west_coordinator"),
        "/account/",
    )


ACCOUNT_PAGES = {
    "account page, link worker": "north_west_link_worker",
    "account page, coordinator": "north_west_coordinator",
}


@pytest.mark.parametrize("name", ACCOUNT_PAGES)
def test_the_account_page_has_no_wcag_violations_axe_can_find(
    name, server, account_states, check_axe
):
    visit = Visit(
        _on(server, "north-west", "/account/"),
        storage_state=account_states[ACCOUNT_PAGES[name]],
        shows="Your account",
    )
    check_axe(visit, name=name, screenshot=name.replace(", ", "-").replace(" ", "-"))


@pytest.mark.parametrize("name", ACCOUNT_PAGES)
def test_the_account_page_fits_a_phone(name, server, account_states, check_phone):
    visit = Visit(
        _on(server, "north-west", "/account/"),
        storage_state=account_states[ACCOUNT_PAGES[name]],
        shows="Your account",
    )
    check_phone(visit, name=name, screenshot=name.replace(", ", "-").replace(" ", "-"))
