"""axe-core and the phone check on the forum notification pages, and the header's
live unread count in the browser.

A link worker's notifications (a mention and a reply, one read), the empty list
(the coordinator's), the settings page with a followed thread and category, and
the one-click unsubscribe pages, signed out. The header count updates live on a
page that is not a forum page (notifications-live.js opens the socket) and on a
forum page (forum-live.js owns the one socket and passes the message on).

Rows are committed in the North West schema and deleted when the module ends,
before the package's `people` fixture deletes the people."""

from __future__ import annotations

from dataclasses import dataclass
from unittest import mock

import pytest
from django.db import connection
from django.db.models import Max
from django.utils.text import slugify
from playwright.sync_api import expect

from .checks import assert_fits_the_phone, assert_no_axe_violations, phone_context
from .conftest import signed_in_states
from .test_layout import watch_for_errors

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

REGION = "north-west"
LINK_WORKER, COORDINATOR = "north_west_link_worker", "north_west_coordinator"  # in `people`
NOTIFICATIONS = "/community/notifications/"
SETTINGS = "/community/notifications/settings/"


@dataclass(frozen=True)
class Made:
    thread: int
    unsubscribe_path: str


def _models():
    """In an order foreign keys allow deleting them."""
    from forums.models import Notification, NotificationPreference, Post, Subscription, Thread

    return [Notification, Subscription, NotificationPreference, Post, Thread]


def _delete_rows(before):
    for model, top in before.items():
        model.objects.filter(pk__gt=top).delete()


@pytest.fixture(scope="module")
def made(people, django_db_blocker) -> Made:
    from urllib.parse import urlsplit

    from django_tenants.utils import tenant_context

    from forums.models import Category, Notification
    from forums.notification_emails import unsubscribe_url
    from forums.notifications import subscription_follow
    from forums.services import post_reply
    from forums.tests.factories import make_thread
    from learning.regions.models import Region

    worker, coordinator = people.north_west_link_worker, people.north_west_coordinator
    with django_db_blocker.unblock():
        connection.set_schema_to_public()
        north_west = Region.objects.get(slug=REGION)
        with tenant_context(north_west):
            before = {m: m.objects.aggregate(top=Max("pk"))["top"] or 0 for m in _models()}
            try:
                # Nobody has a page open yet, and in this thread (playwright's event loop)
                # a broadcast could only log that it cannot run async_to_sync.
                with (
                    mock.patch("forums.services.broadcast_after_commit"),
                    mock.patch("forums.notifications.broadcast_after_commit"),
                ):
                    thread = make_thread(
                        author=worker, title="Social prescribing for carers", body="Any tips?"
                    )
                    handle = worker.email.split("@")[0]
                    post_reply(
                        author=coordinator,
                        thread_id=thread.pk,
                        body=f"@{handle} the carers' centre takes self-referrals.",
                    )
                    read = post_reply(
                        author=coordinator, thread_id=thread.pk, body="And the library."
                    )
                    Notification.objects.filter(post=read).update(read_at=read.created_at)
                    subscription_follow(worker, category=Category.objects.get(slug="peer-support"))
                path = urlsplit(unsubscribe_url(worker, region=north_west)).path
            except BaseException:
                _delete_rows(before)
                raise
        connection.set_schema_to_public()
    try:
        yield Made(thread=thread.pk, unsubscribe_path=path)
    finally:
        with django_db_blocker.unblock():
            connection.set_schema_to_public()
            with tenant_context(north_west):
                _delete_rows(before)
            connection.set_schema_to_public()


@pytest.fixture(scope="module")
def sessions(made, people, server, browser):
    return signed_in_states(
        browser, server.region(REGION), people, (LINK_WORKER, COORDINATOR), NOTIFICATIONS
    )


def unsubscribed(page):
    with page.expect_navigation():
        page.get_by_role("button", name="Stop forum emails").press("Enter")


# name: (who is signed in (None: signed out), path of the data, what they do first, what shows)
PAGES = {
    "notifications": (LINK_WORKER, lambda m: NOTIFICATIONS, None, "mentioned you"),
    "no notifications": (COORDINATOR, lambda m: NOTIFICATIONS, None, "no notifications yet"),
    "settings": (LINK_WORKER, lambda m: SETTINGS, None, "Social prescribing for carers"),
    "unsubscribe": (None, lambda m: m.unsubscribe_path, None, "Stop emails from the North West"),
    "unsubscribed": (
        None,
        lambda m: m.unsubscribe_path,
        unsubscribed,
        "You will no longer get forum emails from North West",
    ),
    "unsubscribe link not valid": (
        None,
        lambda m: "/community/unsubscribe/not-a-token/",
        None,
        "This unsubscribe link does not work",
    ),
}


def open_page(name, *, server, made, sessions, new_context, **options):
    who, path, then, shows = PAGES[name]
    if who:
        options["storage_state"] = sessions[who]
    page = new_context(**options).new_page()
    response = page.goto(server.region(REGION) + path(made))
    expected = 400 if "not valid" in name else 200
    assert response.status == expected, f"{name}: answered {response.status}"
    if then:
        then(page)
    expect(page.locator("main")).to_contain_text(shows)
    return page


@pytest.mark.parametrize("name", PAGES)
def test_no_wcag_violations_axe_can_find(
    name, server, made, sessions, new_context, axe_source, screenshots_dir
):
    page = open_page(
        name, server=server, made=made, sessions=sessions, new_context=new_context, bypass_csp=True
    )
    page.screenshot(path=screenshots_dir / f"notifications-{slugify(name)}.png", full_page=True)
    assert_no_axe_violations(page, f"notifications {name}", axe_source)


@pytest.mark.parametrize("name", PAGES)
def test_nothing_scrolls_sideways_on_a_phone(
    name, server, made, sessions, new_context, screenshots_dir
):
    page = open_page(
        name,
        server=server,
        made=made,
        sessions=sessions,
        new_context=lambda **options: phone_context(new_context, **options),
    )
    page.screenshot(
        path=screenshots_dir / f"notifications-{slugify(name)}-phone.png", full_page=True
    )
    assert_fits_the_phone(page, f"notifications {name}")


def reply_as_the_coordinator(server, sessions, new_context, made, body: str) -> None:
    writer = new_context(storage_state=sessions[COORDINATOR]).new_page()
    writer.goto(server.region(REGION) + f"/community/t/{made.thread}/?page=last")
    writer.get_by_label("Your reply").fill(body)
    with writer.expect_navigation():
        writer.get_by_role("button", name="Post reply").press("Enter")


@pytest.mark.parametrize(
    ("where", "socket_owner"),
    [("/", "notifications-live.js"), ("/community/c/peer-support/", "forum-live.js")],
)
def test_the_header_count_updates_live_over_one_socket(
    where, socket_owner, server, made, sessions, new_context
):
    reader = new_context(storage_state=sessions[LINK_WORKER]).new_page()
    problems = watch_for_errors(reader)
    sockets = []
    reader.on("websocket", lambda socket: sockets.append(socket.url))
    with reader.expect_websocket():
        reader.goto(server.region(REGION) + where)
    link = reader.get_by_role("link", name="Notifications")
    badge = reader.locator("#notifications-badge")
    before = int(badge.text_content())
    reader.wait_for_timeout(500)  # joined its groups

    reply_as_the_coordinator(server, sessions, new_context, made, f"Live from {socket_owner}")

    expect(badge).to_have_text(str(before + 1), timeout=3000)
    expect(badge).to_be_visible()
    expect(link).to_have_accessible_name(f"Notifications, {before + 1} unread")
    assert sockets == [server.region(REGION).replace("http", "ws", 1) + "/ws/community/"]
    reader.wait_for_timeout(200)
    assert problems == [], problems
