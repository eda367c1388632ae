"""A reply posted over HTTP reaches an open thread page's socket through the real
Redis channel layer, after commit; a page that reconnects backfills what it missed."""

import time

import pytest
from channels.db import database_sync_to_async
from django.test import Client
from django_tenants.utils import tenant_context

from forums.models import Post, Thread
from forums.tests.factories import make_thread
from learning.regions.consumers import region_group

from .test_websockets import connect, people  # noqa: F401 (fixture)

pytestmark = pytest.mark.integration


@pytest.fixture
def thread(people):  # noqa: F811
    north_west = people["regions"]["north-west"]
    with tenant_context(north_west):
        thread = make_thread(author=people["nw"], title="Live thread", body="First post")
    yield thread
    with tenant_context(north_west):
        Post.objects.filter(thread=thread).delete()
        Thread.objects.filter(pk=thread.pk).delete()


def reply_over_http(people, thread, body):  # noqa: F811
    client = Client(HTTP_HOST="north-west.localhost")
    client.force_login(people["nw"], backend="django.contrib.auth.backends.ModelBackend")
    response = client.post(f"/community/t/{thread.pk}/reply/", {"body": body})
    assert response.status_code == 302, response.content[:500]


async def open_thread_socket(people, thread):  # noqa: F811
    socket = connect("north-west.localhost", people["nw_cookie"])
    assert (await socket.connect())[0]
    assert (await socket.receive_json_from(timeout=5))["type"] == "categories"
    group = region_group("north_west", f"thread.{thread.pk}")
    await socket.send_json_to({"type": "follow", "group": group})
    assert (await socket.receive_json_from(timeout=5)) == {"type": "following", "group": group}
    return socket


async def test_a_reply_appears_on_an_open_thread_within_a_second(people, thread):  # noqa: F811
    socket = await open_thread_socket(people, thread)
    started = time.monotonic()
    await database_sync_to_async(reply_over_http)(people, thread, "Try the **walking** group")
    message = await socket.receive_json_from(timeout=5)
    assert time.monotonic() - started < 1.0
    assert message["type"] == "post"
    assert message["thread"] == thread.pk
    assert message["html"] == "<p>Try the <strong>walking</strong> group</p>"
    await socket.disconnect()


async def test_a_reconnecting_page_backfills_without_gaps_or_duplicates(people, thread):  # noqa: F811
    first = await database_sync_to_async(lambda: thread.posts.get().pk)()
    for n in range(3):  # posted while the page was away
        await database_sync_to_async(reply_over_http)(people, thread, f"Missed {n}")
    socket = await open_thread_socket(people, thread)
    await socket.send_json_to({"type": "backfill", "thread": thread.pk, "after": first})
    backfill = await socket.receive_json_from(timeout=5)
    assert backfill["type"] == "backfill"
    bodies = [post["html"] for post in backfill["posts"]]
    assert bodies == ["<p>Missed 0</p>", "<p>Missed 1</p>", "<p>Missed 2</p>"]
    last = backfill["posts"][-1]["post"]
    await socket.send_json_to({"type": "backfill", "thread": thread.pk, "after": last})
    assert (await socket.receive_json_from(timeout=5))["posts"] == []
    await socket.disconnect()


@pytest.mark.parametrize("frame", [{"thread": "1"}, {"thread": 1, "after": -1}, {"after": 2}])
async def test_a_malformed_backfill_gets_an_error(people, thread, frame):  # noqa: F811
    socket = await open_thread_socket(people, thread)
    await socket.send_json_to({"type": "backfill", **frame})
    reply = await socket.receive_json_from(timeout=5)
    assert reply == {"type": "error", "error": "'thread' and 'after' must be whole numbers."}
    await socket.disconnect()


async def test_another_regions_thread_cannot_be_backfilled(people, thread):  # noqa: F811
    socket = connect("london.localhost", people["london_cookie"])
    assert (await socket.connect())[0]
    await socket.receive_json_from(timeout=5)
    await socket.send_json_to({"type": "backfill", "thread": thread.pk, "after": 0})
    reply = await socket.receive_json_from(timeout=5)
    assert reply["posts"] == []  # the London schema has no such thread
    await socket.disconnect()


async def test_a_member_suspended_mid_connection_is_closed_out(people, thread):  # noqa: F811
    from datetime import timedelta

    from django.utils import timezone

    from forums.models import Suspension
    from learning.regions.consumers import CLOSE_FORBIDDEN

    socket = await open_thread_socket(people, thread)
    north_west = people["regions"]["north-west"]

    def suspend():
        with tenant_context(north_west):
            return Suspension.objects.create(
                user=people["nw"],
                created_by=people["nw"],
                until=timezone.now() + timedelta(days=1),
                reason="Test suspension",
            )

    suspension = await database_sync_to_async(suspend)()
    try:
        await socket.send_json_to({"type": "backfill", "thread": thread.pk, "after": 0})
        output = await socket.receive_output(timeout=5)
        assert output == {"type": "websocket.close", "code": CLOSE_FORBIDDEN}
    finally:

        def lift():
            with tenant_context(north_west):
                Suspension.objects.filter(pk=suspension.pk).delete()

        await database_sync_to_async(lift)()


async def test_a_reply_over_the_socket_is_stored_and_broadcast(people, thread):  # noqa: F811
    socket = await open_thread_socket(people, thread)
    await socket.send_json_to({"type": "reply", "thread": thread.pk, "body": "Over the *socket*"})
    messages = [await socket.receive_json_from(timeout=5) for _ in range(2)]
    by_type = {m["type"]: m for m in messages}
    assert by_type["post"]["html"] == "<p>Over the <em>socket</em></p>"
    assert by_type["posted"]["post"] == by_type["post"]["post"]
    stored = await database_sync_to_async(
        lambda: _in(people, lambda: Post.objects.get(pk=by_type["posted"]["post"]).body)
    )()
    assert stored == "Over the *socket*"
    await socket.disconnect()


def _in(people, call):  # noqa: F811
    with tenant_context(people["regions"]["north-west"]):
        return call()


def _reset_posting_limit(user) -> None:
    from forums.services import POST_LIMIT_ACTION, POST_PERIOD_SECONDS
    from learning.ratelimit import reset

    reset(action=POST_LIMIT_ACTION, key=str(user.pk), period_seconds=POST_PERIOD_SECONDS)


async def reply_and_read(socket, thread, body) -> list[dict]:
    await socket.send_json_to({"type": "reply", "thread": thread.pk, "body": body})
    first = await socket.receive_json_from(timeout=5)
    if first["type"] == "error":
        return [first]
    return [first, await socket.receive_json_from(timeout=5)]


async def test_no_payload_sent_over_the_socket_yields_executable_markup(people, thread):  # noqa: F811
    from forums.tests.test_threads import executable_markup
    from forums.tests.xss_payloads import XSS_PAYLOADS

    socket = await open_thread_socket(people, thread)
    for start in range(0, len(XSS_PAYLOADS), 9):
        await database_sync_to_async(_reset_posting_limit)(people["nw"])  # 9 a batch: under it
        for payload in XSS_PAYLOADS[start : start + 9]:
            for message in await reply_and_read(socket, thread, payload):
                # A payload that sanitises to nothing is refused as an empty message.
                refused = message["type"] == "error" and message["error"].startswith(
                    "Write your message"
                )
                assert refused or message["type"] in {"post", "posted"}, (payload, message)
                if message["type"] == "post":
                    assert executable_markup(message["html"]) == [], (payload, message["html"])
    await socket.disconnect()
    await database_sync_to_async(_reset_posting_limit)(people["nw"])


async def test_posting_over_the_socket_shares_the_limit(people, thread):  # noqa: F811
    await database_sync_to_async(_reset_posting_limit)(people["nw"])
    socket = await open_thread_socket(people, thread)
    for n in range(10):
        assert len(await reply_and_read(socket, thread, f"Quick {n}")) == 2
    [error] = await reply_and_read(socket, thread, "One too many")
    assert error == {
        "type": "error",
        "error": "You are posting too quickly: wait a minute, then try again.",
    }
    await socket.disconnect()
    await database_sync_to_async(_reset_posting_limit)(people["nw"])


@pytest.mark.parametrize(
    ("frame", "error"),
    [
        ({"thread": "1", "body": "x"}, "Send 'thread' as a whole number and 'body' as text."),
        ({"thread": 1, "body": ["x"]}, "Send 'thread' as a whole number and 'body' as text."),
        ({"body": "   "}, "Write your message."),
        ({"body": "x" * 10_001}, "Keep your message to 10,000 characters."),
        ({"body": "x" * 17_000}, None),  # over the frame size: the socket closes
    ],
)
async def test_bad_replies_over_the_socket_change_nothing(people, thread, frame, error):  # noqa: F811
    from learning.regions.consumers import CLOSE_TOO_LARGE

    await database_sync_to_async(_reset_posting_limit)(people["nw"])
    socket = await open_thread_socket(people, thread)
    await socket.send_json_to({"type": "reply", "thread": thread.pk, **frame})
    if error is None:
        output = await socket.receive_output(timeout=5)
        assert output == {"type": "websocket.close", "code": CLOSE_TOO_LARGE}
    else:
        assert await socket.receive_json_from(timeout=5) == {"type": "error", "error": error}
        await socket.disconnect()
    count = await database_sync_to_async(lambda: _in(people, lambda: thread.posts.count()))()
    assert count == 1


async def test_a_locked_thread_refuses_a_reply_over_the_socket(people, thread):  # noqa: F811
    await database_sync_to_async(
        lambda: _in(people, lambda: Thread.objects.filter(pk=thread.pk).update(locked=True))
    )()
    socket = await open_thread_socket(people, thread)
    [error] = await reply_and_read(socket, thread, "Me too")
    assert error["error"] == "This thread is locked: no new replies can be added."
    await socket.disconnect()
