"""axe-core on the region forums: no WCAG 2.2 AA violations it can detect, nothing
scrolls sideways on a phone, and the live-thread script loads cleanly.

The pages are the ones people use in their region's community. A link worker's:
the forum index (thread counts, latest activity, "New"), a category with threads
(one pinned, one locked), the "start a thread" form (empty, and sent empty: the
error summary), thread pages (one with Markdown: bold, lists, links, a blockquote,
code; a locked one with two hidden posts' placeholders, one of them the link
worker's own, with the moderator's reason; both pages of a thread with more than a
page of posts; a reply sent empty) and the form to report a post (its reasons as
radios; sent empty; "something else" without a note). A learning coordinator's:
the moderation queue (a safeguarding concern, and a post two people reported, each
named with their reason), a thread with its moderation controls and a post's hide
form open and a hidden post, and the form to suspend a member.

Everything is on the North West host (each host has its own session: each person
signs in there, once, through the real form, and the tests reuse that session in
fresh contexts).

Forum rows live in the region's schema, committed for the server to see. They are
deleted when the module ends, before the package's `people` fixture deletes the
users (an author who has posted cannot be deleted, by design): every report,
suspension, post and thread made in the North West schema while the module ran,
by us or by the server. The people fixture deletes the rest (people, audit events,
the safeguarding email in the outbox, sessions).

These pages found three faults, now fixed and kept fixed here: a line of code in a
post pushed a phone page sideways, the moderation queue listed posts nobody had
reported, and the server dropped an idle live socket every five seconds.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from unittest import mock

import pytest
from django.db import connection
from django.db.models import Max
from django.utils.text import slugify
from playwright.sync_api import expect

from .checks import Visit
from .conftest import signed_in_states
from .test_layout import watch_for_errors

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

REGION = "north-west"
LINK_WORKER, COORDINATOR = "north_west_link_worker", "north_west_coordinator"  # in `people`
INDEX = "/community/"
CATEGORY = "/community/c/peer-support/"
NEW_THREAD = CATEGORY + "new/"
QUEUE = "/community/moderation/"
SEARCH = "/community/search/"
POSTS_PER_PAGE = 20  # forums.views.POSTS_PER_PAGE
LONG_THREAD_POSTS = 25
LIVE_SCRIPT = "/static/js/forum-live.js"
SOCKET_SECONDS = 10


# --- Committed forum rows ------------------------------------------------------------

MARKDOWN_OPENING = """\
**Has anyone found a falls prevention service that takes self-referrals?**

A man I support had two falls this winter. He would like to:

- get his confidence back outdoors
- meet people of his own age
- avoid another stay in hospital

I have looked at [the NHS page on falls](https://www.nhs.uk/conditions/falls/) \
and [Age UK's advice](https://www.ageuk.org.uk/information-advice/health-wellbeing/exercise/falls-prevention/)."""

MARKDOWN_REPLIES = [
    """\
We use the community strength and balance classes. What worked for us:

1. Phone the leisure centre and ask for the *Steady Steps* coordinator
2. Ask for a taster session first
3. Go with him the first time

> He said he would only go if someone came with him the first time, and after \
that he never missed a week.""",
    """\
The referral form asks for a code. Ours is `FALLS-NW-01`, and the email \
subject line has to be exactly:

    Subject: Self-referral - strength and balance - North West

Otherwise it sits in the general inbox for a fortnight. @asha.patel has the \
list, or see https://www.nhs.uk/nhs-services/ for the national one.

```
Code: FALLS-NW-01
Ask for: <strength and balance>
```""",
    "Thank you both, that is really helpful. I will try the taster session.",
]


@dataclass(frozen=True)
class Forum:
    markdown_thread: int  # several posts with bold, lists, links, a blockquote, code
    markdown_reply: int  # a post with a list and a blockquote, by the coordinator
    locked_thread: int  # two of its posts hidden by the coordinator, one the link worker's
    long_thread: int  # more than a page of posts
    hidden_thread: int  # hidden by the coordinator: only moderators see it
    reported_member: object  # whose posts are in the moderation queue


HIDE_REASON = "A reply with nothing new in it: please add to the thread instead."


def _make_forum(*, link_worker, coordinator, other_link_worker, second_reporter) -> Forum:
    from forums.models import Thread
    from forums.moderation import post_report, post_set_hidden, thread_update
    from forums.services import post_reply
    from forums.tests.factories import make_thread

    def thread(author, title, body, replies=()):
        made = make_thread(author=author, title=title, body=body, category_slug="peer-support")
        posts = [made.posts.get().pk]
        for n, reply in enumerate(replies):
            by = coordinator if n % 2 == 0 else link_worker
            posts.append(post_reply(author=by, thread_id=made.pk, body=reply).pk)
        return made.pk, posts

    pinned, _ = thread(
        coordinator,
        "How to ask for help here (read this first)",
        "Say what you have tried, and never share anything that could identify a person.",
    )
    befriending, _ = thread(
        link_worker,
        "Befriending services for carers",
        "Which befriending services accept carers as well as the person they care for?",
    )
    advert = post_reply(
        author=other_link_worker,
        thread_id=befriending,
        body="My cousin runs a private befriending agency: quote SAM10 for 10% off.",
    ).pk
    locked, (_, _, same_here) = thread(
        link_worker,
        "Benefits advice drop-in has moved",
        "The Tuesday drop-in is now at the library on Market Street.",
        ["Thanks, I have updated our directory.", "Same here."],
    )
    off_topic = post_reply(
        author=other_link_worker, thread_id=locked, body="Does anyone want to buy a bike?"
    ).pk
    long, _ = thread(
        link_worker,
        "Weekly check-in: how is your caseload?",
        "Share how your week went, one line each.",
        [
            f"Week {n}: manageable, with {n % 4 + 2} new referrals."
            for n in range(1, LONG_THREAD_POSTS)
        ],
    )
    markdown, (_, markdown_reply, *_) = thread(
        link_worker, "Falls prevention: where do you refer?", MARKDOWN_OPENING, MARKDOWN_REPLIES
    )
    hidden, _ = thread(
        other_link_worker,
        "Selling tickets to my own wellbeing course",
        "Message me for a discount on my wellbeing course, only £50.",
    )
    _, (worrying,) = thread(
        other_link_worker,
        "A man I visit is not coping at home",
        "He has not eaten properly for days and says nobody would notice if he was gone.",
    )

    Thread.objects.filter(pk=pinned).update(pinned=True)
    Thread.objects.filter(pk=locked).update(locked=True)
    post_set_hidden(moderator=coordinator, post_id=same_here, hidden=True, reason=HIDE_REASON)
    post_set_hidden(
        moderator=coordinator, post_id=off_topic, hidden=True, reason="Not about the drop-in."
    )
    thread_update(moderator=coordinator, thread_id=hidden, hidden=True)
    post_report(
        reporter=link_worker,
        post_id=worrying,
        reason="safeguarding",
        note="He may be at risk: this needs a safeguarding referral today, not a forum thread.",
    )
    post_report(
        reporter=link_worker, post_id=advert, reason="spam", note="Advertising a paid service."
    )
    post_report(reporter=second_reporter, post_id=advert, reason="offensive")
    return Forum(
        markdown_thread=markdown,
        markdown_reply=markdown_reply,
        locked_thread=locked,
        long_thread=long,
        hidden_thread=hidden,
        reported_member=other_link_worker,
    )


def _forum_models():
    """The region's forum tables, in an order foreign keys allow deleting them."""
    from forums.models import Post, Report, Suspension, Thread

    return [Report, Suspension, Post, Thread]


def _delete_forum_rows(before):
    for model, top in before.items():
        model.objects.filter(pk__gt=top).delete()


@pytest.fixture(scope="module")
def forum(people, django_db_blocker) -> Forum:
    """Threads, reports and a hidden post in the North West forums, committed; deleted after."""
    from django_tenants.utils import tenant_context

    from learning.accounts.tests.factories import UserFactory
    from learning.regions.models import Region

    with django_db_blocker.unblock():
        connection.set_schema_to_public()
        north_west = Region.objects.get(slug=REGION)
        # One of the package's people, deleted by its `people` fixture.
        other_link_worker = UserFactory(
            full_name="Sam Green", email="sam.green@example.org", region=north_west
        )
        second_reporter = UserFactory(
            full_name="Nadia Rahman", email="nadia.rahman@example.org", region=north_west
        )
        with tenant_context(north_west):
            before = {m: m.objects.aggregate(top=Max("pk"))["top"] or 0 for m in _forum_models()}
            try:
                # No page is open yet, so there is nobody to tell: and in this thread,
                # where playwright's event loop runs, the broadcast would only log
                # that it cannot run async_to_sync.
                with mock.patch("forums.services.broadcast_after_commit"):
                    made = _make_forum(
                        link_worker=people.north_west_link_worker,
                        coordinator=people.north_west_coordinator,
                        other_link_worker=other_link_worker,
                        second_reporter=second_reporter,
                    )
            except BaseException:
                _delete_forum_rows(before)
                raise
        connection.set_schema_to_public()
    try:
        yield made
    finally:
        with django_db_blocker.unblock():
            connection.set_schema_to_public()
            with tenant_context(north_west):
                _delete_forum_rows(before)  # before the people fixture deletes the authors
            connection.set_schema_to_public()


@pytest.fixture(scope="module")
def sessions(forum, people, server, browser):
    """who -> Playwright storage state of a session signed in on the North West host."""
    return signed_in_states(
        browser, server.region(REGION), people, (LINK_WORKER, COORDINATOR), INDEX
    )


# --- The pages ---------------------------------------------------------------------


def send_empty(button: str, *errors: str):
    """Press `button` with the form empty; the error summary and every error show."""

    def send(page):
        with page.expect_navigation():
            # The keyboard, not a click: a tap can land on another element if a page
            # ever grows wider than the phone.
            page.get_by_role("button", name=button).press("Enter")
        expect(page.get_by_role("alert")).to_contain_text("There is a problem")
        summary = page.locator(".nhsuk-error-summary__list")
        for error in errors:
            expect(summary).to_contain_text(error)
        expect(page.locator(".nhsuk-error-message")).to_have_count(len(errors))

    return send


def the_category_as_designed(page):
    rows = page.locator("main tbody tr")
    expect(rows).to_have_count(6)
    expect(rows.first).to_contain_text("Pinned")
    expect(rows.first).to_contain_text("How to ask for help here")
    expect(page.locator("main tbody tr", has_text="Locked")).to_contain_text(
        "Benefits advice drop-in has moved"
    )


def the_markdown_as_html(page):
    body = page.locator(".lwln-post-body")
    expect(body).to_have_count(1 + len(MARKDOWN_REPLIES))
    for selector in (
        "strong",
        "ul li",
        "ol li",
        "a[href^='https://']",
        "blockquote",
        "code",
        "pre",
    ):
        expect(body.locator(selector).first).to_be_attached()
    # A pasted address is a link, a mention a name that goes nowhere, fenced code a block.
    pasted = body.locator("a[href='https://www.nhs.uk/nhs-services/']")
    expect(pasted).to_have_attribute("rel", "nofollow noopener noreferrer")
    expect(body.locator("span.lwln-mention", has_text="@asha.patel")).to_be_visible()
    expect(body.locator("pre > code", has_text="Ask for: <strength and balance>")).to_be_visible()


def the_first_of_two_pages(page):
    expect(page.locator("#posts > li")).to_have_count(POSTS_PER_PAGE)
    expect(page.locator(".nhsuk-pagination")).to_contain_text("Page 2 of 2")


def the_last_of_two_pages(page):
    expect(page.locator("#posts > li")).to_have_count(LONG_THREAD_POSTS - POSTS_PER_PAGE)
    expect(page.locator(".nhsuk-pagination")).to_contain_text("Page 1 of 2")


def the_moderation_controls_open(page):
    page.get_by_text("Moderate this thread").click()
    expect(page.get_by_role("button", name="Unlock")).to_be_visible()
    expect(page.get_by_label("Move to category")).to_be_visible()
    expect(page.locator("#posts")).to_contain_text("Hidden")
    expect(page.locator("#posts")).to_contain_text(HIDE_REASON)
    # A visible post's hide form, with the reason its author is emailed.
    page.locator("#posts summary", has_text="Hide").first.click()
    expect(page.get_by_label("Why are you hiding it?").first).to_be_visible()


def the_community_home(page):
    categories = page.locator("#categories > li")
    expect(categories).to_have_count(5)
    peer_support = categories.filter(has_text="Peer support and advice")
    expect(peer_support).to_contain_text("6 threads")  # the hidden one is not counted
    expect(peer_support).to_contain_text("Latest:")
    expect(peer_support.locator(".nhsuk-tag", has_text="New")).to_be_visible()


def the_hidden_posts_placeholders(page):
    """The link worker's own hidden post (with the reason) and someone else's."""
    placeholders = page.locator("#posts > li.lwln-post--hidden")
    expect(placeholders).to_have_count(2)
    expect(placeholders.first).to_contain_text("This post was hidden by a moderator.")
    expect(placeholders.first).to_contain_text(HIDE_REASON)
    expect(placeholders.nth(1)).not_to_contain_text("Not about the drop-in.")
    expect(page.locator("#posts")).not_to_contain_text("buy a bike")


def other_without_a_note(page):
    page.get_by_label("Something else").check()
    send_empty("Send report", "Say why you are reporting this post.")(page)


def the_reasons_as_radios(page):
    expect(page.get_by_role("radio")).to_have_count(5)
    expect(page.get_by_role("link", name="Back to the thread")).to_be_visible()


def the_safeguarding_concern(page):
    """The queue's page with the safeguarding concern on it: the first, as designed
    (see test_the_moderation_queue_lists_only_reported_posts for why it may not be)."""
    card = page.locator(".lwln-card--safeguarding")
    for _ in range(5):
        if card.count() or not page.locator(".nhsuk-pagination__link--next").count():
            break
        with page.expect_navigation():
            page.locator(".nhsuk-pagination__link--next").click()
    expect(card).to_contain_text("Safeguarding")
    expect(card).to_contain_text("needs a safeguarding referral today")
    expect(card).to_contain_text("Reported by 1 person: Priya Shah")
    expect(card.get_by_role("button", name="Hide post")).to_be_visible()


def the_search_results(page):
    results = page.locator("#search-results > li")
    expect(results.first).to_be_visible()
    expect(page.locator("main mark").first).to_be_visible()


def thread(field, query=""):
    return lambda forum: f"/community/t/{getattr(forum, field)}/{query}"


def report_of_the_markdown_reply(forum) -> str:
    return f"/community/p/{forum.markdown_reply}/report/"


def suspend_the_reported_member(forum) -> str:
    return f"/community/moderation/members/{forum.reported_member.pk}/"


# name: (who is signed in, path or path of the data, what they do there first, what must show)
PAGES = {
    "index": (LINK_WORKER, INDEX, the_community_home, "Peer support and advice"),
    "category": (LINK_WORKER, CATEGORY, the_category_as_designed, "6 threads"),
    "new thread": (LINK_WORKER, NEW_THREAD, None, "Start a thread in Peer support and advice"),
    "new thread, sent empty": (
        LINK_WORKER,
        NEW_THREAD,
        send_empty("Post thread", "Give your thread a title.", "Write your message."),
        None,
    ),
    "thread with markdown": (
        LINK_WORKER,
        thread("markdown_thread"),
        the_markdown_as_html,
        "Post reply",
    ),
    "thread, reply sent empty": (
        LINK_WORKER,
        thread("markdown_thread"),
        send_empty("Post reply", "Write your message."),
        None,
    ),
    "locked thread, with hidden posts": (
        LINK_WORKER,
        thread("locked_thread"),
        the_hidden_posts_placeholders,
        "This thread is locked",
    ),
    "long thread, page 1": (
        LINK_WORKER,
        thread("long_thread"),
        the_first_of_two_pages,
        "Go to the last page to reply",
    ),
    "long thread, page 2": (
        LINK_WORKER,
        thread("long_thread", "?page=2"),
        the_last_of_two_pages,
        "Post reply",
    ),
    "report a post": (
        LINK_WORKER,
        report_of_the_markdown_reply,
        the_reasons_as_radios,
        "If someone is in",
    ),
    "report a post, sent empty": (
        LINK_WORKER,
        report_of_the_markdown_reply,
        send_empty("Send report", "Choose why you are reporting this post."),
        None,
    ),
    "report a post, something else without a note": (
        LINK_WORKER,
        report_of_the_markdown_reply,
        other_without_a_note,
        None,
    ),
    "moderation queue": (COORDINATOR, QUEUE, the_safeguarding_concern, "Moderation"),
    "locked thread, for a coordinator": (
        COORDINATOR,
        thread("locked_thread"),
        the_moderation_controls_open,
        "This thread is locked",
    ),
    "hidden thread, for a coordinator": (
        COORDINATOR,
        thread("hidden_thread"),
        None,
        "Only moderators can see this thread",
    ),
    "search results": (LINK_WORKER, SEARCH + "?q=falls+referral", the_search_results, "Falls"),
    "search with no results": (
        LINK_WORKER,
        SEARCH + "?q=zebra+crossing",
        None,
        "No results for",
    ),
    "suspend a member": (COORDINATOR, suspend_the_reported_member, None, "Suspend Sam Green"),
    "suspend a member, sent empty": (
        COORDINATOR,
        suspend_the_reported_member,
        send_empty(
            "Suspend",
            "Choose how long the suspension lasts.",
            "Say why you are suspending this member.",
        ),
        None,
    ),
}


def path_of(name, forum) -> str:
    path = PAGES[name][1]
    return path(forum) if callable(path) else path


def visit(name, *, server, forum, sessions) -> Visit:
    who, _, then, shows = PAGES[name]
    return Visit(
        url=server.region(REGION) + path_of(name, forum),
        storage_state=sessions[who],
        then=then,
        shows=shows,
    )


@pytest.mark.parametrize("name", PAGES)
def test_no_wcag_violations_axe_can_find(name, server, forum, sessions, check_axe):
    check_axe(
        visit(name, server=server, forum=forum, sessions=sessions),
        name=f"forum {name}",
        screenshot=f"forum-{slugify(name)}",
    )


@pytest.mark.parametrize("name", PAGES)
def test_nothing_scrolls_sideways_on_a_phone(name, server, forum, sessions, check_phone):
    check_phone(
        visit(name, server=server, forum=forum, sessions=sessions),
        name=f"forum {name}",
        screenshot=f"forum-{slugify(name)}",
    )


def test_the_moderation_queue_lists_only_reported_posts(server, forum, sessions, new_context):
    """Not accessibility, but found by these pages' data: posts nobody reported stay out."""
    page = new_context(storage_state=sessions[COORDINATOR]).new_page()
    page.goto(server.region(REGION) + QUEUE)
    cards = page.locator("main .nhsuk-card")
    expect(cards.first).to_contain_text("Safeguarding", timeout=1000)
    expect(cards).to_have_count(2, timeout=1000)
    expect(cards.nth(1)).to_contain_text("Advertising a paid service.")
    expect(cards.nth(1)).to_contain_text("Reported by 2 people: Priya Shah, Nadia Rahman")
    expect(cards.nth(1)).to_contain_text("It is offensive or abusive")
    expect(page.locator("main")).not_to_contain_text("0 reports")


# --- The live script -----------------------------------------------------------------

LIVE_PAGES = [n for n in PAGES if n.startswith(("thread", "locked", "long")) and "empty" not in n]
NOT_THE_LAST_PAGE = {"long thread, page 1"}


@pytest.mark.parametrize("name", LIVE_PAGES)
def test_the_live_script_loads_without_errors(name, server, forum, sessions, new_context):
    """With the site's CSP in force: the module loads, nothing goes wrong in the console,
    and on a thread's last page it follows the thread and asks for what it missed."""
    who = PAGES[name][0]
    page = new_context(storage_state=sessions[who]).new_page()
    problems = watch_for_errors(page)
    frames: list[str] = []
    sockets: list[str] = []

    def on_socket(socket):
        sockets.append(socket.url)
        socket.on("framereceived", lambda payload: frames.append(payload))
        socket.on("socketerror", lambda error: problems.append(f"socket error: {error}"))

    page.on("websocket", on_socket)
    with page.expect_response(lambda r: r.url.endswith(LIVE_SCRIPT)) as script:
        page.goto(server.region(REGION) + path_of(name, forum))
    assert script.value.status == 200, f"{LIVE_SCRIPT} answered {script.value.status}"
    page.wait_for_load_state("load")

    if name in NOT_THE_LAST_PAGE:
        # New posts would land on another page, so the script opens no socket.
        page.wait_for_timeout(500)
        assert sockets == [], f"{name}: the script opened {sockets}"
    else:
        deadline = time.monotonic() + SOCKET_SECONDS
        while not any('"type": "backfill"' in frame for frame in frames):
            assert time.monotonic() < deadline, f"{name}: no backfill over the socket: {frames}"
            page.wait_for_timeout(100)
        assert sockets == [server.region(REGION).replace("http", "ws", 1) + "/ws/community/"]
        assert any('"type": "following"' in frame for frame in frames), frames
        assert not any('"type": "error"' in frame for frame in frames), frames
    page.wait_for_timeout(200)  # a late console error is still caught
    assert problems == [], f"{name} ({page.url}): {problems}"


def test_the_live_socket_stays_open_while_the_thread_page_is_idle(
    server, forum, sessions, new_context
):
    page = new_context(storage_state=sessions[LINK_WORKER]).new_page()
    closed = []
    page.on("websocket", lambda socket: socket.on("close", lambda _: closed.append(socket.url)))
    with page.expect_websocket():
        page.goto(server.region(REGION) + path_of("thread with markdown", forum))
    page.wait_for_timeout(7_000)  # longer than either timeout

    assert closed == [], f"the live socket closed while the page was idle: {closed}"


def test_a_reply_appears_on_an_open_thread_without_reloading(server, forum, sessions, new_context):
    base = server.region(REGION)
    thread = f"/community/t/{forum.long_thread}/?page=last"
    reader = new_context(storage_state=sessions[LINK_WORKER]).new_page()
    with reader.expect_websocket():
        reader.goto(base + thread)
    reader.wait_for_timeout(500)  # following the thread

    writer = new_context(storage_state=sessions[COORDINATOR]).new_page()
    writer.goto(base + thread)
    writer.get_by_label("Your reply").fill("Live reply: the walking group meets on Tuesdays.")
    with writer.expect_navigation():
        writer.get_by_role("button", name="Post reply").press("Enter")

    expect(reader.locator("#posts")).to_contain_text(
        "Live reply: the walking group meets on Tuesdays.", timeout=2000
    )
    expect(reader.locator("#live-status")).to_contain_text("New post from")


def test_a_new_thread_appears_on_an_open_category_without_reloading(
    server, forum, sessions, new_context
):
    base = server.region(REGION)
    reader = new_context(storage_state=sessions[LINK_WORKER]).new_page()
    with reader.expect_websocket():
        reader.goto(base + "/community/c/peer-support/")
    reader.wait_for_timeout(500)

    writer = new_context(storage_state=sessions[COORDINATOR]).new_page()
    writer.goto(base + "/community/c/peer-support/new/")
    writer.get_by_label("Title").fill("Live thread: carers' groups near Wigan")
    writer.get_by_label("Your message").fill("Which ones do you refer to?")
    with writer.expect_navigation():
        writer.get_by_role("button", name="Post thread").press("Enter")

    expect(reader.locator("#new-threads")).to_contain_text(
        "Live thread: carers' groups near Wigan", timeout=2000
    )
