"""Quoting a post in a reply, as Markdown the member can trim before posting, and
keeping the words of a post a moderator has hidden out of every quote of it.

A quote ends with a link back to the quoted post (`/community/t/<thread>/?post=<id>`).
That link is how a quote is recognised later, in the stored HTML (thread pages,
live updates) and in the Markdown (email excerpts), so that once the post is hidden
its quotes show HIDDEN_QUOTE instead of its words. Nothing stored is rewritten:
restoring the post brings its quotes back."""

import re

from django.conf import settings
from django.urls import reverse

from .models import Post

QUOTE_MAX_LENGTH = 1500
QUOTE_LINK_TEXT = "Go to the quoted post"
HIDDEN_QUOTE = "Quoted post hidden by a moderator."

# The link at the end of a quote, as Markdown and as nh3 leaves it in the HTML.
_MARKDOWN_LINK = re.compile(r"\]\(/community/t/\d+/\?post=(\d+)\)\s*$")
_HTML_LINK = re.compile(r'<p><a href="/community/t/\d+/\?post=(\d+)"[^>]*>[^<]*</a></p>\s*$')
_BLOCKQUOTE_TAG = re.compile(r"<(/?)blockquote>")
_QUOTE_DEPTH = re.compile(r"^(?:[ ]{0,3}>)+")


def quote_markdown(post) -> str:
    """`post` as a Markdown block quote with who wrote it, ready to reply under.

    Long posts are cut (the reply has a length limit too); a quote inside the
    quoted post nests one level deeper, as Markdown does, and one of a hidden post
    is left as HIDDEN_QUOTE."""
    body = hide_quotes_in_markdown(post.body)
    if len(body) > QUOTE_MAX_LENGTH:
        body = body[:QUOTE_MAX_LENGTH].rsplit(None, 1)[0] + " …"
    name = post.author.full_name or "A member"
    quoted = "\n".join(f"> {line}" if line.strip() else ">" for line in body.splitlines())
    path = reverse("forums:thread", args=[post.thread_id], urlconf=settings.ROOT_URLCONF)
    link = f"> [{QUOTE_LINK_TEXT}]({path}?post={post.pk})"
    return f"> **{name}** wrote:\n>\n{quoted}\n>\n{link}\n\n"


def _hidden(ids) -> set[int]:
    if not ids:
        return set()
    return set(Post.objects.filter(pk__in=ids, hidden=True).values_list("pk", flat=True))


# --- HTML: thread pages and live updates -------------------------------------------------


def _quotes(html: str) -> list[tuple[int, int, int]]:
    """(start, end, quoted post id) of every blockquote that ends in a quote link.
    nh3's output is well formed, so the tags pair up."""
    found, opened = [], []
    for tag in _BLOCKQUOTE_TAG.finditer(html):
        if not tag.group(1):
            opened.append(tag)
        elif opened:
            start = opened.pop()
            link = _HTML_LINK.search(html, start.end(), tag.start())
            if link:
                found.append((start.start(), tag.end(), int(link.group(1))))
    return found


def _replace_quotes(html: str, quotes, hidden: set[int]) -> str:
    parts, position = [], 0
    for start, end, post_id in sorted(quotes):
        if post_id in hidden and start >= position:  # inside a quote already replaced: gone
            parts += [
                html[position:start],
                f"<blockquote><p><em>{HIDDEN_QUOTE}</em></p></blockquote>",
            ]
            position = end
    return "".join(parts) + html[position:]


def hide_quotes_in_posts(posts) -> None:
    """Give each post `shown_html`: its HTML with quotes of hidden posts replaced.
    One query for the whole page, and none when nothing on it is quoted."""
    quotes = {post.pk: _quotes(post.body_html) for post in posts}
    hidden = _hidden({post_id for found in quotes.values() for _, _, post_id in found})
    for post in posts:
        post.shown_html = _replace_quotes(post.body_html, quotes[post.pk], hidden)


def hide_quotes_in_html(html: str) -> str:
    quotes = _quotes(html)
    return _replace_quotes(html, quotes, _hidden({post_id for _, _, post_id in quotes}))


# --- Markdown: email excerpts and new quotes ---------------------------------------------


def _depth(line: str) -> int:
    marks = _QUOTE_DEPTH.match(line)
    return marks.group(0).count(">") if marks else 0


def _markdown_quotes(lines: list[str], depth: int = 1):
    """(first line, end line, depth, quoted post id) of each block quote at `depth`
    or deeper that ends in a quote link, outer ones before the quotes inside them."""
    i = 0
    while i < len(lines):
        if _depth(lines[i]) < depth:
            i += 1
            continue
        end = i
        while end < len(lines) and _depth(lines[end]) >= depth:
            end += 1
        link = _MARKDOWN_LINK.search(lines[end - 1]) if _depth(lines[end - 1]) == depth else None
        if link:
            yield i, end, depth, int(link.group(1))
        for first, last, inner, post_id in _markdown_quotes(lines[i:end], depth + 1):
            yield i + first, i + last, inner, post_id
        i = end


def hide_quotes_in_markdown(body: str) -> str:
    """`body` with each quote of a hidden post left as HIDDEN_QUOTE (one query, or
    none when it quotes nothing)."""
    lines = body.splitlines()
    quotes = list(_markdown_quotes(lines))
    hidden = _hidden({post_id for *_, post_id in quotes})
    if not hidden:
        return body
    gone: set[int] = set()
    for first, end, depth, post_id in quotes:
        if post_id in hidden and first not in gone:
            lines[first] = "> " * depth + f"*{HIDDEN_QUOTE}*"
            gone.update(range(first + 1, end))
    return "\n".join(line for n, line in enumerate(lines) if n not in gone)
