"""A post a moderator hides leaves a placeholder in its thread (its author also sees
why), its author is emailed, and quotes of it stop showing its words, in the
thread, in live updates, in new quotes and in notification emails."""

import re

import pytest
from django.core.exceptions import ValidationError
from django_tenants.utils import tenant_context

from forums.models import Post
from forums.moderation import post_set_hidden
from forums.quoting import HIDDEN_QUOTE, quote_markdown
from forums.selectors import post_payload
from forums.services import post_reply
from forums.tests.factories import make_thread
from learning.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PLACEHOLDER = "This post was hidden by a moderator."
SECRET = "Jo Bloggs lives at 4 Elm Road"
REASON = "It names someone we support. Please describe people without names."


def in_region(region, call):
    with tenant_context(region):
        return call()


@pytest.fixture
def thread(north_west, author, member):
    def make():
        thread = make_thread(author=member, title="Tricky referral", body="Who can help?")
        post_reply(author=author, thread_id=thread.pk, body=f"I know someone: {SECRET}.")
        post_reply(author=member, thread_id=thread.pk, body="Thank you, that helps.")
        return thread

    return in_region(north_west, make)


def secret_post(region, thread) -> Post:
    return in_region(region, lambda: thread.posts.get(body__contains=SECRET))


def hide(region, coordinator, post, reason=REASON):
    return in_region(
        region,
        lambda: post_set_hidden(moderator=coordinator, post_id=post.pk, hidden=True, reason=reason),
    )


# The placeholder in the thread ---------------------------------------------------------


def test_members_see_a_placeholder_in_its_place_and_its_author_sees_why(
    north_west, thread, author, member, coordinator, client_for
):
    post = secret_post(north_west, thread)
    hide(north_west, coordinator, post)
    url = thread.get_absolute_url()

    html = client_for(north_west, member).get(url).content.decode()
    assert SECRET not in html and REASON not in html
    assert PLACEHOLDER in html
    # In its place: between the opening post and the reply after it.
    assert html.index("Who can help?") < html.index(PLACEHOLDER) < html.index("Thank you")
    assert f'id="post-{post.pk}"' in html

    own = client_for(north_west, author).get(url).content.decode()
    assert PLACEHOLDER in own and REASON in own and SECRET not in own

    moderator = client_for(north_west, coordinator).get(url).content.decode()
    assert SECRET in moderator and REASON in moderator and "Hidden</strong>" in moderator


def test_hiding_needs_a_reason_and_the_post_stays_until_one_is_given(
    north_west, thread, member, coordinator, client_for
):
    post = secret_post(north_west, thread)
    with pytest.raises(ValidationError, match=r"Say why you are hiding this post\."):
        hide(north_west, coordinator, post, reason="  ")
    response = client_for(north_west, coordinator).post(
        f"/community/moderation/posts/{post.pk}/", {"action": "hide", "reason": ""}, follow=True
    )
    assert "Say why you are hiding this post." in response.content.decode()
    assert not in_region(north_west, lambda: Post.objects.get(pk=post.pk).hidden)


def test_restoring_brings_the_post_back_and_forgets_the_reason(
    north_west, thread, author, coordinator, client_for
):
    post = secret_post(north_west, thread)
    hide(north_west, coordinator, post)
    in_region(
        north_west,
        lambda: post_set_hidden(moderator=coordinator, post_id=post.pk, hidden=False),
    )
    html = client_for(north_west, author).get(thread.get_absolute_url()).content.decode()
    assert SECRET in html and PLACEHOLDER not in html and REASON not in html
    assert in_region(north_west, lambda: Post.objects.get(pk=post.pk).hidden_reason) == ""


# The email to its author ---------------------------------------------------------------


def test_its_author_is_emailed_which_thread_why_and_whom_to_contact(
    north_west, thread, author, coordinator, client_for, on_commit, mailoutbox
):
    post = secret_post(north_west, thread)
    with on_commit():
        client_for(north_west, coordinator).post(
            f"/community/moderation/posts/{post.pk}/", {"action": "hide", "reason": REASON}
        )
    [email] = mailoutbox
    assert email.to == [author.email]
    assert email.subject == "A moderator has hidden your post in the North West forums"
    assert "Dear Pat Writer" in email.body
    assert '"Tricky referral"' in email.body
    assert REASON in email.body
    assert SECRET not in email.body
    assert f"Asha Patel, {coordinator.email}" in email.body
    link = f"http://north-west.localhost:8000/community/t/{thread.pk}/?post={post.pk}"
    assert link in email.body
    assert f'href="{link}"' in email.alternatives[0][0]
    # The link opens the page its placeholder is on.
    assert (
        client_for(north_west, author).get(f"/community/t/{thread.pk}/?post={post.pk}")["Location"]
        == f"/community/t/{thread.pk}/?page=1#post-{post.pk}"
    )


def test_hiding_again_sends_no_second_email_and_a_moderators_own_post_none(
    north_west, thread, coordinator, on_commit, mailoutbox
):
    post = secret_post(north_west, thread)
    with on_commit():
        hide(north_west, coordinator, post)
        hide(north_west, coordinator, post, reason="")  # already hidden: no reason needed
    assert len(mailoutbox) == 1

    def own_post():
        return post_reply(author=coordinator, thread_id=thread.pk, body="A note of mine")

    mine = in_region(north_west, own_post)
    with on_commit():
        hide(north_west, coordinator, mine, reason="Posted in the wrong thread.")
    assert len(mailoutbox) == 1


# Numbering and pages -------------------------------------------------------------------


def _ids_on(html: str) -> list[int]:
    return [int(pk) for pk in re.findall(r'<li class="nhsuk-card[^"]*" id="post-(\d+)"', html)]


def test_pages_keep_their_numbering_and_every_placeholder_shows_once(
    north_west, member, coordinator, client_for
):
    """Pages count visible posts (so links to a page stay right); a hidden post's
    placeholder is on the page of the next visible post, or else the last page."""

    def long_thread():
        thread = make_thread(author=member, title="Long", body="Post 0")
        posts = [thread.posts.get()]
        for n in range(1, 45):
            posts.append(post_reply(author=member, thread_id=thread.pk, body=f"Post {n}"))
        return thread, posts

    thread, posts = in_region(north_west, long_thread)
    # 22 comes just after the 20th visible post; 43 and 44 after the last one.
    hidden = [posts[n] for n in (0, 5, 22, 43, 44)]
    for post in hidden:
        hide(north_west, coordinator, post)
    client = client_for(north_west, member)
    url = thread.get_absolute_url()
    first, second = (_ids_on(client.get(url, {"page": n}).content.decode()) for n in (1, 2))

    assert first == [post.pk for post in posts[:22]]  # 20 visible and 2 placeholders
    assert second == [post.pk for post in posts[22:]]  # 20 visible and 3 placeholders
    assert "Page 2 of 2" in client.get(url).content.decode()  # the "next" link
    for post in hidden + posts[20:24]:
        number = 1 if post.pk in first else 2
        assert client.get(url, {"post": post.pk})["Location"] == (
            f"{url}?page={number}#post-{post.pk}"
        )


def test_the_thread_page_runs_the_same_queries_with_hidden_posts(
    north_west, thread, member, coordinator, client_for, queries_for
):
    client = client_for(north_west, member)
    url = thread.get_absolute_url()
    client.get(url)
    before = queries_for(lambda: client.get(url))
    hide(north_west, coordinator, secret_post(north_west, thread))
    assert queries_for(lambda: client.get(url)) == before


# Quotes of a hidden post ---------------------------------------------------------------


def _quote_and_hide(region, thread, coordinator, *, quoter):
    """A reply quoting the secret post, then a reply quoting that reply; then the
    secret post is hidden."""

    def replies():
        secret = thread.posts.select_related("author").get(body__contains=SECRET)
        first = post_reply(
            author=quoter, thread_id=thread.pk, body=quote_markdown(secret) + "Great tip."
        )
        first = Post.objects.select_related("author").get(pk=first.pk)
        second = post_reply(
            author=quoter, thread_id=thread.pk, body=quote_markdown(first) + "Agreed."
        )
        return secret, first, second

    secret, first, second = in_region(region, replies)
    hide(region, coordinator, secret)
    return secret, first, second


def test_quotes_of_a_hidden_post_show_a_placeholder_in_the_thread_until_restored(
    north_west, thread, member, coordinator, client_for
):
    quoter = UserFactory(region=north_west, full_name="Kim Quoter")
    secret, _, _ = _quote_and_hide(north_west, thread, coordinator, quoter=quoter)
    url = thread.get_absolute_url()
    for person in (member, coordinator):
        html = client_for(north_west, person).get(url).content.decode()
        assert html.count(HIDDEN_QUOTE) == 2  # the quote, and the quote inside the quote
        assert "Great tip." in html and "Agreed." in html
        assert "Kim Quoter</strong> wrote:" in html  # the quote of a visible post stays
    assert SECRET not in client_for(north_west, member).get(url).content.decode()
    in_region(
        north_west,
        lambda: post_set_hidden(moderator=coordinator, post_id=secret.pk, hidden=False),
    )
    html = client_for(north_west, member).get(url).content.decode()
    assert HIDDEN_QUOTE not in html and html.count(SECRET) == 3


def test_quotes_of_a_hidden_post_stay_out_of_live_updates_new_quotes_and_emails(
    north_west, thread, member, coordinator, client_for, on_commit, mailoutbox
):
    quoter = UserFactory(region=north_west, full_name="Kim Quoter")
    _, first, second = _quote_and_hide(north_west, thread, coordinator, quoter=quoter)
    payload = in_region(north_west, lambda: post_payload(Post.objects.get(pk=second.pk)))
    assert SECRET not in payload["html"] and HIDDEN_QUOTE in payload["html"]

    # Quoting a reply that quotes the hidden post leaves the hidden words out.
    html = (
        client_for(north_west, member)
        .get(thread.get_absolute_url(), {"quote": first.pk})
        .content.decode()
    )
    assert "Kim Quoter** wrote:" in html and SECRET not in html and HIDDEN_QUOTE in html

    # A reply written before the post was hidden, sent after: the email excerpt.
    body = in_region(north_west, lambda: Post.objects.get(pk=first.pk).body)
    assert SECRET in body
    mailoutbox.clear()
    with on_commit():
        client_for(north_west, quoter).post(f"/community/t/{thread.pk}/reply/", {"body": body})
    assert mailoutbox, "the thread's followers are emailed the reply"
    for email in mailoutbox:
        assert SECRET not in email.body and HIDDEN_QUOTE in email.body
