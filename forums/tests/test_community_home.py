"""The community home (/community/): each category's thread count, its latest
activity (which thread, by whom, when in UK time) and "New" when it has posts the
member has not read, in the same few queries however many categories and threads."""

import re
from datetime import UTC, datetime

import pytest
from django_tenants.utils import tenant_context

from forums.models import Post, Thread
from forums.moderation import post_set_hidden, thread_update
from forums.reading import thread_mark_read
from forums.services import post_reply
from forums.tests.factories import CategoryFactory, make_thread
from learning.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

HOME = "/community/"


def in_region(region, call):
    with tenant_context(region):
        return call()


def category_item(html: str, name: str) -> str:
    """The home page's list item for one category."""
    items = re.findall(r"<li class=\"nhsuk-u-margin-bottom-4\">(.*?)</li>", html, re.S)
    [item] = [item for item in items if f">{name}</a>" in item]
    return item


def is_new(item: str) -> bool:
    return "nhsuk-tag--green" in item


def test_each_category_shows_its_threads_and_latest_activity_in_uk_time(
    north_west, author, member, client_for
):
    def threads():
        first = make_thread(author=author, title="Walking groups", category_slug="peer-support")
        latest = post_reply(author=member, thread_id=first.pk, body="Try the park run.")
        make_thread(author=author, title="Older thread", category_slug="peer-support")
        Post.objects.filter(thread__title="Older thread").update(
            created_at=datetime(2025, 1, 10, 9, 0, tzinfo=UTC)
        )
        # 12:30 UTC in July is 13:30 in London (British Summer Time).
        Post.objects.filter(pk=latest.pk).update(
            created_at=datetime(2025, 7, 1, 12, 30, tzinfo=UTC)
        )
        Post.objects.filter(thread=first).exclude(pk=latest.pk).update(
            created_at=datetime(2025, 6, 30, 8, 0, tzinfo=UTC)
        )
        return first, latest

    thread, latest = in_region(north_west, threads)
    html = client_for(north_west, member).get(HOME).content.decode()
    item = category_item(html, "Peer support and advice")
    assert "2 threads" in item
    assert f'href="/community/t/{thread.pk}/?post={latest.pk}">Walking groups</a>' in item
    assert "by Sam Reader" in item
    assert "1 Jul 2025, 13:30" in item
    assert "No posts yet" in category_item(html, "Introductions")
    assert "0 threads" in category_item(html, "Introductions")


def test_new_shows_until_the_member_has_read_every_post_in_the_category(
    north_west, author, member, client_for
):
    thread = in_region(north_west, lambda: make_thread(author=author, title="Carers"))
    client = client_for(north_west, member)
    assert is_new(category_item(client.get(HOME).content.decode(), "Peer support and advice"))
    client.get(thread.get_absolute_url())  # reading it moves the member's marker on
    html = client.get(HOME).content.decode()
    assert not is_new(category_item(html, "Peer support and advice"))
    assert not is_new(category_item(html, "Introductions"))  # nothing there at all
    in_region(north_west, lambda: post_reply(author=author, thread_id=thread.pk, body="More"))
    assert is_new(category_item(client.get(HOME).content.decode(), "Peer support and advice"))


def test_hidden_posts_and_threads_count_neither_as_new_nor_as_latest(
    north_west, author, member, coordinator, client_for
):
    def threads():
        shown = make_thread(author=author, title="Shown thread")
        hidden_thread = make_thread(author=author, title="Hidden thread")
        thread_update(moderator=coordinator, thread_id=hidden_thread.pk, hidden=True)
        return shown

    shown = in_region(north_west, threads)
    client = client_for(north_west, member)
    client.get(shown.get_absolute_url())
    hidden_reply = in_region(
        north_west, lambda: post_reply(author=author, thread_id=shown.pk, body="Hidden words")
    )
    in_region(
        north_west,
        lambda: post_set_hidden(
            moderator=coordinator, post_id=hidden_reply.pk, hidden=True, reason="Off topic."
        ),
    )
    item = category_item(client.get(HOME).content.decode(), "Peer support and advice")
    assert "1 thread." in item
    assert "Hidden thread" not in item
    assert f"?post={hidden_reply.pk}" not in item
    opening = in_region(north_west, lambda: shown.posts.order_by("pk").first())
    assert f"?post={opening.pk}" in item
    assert not is_new(item)
    # A moderator's home counts the same: the queue is where they see hidden things.
    moderator_item = category_item(
        client_for(north_west, coordinator).get(HOME).content.decode(), "Peer support and advice"
    )
    assert "1 thread." in moderator_item and "Hidden thread" not in moderator_item


def test_the_home_runs_the_same_few_queries_for_one_category_or_ten(
    north_west, member, client_for, queries_for, django_assert_max_num_queries
):
    client = client_for(north_west, member)

    def threads_in(slugs, each):
        for slug in slugs:
            for n in range(each):
                thread = make_thread(
                    author=UserFactory(region=north_west), title=f"{slug} {n}", category_slug=slug
                )
                post_reply(author=thread.author, thread_id=thread.pk, body="A reply")

    in_region(north_west, lambda: threads_in(["peer-support"], 1))
    client.get(HOME)
    one = queries_for(lambda: client.get(HOME))

    def ten_categories():
        slugs = [category.slug for category in CategoryFactory.create_batch(5)]
        threads_in(["introductions", "peer-support", "local-services", *slugs], 6)
        # Read some, so "New" is worked out both ways.
        for thread in Thread.objects.filter(category__slug="peer-support")[:3]:
            thread_mark_read(
                user=member, thread_id=thread.pk, up_to_post_id=thread.posts.order_by("-pk")[0].pk
            )

    in_region(north_west, ten_categories)
    with django_assert_max_num_queries(12):
        html = client.get(HOME).content.decode()
    assert html.count("nhsuk-u-margin-bottom-4") == 10
    assert queries_for(lambda: client.get(HOME)) == one
