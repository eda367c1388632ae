"""A title, post, reply or edit that shows nothing (issue 15, item 3): made only of
zero-width characters, bidi marks, fillers, spaces of any kind or combining marks
alone, it passed "required" and showed as a blank. Forms refuse it with a message,
and so does the service, which replies over the WebSocket reach without a form."""

import pytest
from django.core.exceptions import ValidationError
from django_tenants.utils import tenant_context

from forums.models import Post, PostRevision, Thread
from forums.services import post_edit, post_reply
from forums.tests.factories import make_thread
from forums.text import INVISIBLE_BODY, INVISIBLE_TITLE, has_visible_text

pytestmark = pytest.mark.django_db

CATEGORY = "/community/c/peer-support/"
TITLE_REQUIRED, BODY_REQUIRED = "Give your thread a title.", "Write your message."

INVISIBLE = {
    "zero-width space": "\u200b",
    "zero-width non-joiner and joiner": "\u200c\u200d",
    "word joiner": "\u2060",
    "byte order mark": "\ufeff",
    "soft hyphen": "\u00ad",
    "Hangul filler": "\u3164",
    "Hangul choseong and jungseong fillers": "\u115f\u1160",
    "halfwidth Hangul filler": "\uffa0",
    "blank Braille pattern": "\u2800",
    "bidi marks and overrides": "\u200e\u200f\u202a\u202e\u2066\u2069",
    "no-break, ideographic, em and thin spaces": "\u00a0\u3000\u2003\u2009",
    "line and paragraph separators": "\u2028\u2029",
    "combining marks alone": "\u0301\u0308\u20dd",
    "Mongolian vowel separator and tag characters": "\u180e\U000e0041",
    "a mix of them all": "\u200b \u3164\u00ad\u2060\ufeff\u200e\u0301\u2800",
}

# Real text that uses the same characters inside it.
VISIBLE = {
    "plain": "Falls",
    "accent as a combining mark": "Cafe\u0301",
    "emoji joined by a zero-width joiner": "\U0001f469\u200d\U0001f4bb",
    "Persian with a zero-width non-joiner": "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",
    "Korean": "\ud55c\uad6d\uc5b4",
    "Braille that is not blank": "\u2801",
    "one dot among fillers": "\u200b.\u200b",
}


@pytest.mark.parametrize("text", INVISIBLE.values(), ids=INVISIBLE.keys())
def test_text_made_only_of_invisible_characters_shows_nothing(text):
    assert not has_visible_text(text)


@pytest.mark.parametrize("text", VISIBLE.values(), ids=VISIBLE.keys())
def test_text_with_one_character_that_draws_is_visible(text):
    assert has_visible_text(text)


def expected(invisible: str, message: str, required: str) -> str:
    """Spaces alone are stripped by the form, so they get its "required" message."""
    return message if invisible.strip() else required


@pytest.fixture
def client(north_west, author, client_for):
    return client_for(north_west, author)


def in_region(region, call):
    with tenant_context(region):
        return call()


@pytest.mark.parametrize("invisible", INVISIBLE.values(), ids=INVISIBLE.keys())
def test_a_thread_with_an_invisible_title_is_refused(north_west, client, invisible):
    response = client.post(CATEGORY + "new/", {"title": invisible, "body": "Hello"})
    assert response.status_code == 400
    assert expected(invisible, INVISIBLE_TITLE, TITLE_REQUIRED) in response.content.decode()
    assert in_region(north_west, lambda: Thread.objects.count()) == 0


@pytest.mark.parametrize("invisible", INVISIBLE.values(), ids=INVISIBLE.keys())
def test_a_thread_with_an_invisible_message_is_refused(north_west, client, invisible):
    response = client.post(CATEGORY + "new/", {"title": "Walking groups", "body": invisible})
    assert response.status_code == 400
    assert expected(invisible, INVISIBLE_BODY, BODY_REQUIRED) in response.content.decode()
    assert in_region(north_west, lambda: Thread.objects.count()) == 0


@pytest.mark.parametrize("invisible", INVISIBLE.values(), ids=INVISIBLE.keys())
def test_an_invisible_reply_is_refused(north_west, author, client, invisible):
    thread = in_region(north_west, lambda: make_thread(author=author))
    response = client.post(f"/community/t/{thread.pk}/reply/", {"body": invisible})
    assert response.status_code == 400
    assert expected(invisible, INVISIBLE_BODY, BODY_REQUIRED) in response.content.decode()
    assert in_region(north_west, lambda: Post.objects.count()) == 1


@pytest.mark.parametrize("invisible", INVISIBLE.values(), ids=INVISIBLE.keys())
def test_an_edit_to_nothing_visible_is_refused(north_west, author, client, invisible):
    post = in_region(north_west, lambda: make_thread(author=author, body="Mondays").posts.get())
    response = client.post(f"/community/p/{post.pk}/edit/", {"body": invisible})
    assert response.status_code == 400
    assert expected(invisible, INVISIBLE_BODY, BODY_REQUIRED) in response.content.decode()
    assert in_region(north_west, lambda: Post.objects.get(pk=post.pk).body) == "Mondays"
    assert in_region(north_west, lambda: PostRevision.objects.count()) == 0


# Visible Markdown or HTML that renders to nothing a reader sees: the form cannot
# tell, the service can, and the page shows its message on the form.
SHOWS_NOTHING = [
    "**\u200b**",
    "<b></b><i>\u3164</i>",
    "![](https://example.org/x.png)",
    "[\u200b](https://example.org/)",
    "<script>alert(1)</script>",
    "```\n\u200b\n```",
]


@pytest.mark.parametrize("body", SHOWS_NOTHING)
def test_markup_that_renders_to_nothing_is_refused_on_the_form(north_west, author, client, body):
    response = client.post(CATEGORY + "new/", {"title": "Walking groups", "body": body})
    assert response.status_code == 400
    assert INVISIBLE_BODY in response.content.decode()
    thread = in_region(north_west, lambda: make_thread(author=author))
    response = client.post(f"/community/t/{thread.pk}/reply/", {"body": body})
    assert response.status_code == 400
    assert INVISIBLE_BODY in response.content.decode()
    assert in_region(north_west, lambda: Post.objects.count()) == 1


def test_the_service_refuses_what_no_form_checked(north_west, author):
    """Replies over the WebSocket call post_reply directly (forums.consumers)."""
    thread = in_region(north_west, lambda: make_thread(author=author))
    post = in_region(north_west, lambda: thread.posts.get())
    for body in ["\u200b\u200d\u2060", "\u3164", "**\u200b**"]:
        with pytest.raises(ValidationError) as refused:
            in_region(
                north_west, lambda b=body: post_reply(author=author, thread_id=thread.pk, body=b)
            )
        assert refused.value.message_dict == {"body": [INVISIBLE_BODY]}
        with pytest.raises(ValidationError):
            in_region(north_west, lambda b=body: post_edit(author=author, post_id=post.pk, body=b))
    with pytest.raises(ValidationError) as refused:
        in_region(north_west, lambda: make_thread(author=author, title="\u200b\u3164\u2800"))
    assert refused.value.message_dict == {"title": [INVISIBLE_TITLE]}


def test_real_text_with_joiners_and_marks_is_posted(north_west, author, client):
    title = "Caf\u00e9 groups \U0001f469\u200d\U0001f4bb"
    body = "Cafe\u0301 meet-ups, and \u200bsoft\u00adhyphens too."
    response = client.post(CATEGORY + "new/", {"title": title, "body": body})
    assert response.status_code == 302
    thread = in_region(north_west, lambda: Thread.objects.get())
    assert thread.title == title
