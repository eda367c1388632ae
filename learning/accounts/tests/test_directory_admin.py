"""The national team edits the organisation directory in the Wagtail admin; no one else can."""

import pytest

from learning.accounts.enums import Role
from learning.accounts.models import CCG
from learning.accounts.tests.factories import CCGFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_the_national_team_adds_a_ccg_in_the_admin(north_west, client_for):
    national = UserFactory(role=Role.NATIONAL)
    response = client_for(None, national).post(
        "/admin/snippets/accounts/ccg/add/",
        {"name": "NHS Wirral CCG", "code": "WIR01", "region": north_west.pk},
    )
    assert response.status_code == 302
    assert CCG.objects.get(code="WIR01").region == north_west


def test_the_hub_is_not_offered_as_a_region(client_for):
    from learning.regions.models import Region

    national = UserFactory(role=Role.NATIONAL)
    hub = Region.objects.get(schema_name="public")
    response = client_for(None, national).post(
        "/admin/snippets/accounts/ccg/add/", {"name": "Nowhere CCG", "code": "X1", "region": hub.pk}
    )
    assert response.status_code == 200  # the form comes back with an error
    assert not CCG.objects.filter(code="X1").exists()


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.CCG_LEAD, Role.LINK_WORKER])
def test_others_cannot_edit_the_directory(north_west, client_for, role):
    person = UserFactory(role=role, region=north_west)
    ccg = CCGFactory(region=north_west)
    client = client_for(None, person)
    response = client.post(
        f"/admin/snippets/accounts/ccg/edit/{ccg.pk}/",
        {"name": "Renamed", "code": ccg.code, "region": north_west.pk},
    )
    assert response.status_code in (302, 403)
    ccg.refresh_from_db()
    assert ccg.name != "Renamed"
