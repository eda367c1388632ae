"""Live forum updates across server processes (issue 4): two uvicorn processes serving
`learning.asgi:application`, sharing the test database and the test Redis. A reply
stored by one process reaches sockets held by the other through the channels-redis
layer, both ways; a socket of another region on either process hears nothing.

The processes run the test settings against this session's database (as the Celery
worker in conftest.py does) and inherit LWLN_TEST_RUN_ID, so their channel prefix is
this run's. Clients are real: HTTP over http.client with a CSRF token, WebSockets
with the `websockets` package, a session cookie and the page's Origin."""

import asyncio
import contextlib
import http.client
import json
import os
import re
import socket
import subprocess
import sys
import time
from urllib.parse import urlencode

import pytest
from channels.db import database_sync_to_async
from django.conf import settings
from django_tenants.utils import tenant_context

from forums.models import Post, Thread
from forums.tests.factories import make_thread
from learning.devserver import http_status, stop_process, uvicorn_command

from .conftest import ROOT, database_url_of_test_run
from .test_websockets import people  # noqa: F401 (fixture)

pytestmark = pytest.mark.integration

START_TIMEOUT_SECONDS = 30
DELIVERY_TIMEOUT_SECONDS = 2  # the "within a couple of seconds"
QUIET_SECONDS = 1  # how long another region's socket is watched for stray frames


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _start_server(port: int) -> subprocess.Popen:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "learning.settings.test",
        "DATABASE_URL": database_url_of_test_run(),
        "REDIS_URL": settings.REDIS_URL,
        "PYTHONUNBUFFERED": "1",
    }
    argv = uvicorn_command(sys.executable, port, "--no-access-log", "--log-level=warning")
    return subprocess.Popen(argv, cwd=ROOT, env=env, process_group=0)


@pytest.fixture
def servers():
    """Two uvicorn processes, A and B, on free loopback ports: {"a": port, "b": port}."""
    processes = {}
    try:
        for name in ("a", "b"):  # started together: each takes a few seconds to import
            port = _free_port()
            processes[name] = (port, _start_server(port))
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        for name, (port, process) in processes.items():
            url = f"http://127.0.0.1:{port}/health/live/"
            while http_status(url, f"localhost:{port}") != 200:
                assert process.poll() is None, f"server {name} exited with {process.returncode}"
                assert time.monotonic() < deadline, f"server {name} did not start"
                time.sleep(0.1)
        yield {name: port for name, (port, _) in processes.items()}
    finally:
        for _, process in processes.values():
            stop_process(process, timeout=10)


@pytest.fixture
def thread(people):  # noqa: F811
    north_west = people["regions"]["north-west"]
    with tenant_context(north_west):
        thread = make_thread(author=people["nw"], title="Two processes", body="First post")
    yield thread
    with tenant_context(north_west):
        Thread.objects.filter(pk=thread.pk).delete()  # posts and what hangs on them cascade


# --- Clients ----------------------------------------------------------------------------


def _host(region_slug: str, port: int) -> str:
    return f"{region_slug}.localhost:{port}"


def reply_over_http(port: int, cookie: str, thread_id: int, body: str) -> int:
    """A member's real form post to one server: read the thread page for its CSRF
    token, post the reply, and return the new post's id from the redirect."""
    host = _host("north-west", port)
    path = f"/community/t/{thread_id}/"
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path, headers={"Host": host, "Cookie": cookie})
        page = connection.getresponse()
        html = page.read().decode()
        assert page.status == 200, html[:500]
        csrf_cookie = next(
            value.split(";", 1)[0]
            for name, value in page.getheaders()
            if name.lower() == "set-cookie" and value.startswith(settings.CSRF_COOKIE_NAME)
        )
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)[1]
        connection.request(
            "POST",
            f"{path}reply/",
            body=urlencode({"csrfmiddlewaretoken": token, "body": body}),
            headers={
                "Host": host,
                "Cookie": f"{cookie}; {csrf_cookie}",
                "Content-Type": "application/x-www-form-urlencoded",
            },
        )
        response = connection.getresponse()
        response.read()
        assert response.status == 302, response.status
        return int(response.getheader("Location").rsplit("#post-", 1)[1])
    finally:
        connection.close()


async def open_socket(port: int, region_slug: str, cookie: str, group: str):
    from websockets.asyncio.client import connect

    host = _host(region_slug, port)
    ws = await connect(
        f"ws://{host}/ws/community/",
        host="127.0.0.1",  # the region's host name need not resolve
        port=port,
        origin=f"http://{host}",
        additional_headers={"Cookie": cookie},
        proxy=None,
        open_timeout=10,
    )
    assert (await next_frame(ws, 5))["type"] == "categories"
    await ws.send(json.dumps({"type": "follow", "group": group}))
    assert await next_frame(ws, 5) == {"type": "following", "group": group}
    return ws


async def next_frame(ws, timeout: float) -> dict:
    return json.loads(await asyncio.wait_for(ws.recv(), timeout))


async def wait_for_post(ws, post_id: int) -> dict:
    """The `post` frame for `post_id`, skipping others (unread counts, `posted`)."""
    deadline = time.monotonic() + DELIVERY_TIMEOUT_SECONDS
    while (left := deadline - time.monotonic()) > 0:
        try:
            frame = await next_frame(ws, left)
        except TimeoutError:
            break
        if frame.get("type") == "post" and frame.get("post") == post_id:
            return frame
    raise AssertionError(f"post {post_id} did not arrive within {DELIVERY_TIMEOUT_SECONDS} s")


async def frames_within(ws, seconds: float) -> list[dict]:
    frames = []
    deadline = time.monotonic() + seconds
    with contextlib.suppress(TimeoutError):
        while (left := deadline - time.monotonic()) > 0:
            frames.append(await next_frame(ws, left))
    return frames


# --- The test ---------------------------------------------------------------------------


async def test_replies_reach_sockets_on_the_other_process_and_no_other_region(
    servers,
    people,  # noqa: F811
    thread,
):
    group = f"north_west.thread.{thread.pk}"
    on_a = await open_socket(servers["a"], "north-west", people["nw_cookie"], group)
    on_b = await open_socket(servers["b"], "north-west", people["nw_cookie"], group)
    # London's sockets, one on each process, follow London's thread of the same number.
    london_group = f"london.thread.{thread.pk}"
    london = [
        await open_socket(servers[name], "london", people["london_cookie"], london_group)
        for name in ("a", "b")
    ]
    try:
        # A → B: a form post served by A, heard on B's socket.
        started = time.monotonic()
        post_id = await asyncio.to_thread(
            reply_over_http, servers["a"], people["nw_cookie"], thread.pk, "From *A*"
        )
        frame = await wait_for_post(on_b, post_id)
        assert time.monotonic() - started < DELIVERY_TIMEOUT_SECONDS
        assert frame["thread"] == thread.pk and frame["html"] == "<p>From <em>A</em></p>"

        # B → A: a reply over B's socket, heard on A's.
        await on_b.send(json.dumps({"type": "reply", "thread": thread.pk, "body": "From **B**"}))
        posted = None
        while posted is None:
            frame = await next_frame(on_b, DELIVERY_TIMEOUT_SECONDS)
            assert frame.get("type") != "error", frame
            posted = frame["post"] if frame.get("type") == "posted" else None
        frame = await wait_for_post(on_a, posted)
        assert frame["html"] == "<p>From <strong>B</strong></p>"

        # Another region, on either process, heard none of it.
        heard = await asyncio.gather(*(frames_within(ws, QUIET_SECONDS) for ws in london))
        assert heard == [[], []]
    finally:
        for ws in (on_a, on_b, *london):
            await ws.close()

    @database_sync_to_async
    def stored():
        with tenant_context(people["regions"]["north-west"]):
            return list(
                Post.objects.filter(thread=thread).order_by("pk").values_list("body", flat=True)
            )

    assert await stored() == ["First post", "From *A*", "From **B**"]
