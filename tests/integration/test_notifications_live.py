"""A member's open pages hear their new unread count through the real ASGI stack
and Redis channel layer: every socket of theirs is in their own group, and no one
else's is."""

import pytest
from channels.db import database_sync_to_async
from django.db import transaction
from django_tenants.utils import tenant_context

from forums.models import Thread
from forums.services import post_reply
from forums.tests.factories import make_thread
from learning.accounts.tests.factories import UserFactory

from .test_websockets import connect, people, session_cookie_for  # noqa: F401 (fixture)

pytestmark = pytest.mark.integration


@pytest.fixture
def conversation(people):  # noqa: F811
    """The North West member's thread, and a colleague of theirs who will reply."""
    north_west = people["regions"]["north-west"]
    replier = UserFactory(region=north_west, full_name="Sam Okafor")
    with tenant_context(north_west), transaction.atomic():
        thread = make_thread(author=people["nw"], title="Live count")  # the author follows it
    yield thread, replier, session_cookie_for(replier)
    with tenant_context(north_west):
        Thread.objects.filter(pk=thread.pk).delete()  # its posts, follows and notifications too
    pcn = replier.pcn
    replier.delete()
    pcn.delete()
    pcn.ccg.delete()


async def open_socket(cookie):
    socket = connect("north-west.localhost", cookie)
    assert (await socket.connect())[0]
    assert (await socket.receive_json_from(timeout=5))["type"] == "categories"
    return socket


async def test_a_reply_updates_the_followers_unread_count_and_no_one_elses(
    people,  # noqa: F811
    conversation,
):
    thread, replier, replier_cookie = conversation
    follower_socket = await open_socket(people["nw_cookie"])
    replier_socket = await open_socket(replier_cookie)

    def reply():
        with tenant_context(people["regions"]["north-west"]), transaction.atomic():
            post_reply(author=replier, thread_id=thread.pk, body="Tuesdays at ten.")

    await database_sync_to_async(reply)()
    assert await follower_socket.receive_json_from(timeout=5) == {
        "type": "notifications",
        "unread": 1,
    }
    assert await replier_socket.receive_nothing(timeout=0.5)
    await follower_socket.disconnect()
    await replier_socket.disconnect()
