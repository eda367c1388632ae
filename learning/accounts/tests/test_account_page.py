"""The account page ("your account" in the header): details, where to change things,
and signing out."""

import re

import pytest
from django.conf import settings

from learning.accounts.enums import Role
from learning.accounts.tests.factories import UserFactory
from learning.regions.selectors import region_url

pytestmark = pytest.mark.django_db


def page_of(client) -> str:
    response = client.get("/account/")
    assert response.status_code == 200
    return response.content.decode()


def test_signed_out_visitors_are_asked_to_sign_in(client_for):
    response = client_for(None).get("/account/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/account/")


def test_the_header_opens_the_account_page(north_west, client_for):
    worker = UserFactory(region=north_west)
    home = client_for(None, worker).get("/").content.decode()
    account = client_for(None, worker).get("/account/")
    assert re.search(r'<a class="nhsuk-header__account-link" href="/account/">', home)
    assert account.status_code == 200


def test_a_link_worker_sees_their_details_and_where_to_change_things(north_west, client_for):
    worker = UserFactory(full_name="Priya Shah", region=north_west)
    html = page_of(client_for(None, worker))

    for text in ("Priya Shah", worker.email, "Link worker", "North West", worker.pcn.name):
        assert text in html
    assert f'href="{region_url("north-west")}/community/notifications/settings/"' in html
    assert 'href="/webinars/mine/"' in html
    assert f'href="{settings.HUB_URL}/accounts/password/change/"' in html
    assert f'href="{settings.HUB_URL}/accounts/2fa/"' in html
    # Signing out is a form that posts (a link would sign out on a prefetch).
    assert re.search(r'<form method="post" action="/accounts/logout/"', html)


def test_a_ccg_lead_sees_their_ccg(north_west, client_for):
    lead = UserFactory(role=Role.CCG_LEAD, region=north_west)
    html = page_of(client_for(None, lead))
    assert lead.ccg.name in html
    assert "North West" in html


def test_a_coordinator_sees_the_regions_they_coordinate(north_west, london, client_for):
    coordinator = UserFactory(role=Role.COORDINATOR, region=north_west)
    coordinator.coordinated_regions.add(london)
    html = page_of(client_for(None, coordinator))
    assert "Regions you coordinate" in html
    assert "London, North West" in html
    assert f"{region_url('london')}/community/notifications/settings/" in html
    assert f"{region_url('north-west')}/community/notifications/settings/" in html


def test_the_national_team_sees_every_region(regions, client_for, north_west):
    national = UserFactory(role=Role.NATIONAL)
    assert "Every region (national team)" in page_of(client_for(None, national))
    # On a region's host, that region's notification settings are offered.
    html = page_of(client_for(north_west, national))
    assert f"{region_url('north-west')}/community/notifications/settings/" in html


def test_the_page_works_on_a_region_host(north_west, client_for):
    worker = UserFactory(region=north_west)
    assert worker.pcn.name in page_of(client_for(north_west, worker))


def test_signing_out_from_the_account_page_signs_out(north_west, client_for):
    worker = UserFactory(region=north_west)
    client = client_for(None, worker)
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert client.get("/account/").status_code == 302


def test_the_page_runs_a_bounded_number_of_queries(
    north_west, client_for, django_assert_max_num_queries
):
    coordinator = UserFactory(role=Role.COORDINATOR, region=north_west)
    client = client_for(None, coordinator)
    client.get("/account/")
    with django_assert_max_num_queries(15):
        client.get("/account/")
