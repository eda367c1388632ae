"""Search snippets read as the post does (issue 15, item 12a): plain text with the
match marked, never raw Markdown (`**good**`, table pipes, link syntax), and never
the words of a post a moderator hid, even where another post quoted it."""

import re

import pytest
from django_tenants.utils import tenant_context

from forums.models import Post
from forums.moderation import post_set_hidden
from forums.quoting import HIDDEN_QUOTE, quote_markdown
from forums.search import snippet_html
from forums.services import post_reply
from forums.tests.factories import make_thread

pytestmark = pytest.mark.django_db

SEARCH = "/community/search/"


def snippets(client, query) -> list[str]:
    html = client.get(SEARCH, {"q": query}).content.decode()
    return re.findall(r'<p class="nhsuk-body-s lwln-snippet">(.*?)</p>', html, re.DOTALL)


def test_a_snippet_is_plain_text_with_the_match_marked(north_west, author, client_for):
    body = (
        "A **good** walking group meets on [Tuesdays](https://example.org/walks).\n\n"
        "| Day | Place |\n|-----|:-----:|\n| Tuesday | Park |\n\n"
        "# Heading\n\n- one `code` item"
    )
    with tenant_context(north_west):
        make_thread(author=author, title="Groups", body=body)
    [snippet] = snippets(client_for(north_west, author), "walking")
    assert "<mark>walking</mark>" in snippet
    for markdown in ("**", "](", "|", "---", "# ", "`"):
        assert markdown not in snippet, markdown
    text = " ".join(re.sub(r"</?mark>", "", snippet).split())
    assert text.startswith("A good walking group meets on Tuesdays. Day")
    assert "Day Place" in text and "Tuesday Park" in text


def test_markup_characters_in_a_snippet_are_shown_as_written(north_west, author, client_for):
    with tenant_context(north_west):
        make_thread(author=author, title="Ages", body="Referrals for ages < 18 & > 65 go to Ruth.")
    [snippet] = snippets(client_for(north_west, author), "referrals")
    assert "<mark>Referrals</mark> for ages &lt; 18 &amp; &gt; 65 go to Ruth." in snippet


def test_the_snippet_function_marks_only_what_the_search_marked():
    headline = "<p>The \ue000falls\ue001 <strong>clinic</strong> &amp; more\ue000</p>"
    assert snippet_html(headline) == "The <mark>falls</mark> clinic &amp; more"


def test_a_snippet_has_no_space_a_tag_left_before_punctuation():
    headline = "<p>See ( <a>\ue000falls\ue001</a> ) on <em>Tuesdays</em> , or <a>here</a> .</p>"
    assert snippet_html(headline) == "See (<mark>falls</mark>) on Tuesdays, or here."


def test_a_reply_quoting_a_hidden_post_does_not_show_its_words_in_results(
    north_west, author, member, coordinator, client_for
):
    secret = "Pat Doe is at 9 Ash Lane"
    with tenant_context(north_west):
        thread = make_thread(author=author, title="Befriending", body="Who knows a befriender?")
        hidden = post_reply(author=member, thread_id=thread.pk, body=f"Ask around: {secret}.")
        hidden = Post.objects.select_related("author").get(pk=hidden.pk)
        post_reply(
            author=author, thread_id=thread.pk, body=quote_markdown(hidden) + "Befriender found."
        )
        post_set_hidden(
            moderator=coordinator, post_id=hidden.pk, hidden=True, reason="Personal details"
        )
    results = snippets(client_for(north_west, author), "befriender")
    assert results, "the quoting reply still matches by its own words"
    joined = " ".join(results)
    assert "Ash Lane" not in joined and "Pat Doe" not in joined
    assert HIDDEN_QUOTE in joined
    assert not snippets(client_for(north_west, author), "Ash Lane")
