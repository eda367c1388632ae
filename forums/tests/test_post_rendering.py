"""How a post shows (issue 15, item 10): a pasted web address becomes a link that
tells search engines and the linked site nothing (rel="nofollow noopener"), an
@mention shows as a mention and links nowhere, and fenced code shows as a block."""

import re

import pytest
from django_tenants.utils import tenant_context

from forums.markdown import render_markdown
from forums.mentions import MENTION_CLASS, mentioned_handles
from forums.tests.factories import make_thread
from forums.tests.xss_payloads import XSS_PAYLOADS

REL = 'rel="nofollow noopener noreferrer"'


def links(html: str) -> list[tuple[str, str]]:
    return re.findall(r'<a href="([^"]*)"[^>]*>([^<]*)</a>', html)


@pytest.mark.parametrize(
    ("body", "href", "text"),
    [
        ("See https://www.nhs.uk/conditions/ for more", "https://www.nhs.uk/conditions/", None),
        ("Try www.england.nhs.uk/personalised-care.", "https://www.england.nhs.uk/personalised-care", "www.england.nhs.uk/personalised-care"),
        ("(see https://example.org/a_(b)).", "https://example.org/a_(b)", None),
        ("Form: https://example.org/form?id=3&amp=x, thanks", "https://example.org/form?id=3&amp;amp=x", None),
        ("HTTP://EXAMPLE.ORG/CAPS!", "HTTP://EXAMPLE.ORG/CAPS", None),
    ],
)  # fmt: skip
def test_a_pasted_address_becomes_a_safe_link_without_its_sentence_punctuation(body, href, text):
    html = render_markdown(body)
    assert len(links(html)) == 1
    found_href, found_text = links(html)[0]
    assert found_href == href
    assert found_text == (text or href)
    assert REL in html


def test_every_link_says_nofollow_noopener_including_markdown_ones():
    html = render_markdown("[Falls service](https://example.org/falls) and <https://example.org/x>")
    assert len(links(html)) == 2
    assert html.count(REL) == 2


@pytest.mark.parametrize(
    "body",
    [
        "javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "ftp://example.org/file",
        "an email sam.okafor@nhs.net is not an address to visit",
        "not a host: https://",
        "www.",
        "a file name like report.www.pdf",
    ],
)
def test_nothing_but_a_web_address_is_linked(body):
    assert "<a " not in render_markdown(body)


def test_an_address_already_in_a_link_or_in_code_is_left_alone():
    html = render_markdown(
        "[https://example.org/a](https://example.org/a) and `https://example.org/b`"
        "\n\n```\ncurl https://example.org/c\n```"
    )
    assert links(html) == [("https://example.org/a", "https://example.org/a")]
    assert "<code>https://example.org/b</code>" in html
    assert "curl https://example.org/c" in html


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_no_payload_becomes_markup_through_a_linked_address(payload):
    html = render_markdown(f"https://example.org/{payload} and www.example.org/{payload}")
    assert "<script" not in html.lower()
    assert not re.search(r"<[^>]+\son\w+\s*=", html, re.IGNORECASE)
    assert "javascript:" not in html.lower()
    for href, _ in links(html):
        assert href == "#" or href.startswith(("https://", "http://", "mailto:", "/"))


def test_a_mention_shows_as_a_mention_and_links_nowhere():
    html = render_markdown("Thanks @jane.smith, and ask @o'brien's team. Mail a@b.org.")
    assert html.count(f'<span class="{MENTION_CLASS}">') == 2
    assert f'<span class="{MENTION_CLASS}">@jane.smith</span>,' in html
    assert f"<span class=\"{MENTION_CLASS}\">@o'brien</span>'s team." in html
    assert "<a " not in html  # no profile link, no mailto: with a work address in it
    assert mentioned_handles(html) == ["jane.smith", "o'brien"]


def test_a_member_cannot_forge_a_mention_or_style_one():
    html = render_markdown(
        f'<span class="{MENTION_CLASS}">Chief Executive</span> '
        '<span style="color:red" class="x">hi</span>'
    )
    assert html == "<p>Chief Executive hi</p>"
    assert mentioned_handles(html) == []


def test_no_mention_in_code_or_inside_a_link():
    html = render_markdown(
        "`@code.span`\n\n```\n@fenced.block\n```\n\n[@in.a.link](https://example.org/)"
    )
    assert MENTION_CLASS not in html
    assert mentioned_handles(html) == []


def test_fenced_code_shows_as_a_block_with_its_markup_escaped():
    html = render_markdown(
        "Run this:\n\n```python\nif a < b and c > d:\n    print('**not bold**')\n```\n\nDone."
    )
    block = re.search(r"<pre><code[^>]*>(.*?)</code></pre>", html, re.DOTALL)
    assert block, html
    assert "if a &lt; b and c &gt; d:\n    print(" in block.group(1)
    assert "<strong>" not in html
    assert "<p>Done.</p>" in html


@pytest.mark.django_db
def test_the_thread_page_shows_the_link_the_mention_and_the_code_block(
    north_west, author, client_for
):
    body = (
        "Details at https://example.org/walks, thanks @jane.smith.\n\n"
        "```\nReferral code: <ABC>\n```"
    )
    with tenant_context(north_west):
        thread = make_thread(author=author, body=body)
    html = client_for(north_west, author).get(thread.get_absolute_url()).content.decode()
    assert f'<a href="https://example.org/walks" {REL}>https://example.org/walks</a>' in html
    assert f'<span class="{MENTION_CLASS}">@jane.smith</span>' in html
    assert "<pre><code>Referral code: &lt;ABC&gt;\n</code></pre>" in html
