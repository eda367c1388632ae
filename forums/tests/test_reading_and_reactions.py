"""Quoting, helpful marks, unread markers, following and hidden threads, as members
and moderators use them through ordinary form posts and page loads."""

import pytest
from django_tenants.utils import tenant_context

from forums.models import HelpfulMark, Post, Subscription, Thread
from forums.services import post_reply
from forums.tests.factories import make_thread
from forums.views import POSTS_PER_PAGE
from learning.accounts.tests.factories import UserFactory
from learning.audit.enums import AuditAction
from learning.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

CATEGORY = "/community/c/peer-support/"


@pytest.fixture
def thread(north_west, author):
    with tenant_context(north_west):
        return make_thread(
            author=author, title="Tricky referral", body="First line\n\n> an old quote\n\nLast"
        )


def in_region(region, call):
    with tenant_context(region):
        return call()


def first_post(region, thread) -> Post:
    return in_region(region, lambda: thread.posts.get())


# Quoting ---------------------------------------------------------------------


def test_quoting_starts_the_reply_with_the_post_quoted(north_west, thread, member, client_for):
    post = first_post(north_west, thread)
    html = (
        client_for(north_west, member)
        .get(f"/community/t/{thread.pk}/", {"page": "last", "quote": post.pk})
        .content.decode()
    )
    # The textarea holds the Markdown quote (escaped as form content).
    assert "&gt; **Pat Writer** wrote:\n&gt;\n&gt; First line\n&gt;\n&gt; &gt; an old quote" in html
    assert f'href="?page=last&amp;quote={post.pk}#reply"' in html


@pytest.mark.parametrize("quote", ["abc", "-1", "999999", "1e3"])
def test_a_bad_or_unknown_quote_just_opens_an_empty_reply(
    north_west, thread, member, client_for, quote
):
    response = client_for(north_west, member).get(f"/community/t/{thread.pk}/", {"quote": quote})
    assert response.status_code == 200
    assert "wrote:" not in response.content.decode()


def test_a_hidden_post_or_another_threads_post_is_not_quoted(
    north_west, thread, author, member, client_for
):
    other = in_region(
        north_west, lambda: make_thread(author=author, title="Other", body="Elsewhere")
    )
    other_post = first_post(north_west, other)
    post = first_post(north_west, thread)
    in_region(north_west, lambda: Post.objects.filter(pk=post.pk).update(hidden=True))
    client = client_for(north_west, member)
    for quote in (post.pk, other_post.pk):
        html = client.get(f"/community/t/{thread.pk}/", {"quote": quote}).content.decode()
        assert "wrote:" not in html


# Helpful marks -----------------------------------------------------------------


def test_a_member_marks_a_reply_helpful_once_and_can_take_it_back(
    north_west, thread, member, client_for
):
    post = first_post(north_west, thread)
    client = client_for(north_west, member)
    for _ in range(2):
        response = client.post(f"/community/p/{post.pk}/helpful/", {"action": "mark"})
        assert response.status_code == 302
        assert response["Location"] == f"/community/t/{thread.pk}/?page=1#post-{post.pk}"
    assert in_region(north_west, lambda: HelpfulMark.objects.filter(post=post).count()) == 1
    html = client.get(f"/community/t/{thread.pk}/").content.decode()
    assert "1 found this helpful" in html
    assert "Remove your helpful mark" in html
    client.post(f"/community/p/{post.pk}/helpful/", {"action": "unmark"})
    assert not in_region(north_west, lambda: HelpfulMark.objects.exists())
    assert "found this helpful" not in client.get(f"/community/t/{thread.pk}/").content.decode()


def test_nobody_marks_their_own_post_helpful(north_west, thread, author, client_for):
    post = first_post(north_west, thread)
    client = client_for(north_west, author)
    response = client.post(f"/community/p/{post.pk}/helpful/", follow=True)
    assert "You cannot mark your own post as helpful." in response.content.decode()
    assert not in_region(north_west, lambda: HelpfulMark.objects.exists())
    assert "Helpful<span" not in client.get(f"/community/t/{thread.pk}/").content.decode()


def test_a_hidden_post_cannot_be_marked(north_west, thread, member, client_for):
    post = first_post(north_west, thread)
    in_region(north_west, lambda: Post.objects.filter(pk=post.pk).update(hidden=True))
    response = client_for(north_west, member).post(f"/community/p/{post.pk}/helpful/")
    assert response.status_code == 404
    assert not in_region(north_west, lambda: HelpfulMark.objects.exists())


def test_marking_needs_a_post(north_west, member, client_for):
    client = client_for(north_west, member)
    assert client.post("/community/p/424242/helpful/").status_code == 404
    assert client.get("/community/p/424242/helpful/").status_code == 405


# Unread markers ------------------------------------------------------------------


def test_a_thread_is_new_until_opened_and_new_again_after_a_reply(
    north_west, thread, author, member, client_for
):
    client = client_for(north_west, member)
    new_link = f'href="/community/t/{thread.pk}/new/"'
    assert new_link in client.get(CATEGORY).content.decode()
    client.get(f"/community/t/{thread.pk}/")
    assert new_link not in client.get(CATEGORY).content.decode()
    reply = in_region(
        north_west, lambda: post_reply(author=author, thread_id=thread.pk, body="Any news?")
    )
    assert new_link in client.get(CATEGORY).content.decode()
    page = client.get(f"/community/t/{thread.pk}/").content.decode()
    # Only the reply they had not seen carries the tag.
    assert page.count("nhsuk-tag--green") == 1
    assert page.index(f'id="post-{reply.pk}"') < page.index("nhsuk-tag--green")
    assert new_link not in client.get(CATEGORY).content.decode()


def test_new_jumps_to_the_first_unread_post_on_its_page(
    north_west, thread, author, member, client_for
):
    client = client_for(north_west, member)
    client.get(f"/community/t/{thread.pk}/")  # read the first post

    def replies():
        return [
            post_reply(author=author, thread_id=thread.pk, body=f"Reply {n}").pk
            for n in range(POSTS_PER_PAGE + 5)
        ]

    ids = in_region(north_west, replies)
    response = client.get(f"/community/t/{thread.pk}/new/")
    assert response["Location"] == f"/community/t/{thread.pk}/?page=1#post-{ids[0]}"
    client.get(f"/community/t/{thread.pk}/", {"page": 1})  # reads up to the end of page 1
    response = client.get(f"/community/t/{thread.pk}/new/")
    first_on_page_two = ids[POSTS_PER_PAGE - 1]
    assert response["Location"] == f"/community/t/{thread.pk}/?page=2#post-{first_on_page_two}"


def test_an_older_page_does_not_make_read_posts_unread(
    north_west, thread, author, member, client_for
):
    client = client_for(north_west, member)
    in_region(
        north_west,
        lambda: [
            post_reply(author=author, thread_id=thread.pk, body=f"Reply {n}")
            for n in range(POSTS_PER_PAGE + 1)
        ],
    )
    client.get(f"/community/t/{thread.pk}/", {"page": "last"})
    client.get(f"/community/t/{thread.pk}/", {"page": 1})
    assert f"/community/t/{thread.pk}/new/" not in client.get(CATEGORY).content.decode()


# Following -------------------------------------------------------------------------


def test_following_and_unfollowing_a_thread_and_a_category(north_west, thread, member, client_for):
    client = client_for(north_west, member)
    client.post(f"/community/t/{thread.pk}/follow/", {"action": "follow"})
    client.post(f"{CATEGORY}follow/", {"action": "follow"})
    subscriptions = in_region(north_west, lambda: list(Subscription.objects.filter(user=member)))
    assert {(s.thread_id, s.category_id is not None) for s in subscriptions} == {
        (thread.pk, False),
        (None, True),
    }
    assert "Stop following" in client.get(f"/community/t/{thread.pk}/").content.decode()
    assert "You are following Peer support and advice" in client.get(CATEGORY).content.decode()
    client.post(f"/community/t/{thread.pk}/follow/", {"action": "unfollow"})
    client.post(f"{CATEGORY}follow/", {"action": "unfollow"})
    assert not in_region(north_west, lambda: Subscription.objects.filter(user=member).exists())
    assert "Follow this thread" in client.get(f"/community/t/{thread.pk}/").content.decode()


def test_following_needs_a_post_and_an_existing_thread(north_west, member, client_for):
    client = client_for(north_west, member)
    assert client.post("/community/t/424242/follow/").status_code == 404
    assert client.post("/community/c/no-such-category/follow/").status_code == 404
    assert client.get(f"{CATEGORY}follow/").status_code == 405


def test_another_regions_member_cannot_follow_or_mark(north_west, london, thread, client_for):
    outsider = UserFactory(region=london)
    client = client_for(north_west, outsider)
    post = first_post(north_west, thread)
    assert client.post(f"/community/t/{thread.pk}/follow/").status_code == 403
    assert client.post(f"/community/p/{post.pk}/helpful/").status_code == 403
    assert not in_region(north_west, lambda: Subscription.objects.filter(user=outsider).exists())
    assert not in_region(north_west, lambda: HelpfulMark.objects.exists())


# Hidden threads ---------------------------------------------------------------------


def test_a_moderator_hides_a_thread_from_members_and_restores_it(
    north_west, thread, member, coordinator, client_for
):
    moderator = client_for(north_west, coordinator)
    response = moderator.post(f"/community/moderation/threads/{thread.pk}/", {"action": "hide"})
    assert response.status_code == 302
    assert in_region(north_west, lambda: Thread.objects.get(pk=thread.pk).hidden)
    assert AuditEvent.objects.filter(
        action=AuditAction.FORUM_THREAD_CHANGED, actor=coordinator, details__hidden=True
    ).exists()

    client = client_for(north_west, member)
    assert client.get(f"/community/t/{thread.pk}/").status_code == 404
    assert "Tricky referral" not in client.get(CATEGORY).content.decode()
    reply = client.post(f"/community/t/{thread.pk}/reply/", {"body": "Hello?"})
    assert reply.status_code == 404
    assert in_region(north_west, lambda: Post.objects.filter(thread=thread).count()) == 1

    seen = moderator.get(f"/community/t/{thread.pk}/").content.decode()
    assert "Hidden thread" in seen and "Restore thread" in seen and "Post reply" not in seen
    assert "Tricky referral" in moderator.get(CATEGORY).content.decode()

    moderator.post(f"/community/moderation/threads/{thread.pk}/", {"action": "restore"})
    assert client.get(f"/community/t/{thread.pk}/").status_code == 200


def test_the_reply_service_refuses_a_hidden_thread(north_west, thread, author):
    from django.core.exceptions import ValidationError

    in_region(north_west, lambda: Thread.objects.filter(pk=thread.pk).update(hidden=True))
    with pytest.raises(ValidationError, match="has been hidden"):
        in_region(north_west, lambda: post_reply(author=author, thread_id=thread.pk, body="Hi"))
