"""The demo forums: every screen of a region's forums has something in it."""

import pytest
from django_tenants.utils import tenant_context

from demo.forums import seed_forum_conversations
from forums.models import HelpfulMark, Notification, NotificationKind, Post, Thread
from learning.accounts.enums import Role
from learning.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_people(north_west):
    return {
        "worker": UserFactory(
            email="linkworker.north-west@example.org", region=north_west, full_name="Sam Whitfield"
        ),
        "coordinator": UserFactory(
            email="coordinator.north-west@example.org",
            role=Role.COORDINATOR,
            region=north_west,
        ),
        "lead": UserFactory(
            email="ccglead.north-west@example.org", role=Role.CCG_LEAD, region=north_west
        ),
    }


def test_the_demo_region_has_conversations_a_mention_and_a_helpful_answer(
    north_west, demo_people, client_for
):
    seed_forum_conversations()
    worker = demo_people["worker"]
    with tenant_context(north_west):
        assert Thread.objects.count() == 4
        assert Thread.objects.filter(pinned=True, author=demo_people["coordinator"]).exists()
        mention = Notification.objects.get(user=worker, kind=NotificationKind.MENTION)
        assert "@linkworker.north-west" in mention.post.body
        answer = HelpfulMark.objects.get(user=worker).post
        assert answer.author == demo_people["lead"]
        assert not Post.objects.filter(body_html__contains="<script").exists()
    page = client_for(north_west, worker).get("/community/c/peer-support/").content.decode()
    assert "Isolated after a bereavement" in page


def test_seeding_the_forums_again_adds_nothing(north_west, demo_people):
    seed_forum_conversations()
    seed_forum_conversations()
    with tenant_context(north_west):
        assert Thread.objects.count() == 4
        assert Post.objects.count() == 7
