"""WebSockets through the real ASGI stack (origin check → region from Host →
session auth → consumer) and the real Redis channel layer."""

import asyncio
import json
import time
import uuid

import pytest
from channels.db import database_sync_to_async
from channels.layers import get_channel_layer
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django_tenants.utils import tenant_context

from forums.models import Category
from learning.accounts.enums import Role
from learning.accounts.sessions import LAST_SEEN_AT, SIGNED_IN_AT
from learning.accounts.tests.factories import UserFactory
from learning.asgi import application
from learning.regions.consumers import (
    CLOSE_FORBIDDEN,
    CLOSE_NO_REGION,
    CLOSE_TOO_LARGE,
    CLOSE_UNAUTHENTICATED,
    MAX_GROUPS,
)
from learning.regions.models import Region

pytestmark = pytest.mark.integration


def session_cookie_for(user) -> str:
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def connect(host: str, cookie: str = "", origin: str | None = None) -> WebsocketCommunicator:
    headers = [(b"host", host.encode()), (b"origin", (origin or f"http://{host}").encode())]
    if cookie:
        headers.append((b"cookie", cookie.encode()))
    return WebsocketCommunicator(application, "/ws/community/", headers=headers)


async def open_socket(people) -> WebsocketCommunicator:
    """The North West member, connected, with the first categories message read."""
    communicator = connect("north-west.localhost", people["nw_cookie"])
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


@pytest.fixture
def people(committed):
    """Committed people: a North West member and a London member, with sessions."""
    regions = {r.slug: r for r in Region.objects.regional()}
    nw_member = UserFactory(role=Role.LINK_WORKER, region=regions["north-west"])
    london_member = UserFactory(role=Role.LINK_WORKER, region=regions["london"])
    people = {
        "regions": regions,
        "nw": nw_member,
        "nw_cookie": session_cookie_for(nw_member),
        "london": london_member,
        "london_cookie": session_cookie_for(london_member),
    }
    yield people
    for user in (nw_member, london_member):
        pcn = user.pcn
        user.delete()
        pcn.delete()
        pcn.ccg.delete()


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
