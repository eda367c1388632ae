"""CCG leads publish in the Wagtail admin, only under their own CCG's area of their own
region's library: Wagtail page permissions decide, and bad input is a form error."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from learning.accounts.enums import Role
from learning.accounts.tests.factories import CCGFactory, UserFactory
from resources.models import AreaResourcesPage, RegionResourcesPage, ResourcePage
from resources.services import area_ensure
from resources.validators import PHONE_MESSAGE

from .factories import make_resource

pytestmark = pytest.mark.django_db


@pytest.fixture
def lead(north_west):
    return UserFactory(role=Role.CCG_LEAD, region=north_west)


def resource_form(**changes) -> dict:
    today = timezone.localdate()
    data = {
        "title": "Moss Side Community Allotment",
        "slug": "moss-side-community-allotment",
        "kind": "service",
        "summary": "Grow food with neighbours; tools and seeds provided.",
        "needs": ["loneliness", "physical_activity"],
        "description": rich_text("<p>Open to everyone. No experience needed.</p>"),
        "who_for": "Adults living in Moss Side and Hulme",
        "how_to_refer": "Email the organiser with the person's first name and a number.",
        "self_referral": "on",
        "phone": "0161 496 0123",
        "email": "allotment@example.org",
        "website": "https://allotment.example.org/",
        "address": "Moss Lane East, Manchester",
        "opening_times": "Wednesdays and Saturdays, 10am to 2pm",
        "document": "",
        "last_reviewed": today.isoformat(),
        "next_review_due": (today + timedelta(days=365)).isoformat(),
        "comments": inline_formset([]),
        "action-publish": "action-publish",
    }
    data.update(changes)
    needs = data.pop("needs")
    # nested_form_data would flatten a list into needs-0, needs-1: checkboxes send one
    # "needs" value each.
    return {**nested_form_data(data), "needs": needs}


def add_url(parent) -> str:
    return f"/admin/pages/add/resources/resourcepage/{parent.pk}/"


def test_a_lead_publishes_a_resource_for_their_ccg(lead, client_for):
    area = AreaResourcesPage.objects.get(ccg=lead.ccg)

    response = client_for(None, lead).post(add_url(area), resource_form())

    assert response.status_code == 302, response.context["form"].errors
    resource = ResourcePage.objects.get(slug="moss-side-community-allotment")
    assert resource.live, "a lead publishes their own resources without national review"
    assert resource.ccg == lead.ccg and resource.region == lead.ccg.region
    assert resource.needs == ["loneliness", "physical_activity"]


def test_a_lead_may_edit_and_publish_only_under_their_own_area(lead, north_west, london):
    own = AreaResourcesPage.objects.get(ccg=lead.ccg)
    neighbour = area_ensure(CCGFactory(region=north_west))
    elsewhere = area_ensure(CCGFactory(region=london))

    assert own.permissions_for_user(lead).can_add_subpage()
    assert own.permissions_for_user(lead).can_publish_subpage()
    for area in (
        neighbour,
        elsewhere,
        own.get_parent(),
        RegionResourcesPage.objects.get(region=london),
    ):
        tester = area.permissions_for_user(lead)
        assert not tester.can_add_subpage(), area
        assert not tester.can_edit(), area
    other_resource = make_resource(neighbour.ccg)
    assert not other_resource.permissions_for_user(lead).can_edit()
    assert not other_resource.permissions_for_user(lead).can_publish()


@pytest.mark.parametrize("where", ["neighbouring CCG", "another region", "the region library"])
def test_a_forged_parent_is_refused_and_creates_nothing(
    lead, north_west, london, client_for, where
):
    parent = {
        "neighbouring CCG": lambda: area_ensure(CCGFactory(region=north_west)),
        "another region": lambda: area_ensure(CCGFactory(region=london)),
        "the region library": lambda: RegionResourcesPage.objects.get(region=north_west),
    }[where]()
    client = client_for(None, lead)

    response = client.post(add_url(parent), resource_form(), follow=True)

    assert not ResourcePage.objects.filter(slug="moss-side-community-allotment").exists()
    assert "do not have permission" in response.content.decode()


def test_a_lead_cannot_change_another_ccgs_resource(lead, north_west, client_for):
    other = make_resource(CCGFactory(region=north_west), title="Blackpool Walking Group")

    response = client_for(None, lead).post(
        f"/admin/pages/{other.pk}/edit/",
        resource_form(title="Defaced", slug=other.slug),
        follow=True,
    )

    assert "do not have permission" in response.content.decode()
    other.refresh_from_db()
    assert other.title == "Blackpool Walking Group"
    assert not other.has_unpublished_changes


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"next_review_due": ""}, "next_review_due", "This field is required."),
        ({"last_reviewed": ""}, "last_reviewed", "This field is required."),
        ({"website": "javascript:alert(1)"}, "website", "Enter a full web address starting"),
        ({"website": "allotment dot org"}, "website", "Enter a full web address starting"),
        ({"phone": "call Sue"}, "phone", PHONE_MESSAGE),
        ({"phone": "0161 496"}, "phone", PHONE_MESSAGE),
        ({"needs": []}, "needs", "Choose at least one need"),
        ({"needs": ["astrology"]}, "needs", "Select a valid choice"),
        ({"how_to_refer": ""}, "how_to_refer", "Say how to refer someone"),
        ({"kind": "link", "website": ""}, "website", "Enter the web address this resource"),
        ({"kind": "document"}, "document", "Choose the guide or document"),
    ],
)
def test_bad_input_is_a_clear_error_and_changes_nothing(lead, client_for, changes, field, message):
    area = AreaResourcesPage.objects.get(ccg=lead.ccg)
    before = Page.objects.count()

    response = client_for(None, lead).post(add_url(area), resource_form(**changes))

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors, errors
    assert message in " ".join(errors[field])
    assert Page.objects.count() == before


def test_next_review_must_come_after_the_last(lead, client_for):
    area = AreaResourcesPage.objects.get(ccg=lead.ccg)
    today = timezone.localdate().isoformat()

    response = client_for(None, lead).post(
        add_url(area), resource_form(last_reviewed=today, next_review_due=today)
    )

    assert "The next review must be after the last review." in response.content.decode()
    assert not ResourcePage.objects.exists()


def test_publishing_rights_follow_the_leads_role_and_ccg(lead, north_west):
    from learning.accounts.services import user_assign_role

    first_area = AreaResourcesPage.objects.get(ccg=lead.ccg)
    new_ccg = CCGFactory(region=north_west)

    user_assign_role(lead, role=Role.CCG_LEAD, pcn=None, ccg=new_ccg, regions=[])
    lead = type(lead).objects.get(pk=lead.pk)  # permissions are cached on the instance
    assert not first_area.permissions_for_user(lead).can_add_subpage()
    assert AreaResourcesPage.objects.get(ccg=new_ccg).permissions_for_user(lead).can_add_subpage()

    lead.is_active = False
    lead.save(update_fields=["is_active"])
    assert not lead.groups.filter(name__startswith="Resource publishers").exists()


def test_a_resource_moved_to_another_area_belongs_to_that_ccg(north_west):
    resource = make_resource(CCGFactory(region=north_west))
    target = area_ensure(CCGFactory(region=north_west))

    resource.move(target, pos="last-child")

    resource.refresh_from_db()
    assert resource.ccg == target.ccg


def test_a_lead_previews_a_draft_in_the_admin(lead, client_for):
    draft = make_resource(lead.ccg, title="Draft Lunch Club", live=False)

    client, url = client_for(None, lead), f"/admin/pages/{draft.pk}/edit/preview/"
    sent = client.post(url, resource_form(title="Draft Lunch Club", slug=draft.slug))
    assert sent.json()["is_valid"], sent.json()

    response = client.get(url)

    assert response.status_code == 200
    assert "Draft Lunch Club" in response.content.decode()


def test_a_renamed_ccg_renames_its_area_and_publishers_group(lead):
    ccg = lead.ccg
    ccg.name = "NHS Greater Manchester CCG"
    ccg.save()

    area = AreaResourcesPage.objects.select_related("publishers").get(ccg=ccg)
    assert area.title == "NHS Greater Manchester CCG"
    assert area.publishers.name == f"Resource publishers: NHS Greater Manchester CCG ({ccg.code})"
    assert area.permissions_for_user(type(lead).objects.get(pk=lead.pk)).can_add_subpage()
