"""Searching a region's forums (issue 4): full text over post bodies and thread titles,
in this region's schema only, without hidden posts for members, and without letting
anything a member wrote become markup in the snippets."""

import re
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.utils import timezone
from django_tenants.utils import tenant_context

from forums.models import Post, Suspension, Thread
from forums.search import QUERY_MAX_LENGTH, forum_search
from forums.services import post_reply
from forums.tests.factories import make_thread
from forums.tests.test_threads import executable_markup
from forums.tests.xss_payloads import XSS_PAYLOADS
from learning.accounts.enums import Role
from learning.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SEARCH = "/community/search/"
# Today 10: two search_path SETs, domain, session, user, region access, suspension,
# the count, the page of results (ranks, snippets, page numbers and all), and the
# header's unread count. The same ceiling as the thread and category pages.
QUERY_CEILING = 12


@pytest.fixture
def member(north_west):
    return UserFactory(region=north_west, full_name="Sam Okafor")


@pytest.fixture
def client(north_west, member, client_for):
    return client_for(north_west, member)


@pytest.fixture
def moderator(north_west, client_for):
    coordinator = UserFactory(role=Role.COORDINATOR, region=north_west, full_name="Asha Patel")
    return client_for(north_west, coordinator)


def in_region(region, call):
    with tenant_context(region):
        return call()


def results_of(html: str) -> str:
    """The results list alone (the page's header has its own form, inputs and svg)."""
    if 'id="search-results"' not in html:
        return ""
    start = html.index('id="search-results"')
    return html[start : html.index("</ol>", start)]


def result_links(html: str) -> list[str]:
    return re.findall(r'<h3[^>]*><a href="([^"]+)"', results_of(html))


def tags_in(html: str) -> list[tuple[str, list]]:
    """Every start tag in `html`, as the browser's tokeniser would see it."""
    found = []
    parser = HTMLParser()
    parser.handle_starttag = lambda tag, attrs: found.append((tag, attrs))
    parser.feed(html)
    return found


def test_a_word_in_a_post_is_found_by_its_stem(north_west, member, client):
    in_region(
        north_west,
        lambda: make_thread(
            author=member, title="Walking groups", body="I made a referral to the walking group."
        ),
    )
    html = client.get(SEARCH, {"q": "referrals"}).content.decode()
    assert "1 result for" in html
    results = results_of(html)
    assert "Walking groups</a>" in results
    assert "<mark>referral</mark>" in results
    assert "Sam Okafor" in results and "Peer support" in results  # author and category


def test_a_title_word_finds_the_threads_opening_post_once(north_west, member, client):
    def thread_with_replies():
        thread = make_thread(author=member, title="Befriending services", body="Who runs them?")
        for n in range(3):
            post_reply(author=member, thread_id=thread.pk, body=f"Reply {n}")
        return thread

    thread = in_region(north_west, thread_with_replies)
    opening = in_region(north_west, lambda: thread.posts.order_by("created_at", "pk").first())
    html = client.get(SEARCH, {"q": "befriend"}).content.decode()
    assert result_links(html) == [f"/community/t/{thread.pk}/#post-{opening.pk}"]


def test_a_match_in_title_and_body_ranks_above_a_match_in_the_body_only(north_west, member, client):
    def threads():
        body_only = make_thread(author=member, title="Tuesday", body="Social prescribing works.")
        both = make_thread(author=member, title="Social prescribing", body="Prescribing, social.")
        return body_only, both

    body_only, both = in_region(north_west, threads)
    links = result_links(client.get(SEARCH, {"q": "social prescribing"}).content.decode())
    assert [link.split("#")[0] for link in links] == [
        f"/community/t/{both.pk}/",
        f"/community/t/{body_only.pk}/",
    ]


def test_web_search_syntax_phrases_and_exclusions(north_west, member, client):
    def threads():
        make_thread(author=member, title="One", body="Debt advice from the council.")
        make_thread(author=member, title="Two", body="Advice on debt from a charity.")

    in_region(north_west, threads)
    assert len(result_links(client.get(SEARCH, {"q": "debt advice"}).content.decode())) == 2
    phrase = client.get(SEARCH, {"q": '"debt advice"'}).content.decode()
    assert len(result_links(phrase)) == 1 and "One</a>" in phrase
    excluded = client.get(SEARCH, {"q": "advice -council"}).content.decode()
    assert len(result_links(excluded)) == 1 and "Two</a>" in excluded


def test_members_never_see_hidden_posts_or_posts_in_hidden_threads(
    north_west, member, client, moderator
):
    def threads():
        shown = make_thread(author=member, title="Open", body="Allotment group one")
        hidden_post = post_reply(author=member, thread_id=shown.pk, body="Allotment group two")
        Post.objects.filter(pk=hidden_post.pk).update(hidden=True)
        hidden_thread = make_thread(author=member, title="Closed", body="Allotment group three")
        Thread.objects.filter(pk=hidden_thread.pk).update(hidden=True)
        hidden_title = make_thread(author=member, title="Allotment", body="Hidden by title")
        Thread.objects.filter(pk=hidden_title.pk).update(hidden=True)

    in_region(north_west, threads)
    html = client.get(SEARCH, {"q": "allotment"}).content.decode()
    assert "1 result for" in html
    assert "group one" in html
    for secret in ("group two", "group three", "Closed", "Hidden by title"):
        assert secret not in html
    as_moderator = moderator.get(SEARCH, {"q": "allotment"}).content.decode()
    assert "4 results for" in as_moderator
    assert results_of(as_moderator).count("Hidden</strong>") == 3


def test_the_link_opens_the_page_the_post_is_on_as_the_reader_sees_the_thread(
    north_west, member, client, moderator
):
    def long_thread():
        thread = make_thread(author=member, title="Long", body="Opening words")
        replies = [
            post_reply(author=member, thread_id=thread.pk, body=f"Reply {n}") for n in range(20)
        ]
        target = post_reply(author=member, thread_id=thread.pk, body="The kingfisher reply")
        # Two earlier posts hidden: members see the target as the 19th post, on page 1;
        # moderators, who see hidden posts in the thread, as the 22nd, on page 2.
        Post.objects.filter(pk__in=[replies[0].pk, replies[1].pk]).update(hidden=True)
        return thread, target

    thread, target = in_region(north_west, long_thread)
    url = f"/community/t/{thread.pk}/"
    assert result_links(client.get(SEARCH, {"q": "kingfisher"}).content.decode()) == [
        f"{url}#post-{target.pk}"
    ]
    assert result_links(moderator.get(SEARCH, {"q": "kingfisher"}).content.decode()) == [
        f"{url}?page=2#post-{target.pk}"
    ]
    assert f'id="post-{target.pk}"' in client.get(url).content.decode()
    assert f'id="post-{target.pk}"' in moderator.get(url, {"page": 2}).content.decode()


def test_another_regions_posts_are_never_found(north_west, london, member, client_for):
    in_region(north_west, lambda: make_thread(author=member, title="NW", body="Lighthouse club"))
    londoner = client_for(london, UserFactory(region=london))
    html = londoner.get(SEARCH, {"q": "lighthouse"}).content.decode()
    assert "No results for" in html
    assert "Lighthouse club" not in html
    assert in_region(london, lambda: forum_search("lighthouse").count()) == 0
    # And a London member cannot search North West's forums from its host.
    outsider = client_for(north_west, UserFactory(region=london))
    assert outsider.get(SEARCH, {"q": "lighthouse"}).status_code == 403


def test_no_payload_in_a_post_becomes_markup_in_the_snippets(north_west, member, client):
    def posts():
        thread = make_thread(author=member, title="Payloads", body="zebra first")
        for payload in XSS_PAYLOADS:
            post_reply(author=member, thread_id=thread.pk, body=f"zebra {payload}")

    in_region(north_west, posts)
    # "alert" matches inside most payloads, so the snippet is cut from the payload itself.
    shown = {}
    for query in ("zebra", "alert"):
        shown[query] = []
        for page in range(1, 5):
            html = client.get(SEARCH, {"q": query, "page": page}).content.decode()
            results = results_of(html)
            assert executable_markup(results) == [], (query, page)
            assert "<script" not in results.lower()
            # The only elements are the template's own, and the only links the results'.
            tags = tags_in(results)
            assert {tag for tag, _ in tags} <= {"li", "h3", "a", "p", "mark", "strong"}, tags
            assert all(
                dict(attrs)["href"].startswith("/community/t/") for tag, attrs in tags if tag == "a"
            )
            shown[query].append(results)
            if "Next" not in html:
                break
    assert "".join(shown["zebra"]).count("<li") == len(XSS_PAYLOADS) + 1
    # Snippets are cut from the sanitised HTML, so they read as the post does: what
    # nh3 dropped (every <img src=x ...>) is not there, what it kept shows escaped.
    alert = "".join(shown["alert"])
    assert "src=" not in alert
    assert "onerror= <mark>alert</mark>(1) &gt;" in alert


def test_no_payload_in_the_query_becomes_markup(north_west, member, client):
    in_region(north_west, lambda: make_thread(author=member, body="alert script img"))
    for payload in XSS_PAYLOADS:
        html = client.get(SEARCH, {"q": payload[:QUERY_MAX_LENGTH]}).content.decode()
        main = html[html.index('id="maincontent"') :]
        main = main[: main.index("</main>")]
        forms_removed = re.sub(r"<form .*?</form>", "", main, flags=re.DOTALL)
        assert executable_markup(forms_removed) == [], payload


def test_a_member_cannot_fake_highlighting(north_west, member, client):
    in_region(
        north_west,
        lambda: make_thread(author=member, body="\ue000 1 < 2 \ue001 otter \ue001\ue000 end"),
    )
    results = results_of(client.get(SEARCH, {"q": "otter"}).content.decode())
    [snippet] = re.findall(r'<p class="nhsuk-body-s lwln-snippet">(.*?)</p>', results)
    # Their markers make at most a <mark> round escaped text; stray ones are dropped.
    assert "<mark>otter</mark>" in snippet
    assert "&lt;" in snippet
    assert "<" not in re.sub(r"</?mark>", "", snippet)
    assert snippet.count("<mark>") == snippet.count("</mark>")
    assert "\ue000" not in results and "\ue001" not in results


def test_results_pages_run_the_same_bounded_number_of_queries_for_3_and_30_posts(
    north_west, client, queries_for, django_assert_max_num_queries
):
    def posts(count):
        for n in range(count):  # each by someone else, in a thread of its own
            make_thread(author=UserFactory(region=north_west), body=f"Heron sighting {n}")

    in_region(north_west, lambda: posts(3))
    client.get(SEARCH, {"q": "heron"})
    with django_assert_max_num_queries(QUERY_CEILING):
        html = client.get(SEARCH, {"q": "heron"}).content.decode()
    assert "3 results for" in html
    three = queries_for(lambda: client.get(SEARCH, {"q": "heron"}))
    in_region(north_west, lambda: posts(27))
    with django_assert_max_num_queries(QUERY_CEILING):
        html = client.get(SEARCH, {"q": "heron"}).content.decode()
    assert "30 results for" in html
    assert queries_for(lambda: client.get(SEARCH, {"q": "heron"})) == three
    assert queries_for(lambda: client.get(SEARCH, {"q": "heron", "page": 2})) == three


def test_results_are_paginated_twenty_a_page(north_west, member, client):
    def posts():
        thread = make_thread(author=member, title="Many", body="Pelican 0")
        for n in range(1, 25):
            post_reply(author=member, thread_id=thread.pk, body=f"Pelican {n}")

    in_region(north_west, posts)
    first = client.get(SEARCH, {"q": "pelican"}).content.decode()
    assert "25 results for" in first
    assert len(result_links(first)) == 20
    assert "Page 2 of 2" in first and "q=pelican" in first
    second = client.get(SEARCH, {"q": "pelican", "page": 2}).content.decode()
    assert len(result_links(second)) == 5
    links = set(result_links(first)) | set(result_links(second))
    assert len(links) == 25
    # Equal rank: newest first.
    assert "</mark> 24</p>" in results_of(first).split("</li>")[0]


def test_an_empty_search_shows_the_form_only(client):
    for params in ({}, {"q": ""}, {"q": "   "}):
        response = client.get(SEARCH, params)
        assert response.status_code == 200
        html = response.content.decode()
        assert '<label class="nhsuk-label" for="id_q">' in html
        assert "result" not in html.lower().split("<main", 1)[1]


def test_a_search_with_no_results_says_so_with_tips(client):
    html = client.get(SEARCH, {"q": "xylophone"}).content.decode()
    assert "No results for" in html
    assert "check the spelling" in html


def test_a_too_long_search_is_refused_with_a_message(north_west, member, client):
    in_region(north_west, lambda: make_thread(author=member, body="walrus"))
    response = client.get(SEARCH, {"q": "walrus " + "x" * QUERY_MAX_LENGTH})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Keep your search to 200 characters or fewer." in html
    assert "There is a problem" in html and 'aria-invalid="true"' in html
    assert results_of(html) == ""
    assert client.get(SEARCH, {"q": "walrus".ljust(QUERY_MAX_LENGTH, "x")}).status_code == 200


@pytest.mark.parametrize(
    "query",
    [
        "\x00",
        "wal\x00rus",
        "'; DROP TABLE forums_post; --",
        '"unclosed',
        "& | ! ( ) : * <-> \\",
        "-",
        "or",
        "the and of",  # only stop words: an empty query
        "🐋 café naïve",
        "\u202e\ufeff\u200b",
        "%",
        "a" * 200,
    ],
)
def test_odd_searches_get_a_page_not_an_error(north_west, member, client, query):
    in_region(north_west, lambda: make_thread(author=member, body="walrus"))
    assert client.get(SEARCH, {"q": query}).status_code == 200


def test_undecodable_and_repeated_parameters_get_a_page(client):
    assert client.get(SEARCH + "?q=%FF%FE%00walrus").status_code == 200
    assert client.get(SEARCH + "?q=one&q=two&page=-1").status_code == 200
    assert client.get(SEARCH + "?q=walrus&page=abc").status_code == 200


def test_search_is_for_signed_in_members_not_suspended(north_west, member, client, client_for):
    response = client_for(north_west).get(SEARCH, {"q": "walrus"})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    in_region(
        north_west,
        lambda: Suspension.objects.create(
            user=member,
            created_by=member,
            until=timezone.now() + timedelta(days=1),
            reason="Test",
        ),
    )
    assert client.get(SEARCH, {"q": "walrus"}).status_code == 403


def test_the_forum_index_has_a_search_box(client):
    html = client.get("/community/").content.decode()
    assert 'action="/community/search/"' in html
    assert '<label class="nhsuk-label" for="forum-search-field">' in html


def test_the_search_uses_both_gin_indexes(north_west, member):
    """The query's vectors are the indexes' very expressions. With sequential scans
    off, a plan that still names the indexes proves PostgreSQL can use them (with a
    handful of rows it would rightly scan instead)."""

    def plan():
        make_thread(author=member, body="otter")
        with connection.cursor() as cursor:
            # Once autovacuum has given the table statistics, a plain index scan on
            # another index can win over the bitmap scans; forbid both alternatives.
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_indexscan = off")
        try:
            return forum_search("otters").explain()
        finally:
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL enable_seqscan = on")
                cursor.execute("SET LOCAL enable_indexscan = on")

    text = in_region(north_west, plan)
    assert "Bitmap Index Scan on forums_post_body_search" in text, text
    assert "Bitmap Index Scan on forums_thread_title_search" in text, text
