"""The demo resources: each region's first CCG has local services, a link and one
resource overdue for review, all valid as the admin would judge them, and the demo
lead of that CCG may publish there. Seeding twice changes nothing."""

import pytest

from demo.resources import seed_demo_resources
from learning.accounts.models import User
from resources.enums import ResourceKind
from resources.models import ResourcePage

pytestmark = pytest.mark.django_db


def test_each_demo_lead_has_resources_they_may_edit(demo_directory, north_west):
    seed_demo_resources()

    lead = User.objects.get(email="ccglead.north-west@example.org")
    resources = ResourcePage.objects.filter(ccg=lead.ccg)
    assert resources.count() == 5
    assert {r.kind for r in resources} == {ResourceKind.SERVICE, ResourceKind.LINK}
    assert [r.title for r in resources if r.review_is_overdue] == ["Walk and Talk Blackpool"]
    for resource in resources:
        resource.full_clean()  # as the admin form would
        assert resource.live and resource.region == north_west
        assert resource.permissions_for_user(lead).can_publish()


def test_seeding_twice_changes_nothing(demo_directory):
    seed_demo_resources()
    before = list(ResourcePage.objects.order_by("pk").values_list("pk", "title"))
    seed_demo_resources()
    assert list(ResourcePage.objects.order_by("pk").values_list("pk", "title")) == before
