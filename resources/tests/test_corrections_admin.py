"""The admin's list of corrections: a CCG lead sees those to their own CCG's
resources and no other; the national team sees every one; nobody edits them."""

import pytest
from bs4 import BeautifulSoup

from learning.accounts.enums import Role
from learning.accounts.tests.factories import CCGFactory, UserFactory
from resources.models import Correction

from .factories import make_resource

pytestmark = pytest.mark.django_db

INDEX = "/admin/resource-corrections/"


@pytest.fixture
def corrections(north_west, london):
    lead = UserFactory(role=Role.CCG_LEAD, region=north_west)
    reader = UserFactory(region=north_west, full_name="Priya Shah", email="priya@nhs.net")
    own = make_resource(lead.ccg, title="Moss Side Lunch Club")
    neighbour = make_resource(CCGFactory(region=north_west), title="Bolton Walking Group")
    elsewhere = make_resource(CCGFactory(region=london), title="Camden Choir")
    made = {
        "own": Correction.objects.create(
            resource=own, author=reader, text="The phone number changed to 0161 496 0999."
        ),
        "neighbour": Correction.objects.create(
            resource=neighbour, author=reader, text="It now meets on Thursdays."
        ),
        "elsewhere": Correction.objects.create(
            resource=elsewhere, author=reader, text="The choir has moved hall."
        ),
    }
    return lead, made


def listed(client) -> str:
    response = client.get(INDEX)
    assert response.status_code == 200
    return " ".join(BeautifulSoup(response.content, "html.parser").main.get_text(" ").split())


def test_a_lead_sees_only_their_own_ccgs_corrections(corrections, client_for):
    lead, made = corrections
    client = client_for(None, lead)

    text = listed(client)

    assert "The phone number changed to 0161 496 0999." in text
    assert "Moss Side Lunch Club" in text and "Priya Shah <priya@nhs.net>" in text
    assert "Thursdays" not in text and "Camden Choir" not in text
    own = client.get(f"{INDEX}inspect/{made['own'].pk}/")
    assert own.status_code == 200 and "0161 496 0999" in own.content.decode()
    for other in ("neighbour", "elsewhere"):
        assert client.get(f"{INDEX}inspect/{made[other].pk}/").status_code == 404


def test_the_national_team_sees_every_correction(corrections, client_for):
    text = listed(client_for(None, UserFactory(role=Role.NATIONAL)))

    assert "0161 496 0999" in text and "Thursdays" in text and "moved hall" in text


def test_corrections_cannot_be_added_changed_or_deleted_in_the_admin(corrections, client_for):
    lead, made = corrections
    pk = made["own"].pk
    for who in (lead, UserFactory(role=Role.NATIONAL)):
        client = client_for(None, who)
        html = client.get(INDEX).content.decode()
        assert f"{INDEX}edit/{pk}/" not in html and f"{INDEX}new/" not in html
        for url in (f"{INDEX}new/", f"{INDEX}edit/{pk}/", f"{INDEX}delete/{pk}/"):
            response = client.post(url, {"text": "Rewritten"})
            assert response.status_code in (302, 403), url
    made["own"].refresh_from_db()
    assert made["own"].text == "The phone number changed to 0161 496 0999."


def test_the_menu_shows_the_list_to_leads_but_not_to_coordinators(
    corrections, north_west, client_for
):
    lead, _ = corrections
    assert INDEX in client_for(None, lead).get("/admin/").content.decode()
    coordinator = UserFactory(role=Role.COORDINATOR, region=north_west, is_staff=True)
    client = client_for(None, coordinator)
    assert client.get(INDEX).status_code in (302, 403)
