"""Searching the current region's forums: PostgreSQL full text over post bodies and
thread titles, in this region's schema only."""

import html
import re

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F, Func, IntegerField, OuterRef, Q, Subquery
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .models import Post, Thread
from .quoting import hide_quotes_in_posts

SEARCH_CONFIG = "english"
QUERY_MAX_LENGTH = 200
SNIPPET_WORDS = 35

# ts_headline wraps matched words in these; they are turned into <mark> only after
# the snippet has been escaped, so nothing a member wrote can become markup.
# Private-use characters, so ordinary text never contains them (and a member who
# types them gets at most a harmless <mark>).
MARK_START, MARK_STOP = "\ue000", "\ue001"
_MARKED = re.compile(f"{MARK_START}([^{MARK_START}{MARK_STOP}]*){MARK_STOP}")
_STRAY_MARKS = re.compile(f"[{MARK_START}{MARK_STOP}]")
# Snippets are cut from the stored, sanitised HTML, not the Markdown, so they read as
# the post does (no **, [text](url) or # marks). ts_headline's parser takes tags
# for tags and prints a space for each; anything tag-like left over is dropped
# (the HTML's text never holds a raw < or >), and then its entities are read.
_TAG_DEBRIS = re.compile(r"<[^>]*(?:>|$)|^[^<]*>")
# Markdown tables are not rendered, so a table's | and |---| rows are only noise.
_TABLE_NOISE = re.compile(r"(?<!\S)(?:[|:-]*\|[|:-]*|:?-{3,}:?)(?!\S)")
# The space a tag left before closing punctuation or after an opening bracket
# ("on <a>Tuesdays</a>." would read "on Tuesdays ."); marks may sit between.
_SPACE_BEFORE_CLOSING = re.compile(f"(?<=\\S) (?=[{MARK_STOP}]*[.,;:!?)\\]])")
_SPACE_AFTER_OPENING = re.compile(f"(?<=[(\\[]) (?=[{MARK_START}]*\\S)")


def post_body_vector() -> SearchVector:
    # The same expression as the index forums_post_body_search (migration 0006),
    # or PostgreSQL will not use it.
    return SearchVector("body", config=SEARCH_CONFIG)


def thread_title_vector(field: str = "title") -> SearchVector:
    # On Thread, the same expression as the index forums_thread_title_search.
    return SearchVector(field, config=SEARCH_CONFIG)


def forum_search(query: str, *, include_hidden: bool = False):
    """Posts in this region's forums matching `query` (web-search syntax: words,
    "a phrase", -not, or), best first, then newest; paginate it.

    A post matches by its own words, or, as its thread's opening post, by the
    thread's title (so a title match is one result, not one per reply). Hidden posts
    and posts in hidden threads are left out unless `include_hidden` (moderators).
    Each post carries `rank`, `headline` (a piece of its HTML, tags spaced out, with
    MARK_START/MARK_STOP around matches: turn it into HTML with `snippet_html`) and
    `position`, its 0-based place among the thread's posts this reader sees, which
    gives the page it is on.
    """
    terms = SearchQuery(query, config=SEARCH_CONFIG, search_type="websearch")
    visible = Post.objects.all() if include_hidden else Post.objects.filter(hidden=False)

    # Two index scans, each on its own table, unioned into the set of matching posts
    # (order_by(): the models' default orderings would only add sorts to the union).
    by_body = (
        Post.objects.annotate(vector=post_body_vector())
        .filter(vector=terms)
        .order_by()
        .values("pk")
    )
    opening_post = visible.filter(thread=OuterRef("pk")).order_by("created_at", "pk").values("pk")
    by_title = Thread.objects.annotate(vector=thread_title_vector()).filter(vector=terms).order_by()
    if not include_hidden:
        by_title = by_title.filter(hidden=False)
    by_title = by_title.values(first_post=Subquery(opening_post[:1]))

    results = visible.filter(pk__in=by_body.union(by_title))
    if not include_hidden:
        results = results.filter(thread__hidden=False)
    return (
        results.select_related("thread__category", "author")
        .annotate(
            rank=SearchRank(post_body_vector(), terms)
            + SearchRank(thread_title_vector("thread__title"), terms),
            position=_position_in_thread(visible),
            # PostgreSQL computes these two only for the rows of the page (after the
            # sort and LIMIT), as they cost more than the sort key.
            headline=SearchHeadline(
                "body_html",
                terms,
                config=SEARCH_CONFIG,
                start_sel=MARK_START,
                stop_sel=MARK_STOP,
                max_words=SNIPPET_WORDS,
                min_words=15,
            ),
        )
        .order_by("-rank", "-created_at", "-pk")
    )


def _position_in_thread(visible) -> Subquery:
    """How many posts the reader sees before this one in its thread, in the thread
    page's order (created_at, pk): one index lookup per post shown."""
    earlier = visible.filter(thread=OuterRef("thread")).filter(
        Q(created_at__lt=OuterRef("created_at"))
        | Q(created_at=OuterRef("created_at"), pk__lt=OuterRef("pk"))
    )
    # COUNT as a plain function: no GROUP BY, so a thread with none before gives 0.
    count = Func(F("pk"), function="COUNT", output_field=IntegerField())
    return Subquery(earlier.order_by().values(n=count), output_field=IntegerField())


def hide_quoted_hidden_posts(page, query: str) -> None:
    """A post that quotes a post a moderator hid shows none of its words here either,
    as on the thread page: its headline is cut from the HTML the page shows, without
    marks, and if only the hidden words matched, it leaves the page (else searching
    for them would tell who had written them). Two queries at most for the page,
    one when nothing on it quotes a hidden post; the page's count may then be one
    or two over what it lists, which tells nothing."""
    posts = list(page.object_list)
    hide_quotes_in_posts(posts)
    changed = [post for post in posts if post.shown_html != post.body_html]
    if not changed:
        page.object_list = posts
        return
    # The shown HTML with its tags spaced out, as ts_headline gives a headline.
    spaced = {post.pk: _TAG_DEBRIS.sub(" ", post.shown_html) for post in changed}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT t.id FROM unnest(%s::bigint[], %s::text[]) AS t(id, body)"
            " WHERE to_tsvector(%s::regconfig, t.body) @@ websearch_to_tsquery(%s::regconfig, %s)",
            [
                list(spaced),
                [_findable_text(post, spaced[post.pk]) for post in changed],
                SEARCH_CONFIG,
                SEARCH_CONFIG,
                query,
            ],
        )
        still_matching = {row[0] for row in cursor.fetchall()}
    for post in changed:
        post.headline = " ".join(spaced[post.pk].split()[:SNIPPET_WORDS])
    page.object_list = [post for post in posts if post not in changed or post.pk in still_matching]


def _findable_text(post, spaced_html: str) -> str:
    """What a reader can find a post by once hidden quotes are taken out: the text it
    shows, and its thread's title if it opens the thread."""
    text = html.unescape(spaced_html)
    return f"{post.thread.title} {text}" if post.position == 0 else text


def snippet_html(headline: str) -> SafeString:
    """A headline from `forum_search` as safe HTML: its plain text, escaped, then
    the matches marked."""
    text = html.unescape(_TAG_DEBRIS.sub(" ", headline))
    text = " ".join(_TABLE_NOISE.sub(" ", text).split())
    text = _SPACE_AFTER_OPENING.sub("", _SPACE_BEFORE_CLOSING.sub("", text))
    text = escape(text)
    text = _MARKED.sub(r"<mark>\1</mark>", text)
    return mark_safe(_STRAY_MARKS.sub("", text))
