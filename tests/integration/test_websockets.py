"""WebSockets through the real ASGI stack (origin check → region from Host →
session auth → consumer) and the real Redis channel layer.

Every communicator `connect` makes is disconnected when the test ends, before its
people are deleted (the `people` fixture): a consumer left running would be cancelled
by the test's event loop teardown, which on Python 3.11 could wait for it for ever
(see `_cancel_until_done`)."""

import asyncio
import json
import time
import uuid
from unittest import mock

import pytest
import pytest_asyncio
from channels.db import database_sync_to_async
from channels.layers import get_channel_layer
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.test import Client
from django_tenants.utils import tenant_context

from forums.models import Category, Suspension
from learning.accounts import access_version
from learning.accounts.enums import Role
from learning.accounts.models import User
from learning.accounts.sessions import LAST_SEEN_AT, SIGNED_IN_AT
from learning.accounts.tests.factories import UserFactory
from learning.asgi import application
from learning.regions import consumers
from learning.regions.consumers import (
    CLOSE_FORBIDDEN,
    CLOSE_NO_REGION,
    CLOSE_TOO_LARGE,
    CLOSE_UNAUTHENTICATED,
    MAX_GROUPS,
)
from learning.regions.models import Region

pytestmark = pytest.mark.integration

# How long a consumer may take to stop once told the socket closed.
STOP_SECONDS = 5
# Connecting makes several database trips: on a busy machine 1 s (the default) is short.
CONNECT_SECONDS = 5
# Well under the old 5-second throttle on outgoing checks: a change must act at once.
PROMPTLY = 2


def session_cookie_for(user) -> str:
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


async def _cancel_until_done(future) -> bool:
    """Cancel the application until it has finished, or STOP_SECONDS have passed;
    whether it finished.

    A consumer ends by cancelling its channel-layer receive task and awaiting it. On
    Python 3.11, `asyncio.wait_for` swallows a cancellation that arrives just as the
    awaited operation completes (fixed in 3.12), and redis-py wraps every write in
    wait_for when the connection has a socket_timeout, as the channel layer's does. A
    receive cancelled while it writes its BZPOPMIN then carries on, looping every 5 s
    until a message comes, and its consumer waits for it for ever. Cancelling again
    while it reads, as it does nearly all the time, ends it. asgiref's communicator
    cancels once and then awaits without a limit, and asyncio.Runner.close, at the end
    of a test, does the same with whatever is left: that is how the test run hung in CI
    (after test_a_foreign_origin_is_refused, whose consumers were refused and left
    running)."""
    deadline = time.monotonic() + STOP_SECONDS
    while not future.done() and time.monotonic() < deadline:
        future.cancel()
        # Not a divisor of the 5 s BZPOPMIN cycle, so retries do not keep landing
        # on its writes.
        await asyncio.wait({future}, timeout=0.3)
    return future.done()


class Communicator(WebsocketCommunicator):
    """WebsocketCommunicator that gives a loaded machine time to connect, and never
    waits without a limit for an application it has cancelled (`_cancel_until_done`)."""

    async def connect(self, timeout=CONNECT_SECONDS):
        return await super().connect(timeout)

    async def receive_output(self, timeout=1):
        # As asgiref's and channels' (which keeps database connections open meanwhile),
        # but stopping the application on a timeout with `_cancel_until_done`.
        with mock.patch("channels.db.close_old_connections", lambda: None):
            if self.future.done():
                self.future.result()
            try:
                async with asyncio.timeout(timeout):
                    return await self.output_queue.get()
            except TimeoutError:
                if self.future.done():
                    self.future.result()
                await _cancel_until_done(self.future)
                raise

    async def wait(self, timeout=1):
        done, _ = await asyncio.wait({self.future}, timeout=timeout)
        if not done:
            await _cancel_until_done(self.future)
        elif not self.future.cancelled():
            self.future.result()


# Every communicator made by `connect`, until the test's end disconnects it.
_communicators: list[Communicator] = []


def connect(host: str, cookie: str = "", origin: str | None = None) -> Communicator:
    headers = [(b"host", host.encode()), (b"origin", (origin or f"http://{host}").encode())]
    if cookie:
        headers.append((b"cookie", cookie.encode()))
    communicator = Communicator(application, "/ws/community/", headers=headers)
    _communicators.append(communicator)
    return communicator


async def disconnect_all() -> None:
    """Tell every consumer its socket has gone, as a browser leaving does, and wait for
    each to finish. One that outlives `_cancel_until_done` fails the test, showing where
    it is stuck, instead of hanging the event loop's teardown."""
    stuck = []
    while _communicators:
        communicator = _communicators.pop()
        future = communicator._future
        if future is None:
            continue  # never connected
        if not future.done():
            await communicator.send_input({"type": "websocket.disconnect", "code": 1000})
            await asyncio.wait({future}, timeout=0.5)
        if not await _cancel_until_done(future):
            stuck.append(future)
        elif not future.cancelled() and future.exception() is not None:
            raise future.exception()
    assert not stuck, f"consumers that would not stop: {[f.get_stack() for f in stuck]}"


async def open_socket(people, cookie: str | None = None) -> Communicator:
    """A North West person (the member unless `cookie` says otherwise), connected, with
    the first categories message read."""
    communicator = connect("north-west.localhost", cookie or people["nw_cookie"])
    connected, _ = await communicator.connect()
    assert connected
    assert (await communicator.receive_json_from(timeout=5))["type"] == "categories"
    return communicator


def session_key_of(cookie: str) -> str:
    return cookie.split("=", 1)[1]


async def assert_closes_on_next_message(communicator, code: int) -> None:
    await communicator.send_json_to({"type": "follow", "group": "north_west.forums"})
    assert await communicator.receive_output(timeout=5) == {
        "type": "websocket.close",
        "code": code,
    }


def _make_people() -> dict:
    regions = {r.slug: r for r in Region.objects.regional()}
    nw_member = UserFactory(role=Role.LINK_WORKER, region=regions["north-west"])
    london_member = UserFactory(role=Role.LINK_WORKER, region=regions["london"])
    return {
        "regions": regions,
        "nw": nw_member,
        "nw_cookie": session_cookie_for(nw_member),
        "london": london_member,
        "london_cookie": session_cookie_for(london_member),
    }


def _delete_people(people) -> None:
    for user in (people["nw"], people["london"]):
        pcn = user.pcn
        User.objects.filter(pk=user.pk).delete()
        pcn.delete()
        pcn.ccg.delete()


@pytest_asyncio.fixture(loop_scope="function")
async def people(committed):
    """Committed people: a North West member and a London member, with sessions. Their
    sockets are disconnected before they are deleted."""
    made = await database_sync_to_async(_make_people)()
    try:
        yield made
    finally:
        try:
            await disconnect_all()
        finally:
            await access_version.close_reader()
            await database_sync_to_async(_delete_people)(made)


@pytest.fixture
def north_west_marker(committed):
    region = Region.objects.get(slug="north-west")
    marker = f"Only in NW {uuid.uuid4().hex[:8]}"
    with tenant_context(region):
        category = Category.objects.create(slug=uuid.uuid4().hex[:12], name=marker)
    yield marker
    with tenant_context(region):
        category.delete()


async def test_a_north_west_consumer_reads_the_north_west_schema(people, north_west_marker):
    communicator = connect("north-west.localhost", people["nw_cookie"])
    connected, _ = await communicator.connect()
    assert connected
    message = await communicator.receive_json_from(timeout=5)
    names = [c["name"] for c in message["categories"]]
    assert message["type"] == "categories"
    assert north_west_marker in names
    await communicator.disconnect()

    london = connect("london.localhost", people["london_cookie"])
    connected, _ = await london.connect()
    assert connected
    london_names = [c["name"] for c in (await london.receive_json_from(timeout=5))["categories"]]
    assert north_west_marker not in london_names
    await london.disconnect()


async def test_a_consumer_cannot_join_another_regions_groups(people):
    communicator = connect("north-west.localhost", people["nw_cookie"])
    await communicator.connect()
    await communicator.receive_json_from(timeout=5)

    await communicator.send_json_to({"type": "follow", "group": "london.forums"})
    reply = await communicator.receive_json_from(timeout=5)
    assert reply["type"] == "error"
    assert "not a group of North West" in reply["error"]

    await communicator.send_json_to({"type": "follow", "group": "north_west.thread.42"})
    assert await communicator.receive_json_from(timeout=5) == {
        "type": "following",
        "group": "north_west.thread.42",
    }
    await communicator.disconnect()


async def test_messages_for_another_region_never_arrive(people):
    communicator = connect("north-west.localhost", people["nw_cookie"])
    await communicator.connect()
    await communicator.receive_json_from(timeout=5)
    layer = get_channel_layer()
    await layer.group_send("london.forums", {"type": "forum.event", "payload": {"to": "london"}})
    await layer.group_send(
        "north_west.forums", {"type": "forum.event", "payload": {"to": "north-west"}}
    )
    assert await communicator.receive_json_from(timeout=5) == {"to": "north-west"}
    assert await communicator.receive_nothing(timeout=0.5)
    await communicator.disconnect()


async def test_a_member_of_another_region_is_refused(people):
    communicator = connect("north-west.localhost", people["london_cookie"])
    connected, code = await communicator.connect()
    assert not connected
    assert code == CLOSE_FORBIDDEN


async def test_sign_in_is_required(people):
    connected, code = await connect("north-west.localhost").connect()
    assert not connected
    assert code == CLOSE_UNAUTHENTICATED


async def test_a_foreign_origin_is_refused(people):
    communicator = connect(
        "north-west.localhost", people["nw_cookie"], origin="http://evil.example.com"
    )
    connected, _ = await communicator.connect()
    assert not connected


async def test_the_hub_and_unknown_hosts_have_no_regional_socket(people):
    connected, code = await connect("localhost", people["nw_cookie"]).connect()
    assert not connected and code == CLOSE_NO_REGION
    connected, _ = await connect("narnia.localhost", people["nw_cookie"]).connect()
    assert not connected


async def test_an_oversized_message_closes_the_socket(people):
    communicator = connect("north-west.localhost", people["nw_cookie"])
    await communicator.connect()
    await communicator.receive_json_from(timeout=5)
    await communicator.send_to(text_data=json.dumps({"type": "follow", "group": "x" * 20_000}))
    output = await communicator.receive_output(timeout=5)
    assert output == {"type": "websocket.close", "code": CLOSE_TOO_LARGE}


async def test_access_is_rechecked_on_every_message(people):
    communicator = connect("north-west.localhost", people["nw_cookie"])
    await communicator.connect()
    await communicator.receive_json_from(timeout=5)

    @database_sync_to_async
    def deactivate():
        type(people["nw"]).objects.filter(pk=people["nw"].pk).update(is_active=False)

    await deactivate()
    await communicator.send_json_to({"type": "follow", "group": "north_west.forums"})
    output = await communicator.receive_output(timeout=5)
    assert output == {"type": "websocket.close", "code": CLOSE_FORBIDDEN}
    await asyncio.sleep(0)


async def test_access_is_refused_once_the_member_is_deleted(people):
    communicator = await open_socket(people)
    await database_sync_to_async(type(people["nw"]).objects.filter(pk=people["nw"].pk).delete)()
    await assert_closes_on_next_message(communicator, CLOSE_UNAUTHENTICATED)


async def test_signing_out_closes_an_open_socket(people):
    communicator = await open_socket(people)
    key = session_key_of(people["nw_cookie"])
    await database_sync_to_async(Session.objects.filter(session_key=key).delete)()
    await assert_closes_on_next_message(communicator, CLOSE_UNAUTHENTICATED)


@pytest.mark.parametrize(
    "stamp, limit",
    [(LAST_SEEN_AT, "SESSION_IDLE_TIMEOUT"), (SIGNED_IN_AT, "SESSION_MAX_AGE")],
)
async def test_a_session_that_has_run_out_closes_an_open_socket(people, stamp, limit):
    communicator = await open_socket(people)

    @database_sync_to_async
    def age_the_session():
        session = SessionStore(session_key=session_key_of(people["nw_cookie"]))
        session[stamp] = int(time.time()) - getattr(settings, limit) - 10
        session.save()

    await age_the_session()
    await assert_closes_on_next_message(communicator, CLOSE_UNAUTHENTICATED)


async def test_a_password_change_closes_an_open_socket(people):
    communicator = await open_socket(people)

    @database_sync_to_async
    def change_password():
        user = type(people["nw"]).objects.get(pk=people["nw"].pk)
        user.set_password("a new password, elsewhere")
        user.save()

    await change_password()
    await assert_closes_on_next_message(communicator, CLOSE_UNAUTHENTICATED)


@pytest.mark.parametrize(
    "frame",
    [
        "{not json",
        json.dumps(["follow", "north_west.forums"]),
        json.dumps("follow"),
        json.dumps({"type": "shout"}),
        json.dumps({"type": "follow"}),
        json.dumps({"type": "follow", "group": 42}),
        json.dumps({"type": "follow", "group": "north_west.Thread 42"}),
        json.dumps({"type": "follow", "group": "north_west.thread." + "9" * 85}),
        json.dumps({"type": "follow", "group": "north_west.user.1.notifications"}),
    ],
)
async def test_bad_input_gets_an_error_and_the_socket_stays_usable(people, frame):
    communicator = await open_socket(people)
    await communicator.send_to(text_data=frame)
    assert (await communicator.receive_json_from(timeout=5))["type"] == "error"

    await communicator.send_json_to({"type": "follow", "group": "north_west.thread.7"})
    assert (await communicator.receive_json_from(timeout=5))["type"] == "following"
    await communicator.disconnect()


async def test_a_binary_frame_gets_an_error(people):
    communicator = await open_socket(people)
    await communicator.send_to(bytes_data=b"{}")
    assert (await communicator.receive_json_from(timeout=5))["type"] == "error"
    await communicator.disconnect()


async def test_one_connection_follows_a_limited_number_of_groups(people):
    communicator = await open_socket(people)
    # The consumer already follows north_west.forums.
    for n in range(1, MAX_GROUPS):
        await communicator.send_json_to({"type": "follow", "group": f"north_west.thread.{n}"})
        assert (await communicator.receive_json_from(timeout=5))["type"] == "following"

    await communicator.send_json_to({"type": "follow", "group": "north_west.thread.999"})
    reply = await communicator.receive_json_from(timeout=5)
    assert reply["type"] == "error"
    assert f"at most {MAX_GROUPS}" in reply["error"]

    # Following a group it is already in is still fine.
    await communicator.send_json_to({"type": "follow", "group": "north_west.thread.1"})
    assert (await communicator.receive_json_from(timeout=5))["type"] == "following"
    await communicator.disconnect()


async def test_a_page_on_another_regions_host_is_refused(people):
    communicator = connect(
        "north-west.localhost", people["nw_cookie"], origin="http://london.localhost"
    )
    connected, code = await communicator.connect()
    assert not connected
    assert code == CLOSE_FORBIDDEN


async def test_the_origin_host_is_compared_without_case(people):
    communicator = connect(
        "north-west.localhost", people["nw_cookie"], origin="http://North-West.localhost"
    )
    connected, _ = await communicator.connect()
    assert connected
    await communicator.disconnect()


# --- Access re-checks: at once on a change, cheap otherwise ------------------------------


def _close(code: int) -> dict:
    return {"type": "websocket.close", "code": code}


def _staff_cleanup(staff) -> None:
    from learning.mail.models import OutboxMessage

    with tenant_context(staff["regions"]["north-west"]):
        Suspension.objects.filter(created_by=staff["national"]).delete()
    OutboxMessage.objects.filter(to__in=[staff["member_email"]]).delete()
    for user in (staff["coordinator"], staff["national"]):
        User.objects.filter(pk=user.pk).delete()


@pytest_asyncio.fixture(loop_scope="function")
async def staff(people):
    """A North West learning coordinator (with a session) and a national team member."""

    def make():
        north_west = people["regions"]["north-west"]
        coordinator = UserFactory(role=Role.COORDINATOR, region=north_west)
        return {
            "regions": people["regions"],
            "coordinator": coordinator,
            "coordinator_cookie": session_cookie_for(coordinator),
            "national": UserFactory(role=Role.NATIONAL),
            "member_email": people["nw"].email,
        }

    made = await database_sync_to_async(make)()
    try:
        yield made
    finally:
        await disconnect_all()  # before the people they signed in go
        await database_sync_to_async(_staff_cleanup)(made)


def deactivate(people, staff):
    member = User.objects.get(pk=people["nw"].pk)
    member.is_active = False
    member.save()


def suspend_from_the_forums(people, staff):
    from forums.moderation import member_suspend

    with tenant_context(people["regions"]["north-west"]):
        member_suspend(
            moderator=staff["national"], member=people["nw"], days=1, reason="Test suspension"
        )


def sign_out(people, staff):
    client = Client(HTTP_HOST="north-west.localhost")
    client.cookies[settings.SESSION_COOKIE_NAME] = session_key_of(people["nw_cookie"])
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert not Session.objects.filter(session_key=session_key_of(people["nw_cookie"])).exists()


def change_password(people, staff):
    member = User.objects.get(pk=people["nw"].pk)
    member.set_password("a new password, elsewhere")
    member.save()


def move_coordinator_to_london(people, staff):
    from learning.accounts.services import user_set_role

    user_set_role(
        user=staff["coordinator"],
        role=Role.COORDINATOR,
        changed_by=staff["national"],
        regions=[staff["regions"]["london"]],
    )


ACCESS_ENDINGS = [
    (deactivate, "nw_cookie", CLOSE_FORBIDDEN),
    (suspend_from_the_forums, "nw_cookie", CLOSE_FORBIDDEN),
    (sign_out, "nw_cookie", CLOSE_UNAUTHENTICATED),
    (change_password, "nw_cookie", CLOSE_UNAUTHENTICATED),
    (move_coordinator_to_london, "coordinator_cookie", CLOSE_FORBIDDEN),
]


def private_thread_group() -> str:
    """A thread group no other test's socket follows."""
    return f"north_west.thread.{uuid.uuid4().int % 10**12}"


async def follow(communicator, group: str) -> None:
    await communicator.send_json_to({"type": "follow", "group": group})
    assert await communicator.receive_json_from(timeout=5) == {"type": "following", "group": group}


async def broadcast(group: str, n: int = 0) -> None:
    payload = {"type": "post", "n": n}
    await get_channel_layer().group_send(group, {"type": "forum.event", "payload": payload})


@pytest.mark.parametrize(
    ("change", "cookie", "code"), ACCESS_ENDINGS, ids=[c.__name__ for c, *_ in ACCESS_ENDINGS]
)
async def test_a_change_that_ends_access_stops_events_and_messages_at_once(
    people, staff, change, cookie, code
):
    cookie = people.get(cookie) or staff[cookie]
    listening, acting = await open_socket(people, cookie), await open_socket(people, cookie)
    group = private_thread_group()
    await follow(listening, group)
    await broadcast(group, 1)
    assert await listening.receive_json_from(timeout=5) == {"type": "post", "n": 1}

    await database_sync_to_async(change)(people, staff)

    # The next event is not sent: the socket closes instead, well inside the 5 s
    # the old throttle let events through unchecked.
    await broadcast(group, 2)
    assert await listening.receive_output(timeout=PROMPTLY) == _close(code)
    await assert_closes_on_next_message(acting, code)


def _deactivate_behind_the_versions_back(people) -> None:
    """A bulk update sends no signal, so it bumps no access version."""
    User.objects.filter(pk=people["nw"].pk).update(is_active=False)


async def test_a_deleted_version_key_means_a_full_check(people):
    listening = await open_socket(people)
    group = private_thread_group()
    await follow(listening, group)
    await database_sync_to_async(_deactivate_behind_the_versions_back)(people)
    access_version._client().delete(access_version.user_key(people["nw"].pk))

    await broadcast(group)
    assert await listening.receive_output(timeout=PROMPTLY) == _close(CLOSE_FORBIDDEN)


async def test_an_unreachable_redis_means_a_full_check(people, settings):
    listening = await open_socket(people)
    group = private_thread_group()
    await follow(listening, group)
    # From here the consumers' version reads fail; the channel layer still delivers.
    await access_version.close_reader()
    settings.REDIS_URL = f"unix:///nonexistent/{uuid.uuid4().hex}.sock"
    await broadcast(group, 1)
    assert await listening.receive_json_from(timeout=5) == {"type": "post", "n": 1}

    await database_sync_to_async(_deactivate_behind_the_versions_back)(people)
    await broadcast(group, 2)
    assert await listening.receive_output(timeout=PROMPTLY) == _close(CLOSE_FORBIDDEN)


async def test_events_on_an_unchanged_version_skip_the_database(people, monkeypatch):
    full_checks = []
    refusal = consumers.RegionConsumer.refusal

    async def counted(self):
        full_checks.append(self)
        return await refusal(self)

    monkeypatch.setattr(consumers.RegionConsumer, "refusal", counted)
    listening = await open_socket(people)
    group = private_thread_group()
    await follow(listening, group)
    checks_so_far = len(full_checks)  # connect and the follow message: in full

    for n in range(20):
        await broadcast(group, n)
    for n in range(20):
        assert await listening.receive_json_from(timeout=5) == {"type": "post", "n": n}
    assert len(full_checks) == checks_so_far


def _set_last_seen(people, last_seen: int) -> None:
    session = SessionStore(session_key=session_key_of(people["nw_cookie"]))
    session[LAST_SEEN_AT] = last_seen
    session.save()


async def _wait_until(moment: float) -> None:
    await asyncio.sleep(max(0.0, moment - time.time()))


async def test_at_the_idle_limit_a_session_still_in_use_keeps_its_socket(people, settings):
    """The consumer looks again when the session could have gone idle; a page that
    made requests meanwhile (LAST_SEEN_AT moved on) keeps its socket."""
    settings.SESSION_IDLE_TIMEOUT = 2
    start = int(time.time())
    await database_sync_to_async(_set_last_seen)(people, start - 1)  # could idle at start + 2
    listening = await open_socket(people)
    group = private_thread_group()
    await follow(listening, group)
    await database_sync_to_async(_set_last_seen)(people, start + 1)  # a request, later

    await _wait_until(start + 2.2)
    await broadcast(group)
    assert await listening.receive_json_from(timeout=5) == {"type": "post", "n": 0}


async def test_at_the_idle_limit_an_idle_session_loses_its_socket(people, settings):
    settings.SESSION_IDLE_TIMEOUT = 2
    start = int(time.time())
    await database_sync_to_async(_set_last_seen)(people, start - 1)  # idles at start + 2
    listening = await open_socket(people)
    group = private_thread_group()
    await follow(listening, group)

    await _wait_until(start + 2.2)
    await broadcast(group)
    assert await listening.receive_output(timeout=PROMPTLY) == _close(CLOSE_UNAUTHENTICATED)
