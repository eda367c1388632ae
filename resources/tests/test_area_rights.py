"""A CCG lead's rights stop at the resources inside their CCG's area: the area page
itself (its place in the tree, its title, whether it is live) is the national team's."""

import pytest
from wagtail.models import Page

from learning.accounts.enums import Role
from learning.accounts.tests.factories import CCGFactory, UserFactory
from learning.home.services import editorial_workflow_ensure
from resources.models import AreaResourcesPage, RegionResourcesPage, ResourcePage
from resources.services import area_ensure

from .factories import make_resource
from .test_publishing import add_url, resource_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def lead(north_west):
    return UserFactory(role=Role.CCG_LEAD, region=north_west)


@pytest.fixture
def area(lead):
    return AreaResourcesPage.objects.get(ccg=lead.ccg)


AREA_ACTIONS = ("edit", "move", "copy", "unpublish", "delete", "lock")


@pytest.mark.parametrize("with_resources", [True, False])
def test_a_lead_cannot_move_copy_unpublish_delete_or_edit_their_area(lead, area, with_resources):
    if with_resources:
        make_resource(lead.ccg)
    tester = Page.objects.get(pk=area.pk).permissions_for_user(lead)  # as the explorer asks

    assert not tester.can_edit()
    assert not tester.can_move()
    assert not tester.can_copy()
    assert not tester.can_unpublish()
    assert not tester.can_delete()
    assert not tester.can_publish()
    assert not tester.can_lock()
    assert not tester.can_set_view_restrictions()
    library = RegionResourcesPage.objects.get(region=lead.ccg.region)
    assert not tester.can_move_to(library)
    assert not tester.can_copy_to(library)
    # ...while what is inside stays theirs.
    assert tester.can_add_subpage()
    assert tester.can_publish_subpage()
    assert tester.can_reorder_children()


def test_the_area_actions_are_refused_over_http_and_change_nothing(lead, area, client_for):
    resource = make_resource(lead.ccg)
    library = area.get_parent()
    client = client_for(None, lead)
    before = Page.objects.count()

    for action, data in [
        ("move", None),
        (f"move/{library.pk}/confirm", {}),
        ("copy", {"new_title": "Copy", "new_slug": "copy", "new_parent_page": library.pk}),
        ("unpublish", {"include_descendants": "on"}),
        ("delete", {}),
        ("edit", {"title": "Renamed by a lead", "slug": "renamed"}),
    ]:
        url = f"/admin/pages/{area.pk}/{action}/"
        response = client.get(url) if data is None else client.post(url, data)
        assert response.status_code in (302, 403), (action, response.status_code)
        if response.status_code == 302:
            followed = client.get(response["Location"])
            assert "do not have permission" in followed.content.decode(), action

    area.refresh_from_db()
    resource.refresh_from_db()
    assert area.live and area.title == lead.ccg.name
    assert area.get_parent().pk == library.pk
    assert resource.live
    assert Page.objects.count() == before


def test_the_area_shows_the_lead_no_buttons_for_it_but_lets_them_add(lead, area, client_for):
    resource = make_resource(lead.ccg)

    html = client_for(None, lead).get(f"/admin/pages/{area.pk}/").content.decode()

    for action in AREA_ACTIONS:
        assert f"/admin/pages/{area.pk}/{action}/" not in html, action
    assert f"/admin/pages/{area.pk}/add_subpage/" in html
    # Their own resource keeps its actions.
    assert f"/admin/pages/{resource.pk}/edit/" in html


def test_a_lead_still_adds_edits_and_publishes_resources_inside(lead, area, client_for):
    client = client_for(None, lead)

    added = client.post(add_url(area), resource_form())
    assert added.status_code == 302, added.context["form"].errors
    resource = ResourcePage.objects.get(slug="moss-side-community-allotment")
    assert resource.live

    edited = client.post(
        f"/admin/pages/{resource.pk}/edit/",
        resource_form(title="Moss Side Allotment", slug=resource.slug),
    )
    assert edited.status_code == 302
    resource.refresh_from_db()
    assert resource.title == "Moss Side Allotment" and resource.live
    assert not resource.has_unpublished_changes


def test_the_national_team_may_still_edit_an_area(north_west, area):
    editorial_workflow_ensure(Page.objects.get(depth=2))
    national = UserFactory(role=Role.NATIONAL)

    assert area.permissions_for_user(national).can_edit()
    neighbour = area_ensure(CCGFactory(region=north_west))
    assert neighbour.permissions_for_user(national).can_edit()
