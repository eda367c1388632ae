"""Fan-out: how fast a reply reaches everyone watching a thread live, as a ratio of a bare
channels-redis `group_send` to as many receivers, measured in the same run.

The product side: uvicorn serves `learning.asgi:application` in its own process, as
bench/pages.py starts it, and CLIENTS real WebSocket clients (the `websockets` package,
one asyncio loop in this process) open `/ws/community/` on the North West host, signed in
as a North West link worker, and follow one thread's group, as `static/js/forum-live.js`
does. This process then replies to that thread POSTS times at a fixed RATE through
`forums.services.post_reply`, the function the reply view calls: it stores the post and,
once committed, `forums.broadcast` sends it over the embedded Redis, from which the
server's consumers send it down every socket.

Why replies go through the service and not over HTTP: the question is what the product's
fan-out costs, so the server should carry that and nothing else. A POST per reply would
load the very server being measured with a page view, CSRF and a redirect, and needs
several authors to stay under the per-member posting limit. The service still does the
real write (markdown, sanitising, row lock, commit) and its broadcast runs as under
uvicorn: `sync_to_async` runs the ORM in a worker thread, and the broadcast's
`async_to_sync` hops back to this process's loop and its pooled Redis connection, as a
sync view's does to the server's. A reply's latency runs from just before `post_reply` is
called to the moment a client has the frame decoded, so it includes the write; the report
shows how long `post_reply` itself took, so that part can be told apart.

The baseline: CLIENTS channels from `channel_layer.new_channel()` in one group of the same
channel layer (settings.CHANNEL_LAYERS, the same Redis), each read by a task awaiting
`channel_layer.receive()`, which is how one server process receives for its consumers;
`group_send` of a message the size of a reply's payload, at the same rate. So the ratio
is what the write, the consumers (including their access re-check before every event:
one Redis MGET shared by the sockets of the process, and a database trip only when the
person's access version changed or a socket's full check falls due), the WebSocket frames
and uvicorn add to channels-redis alone.

Both run in this process's one loop, so decoding on the client side counts alike in both.
Baseline and product rounds alternate, so drift on the shared machine hits both alike;
figures pool every round. Delivery is at most once: anything missing after the timeout
is reported, never retried or hidden. All clients share one session of one member: a
full check still reads the user and the session row, as it would for as many members;
the version read asks for 2 keys where as many members would need 201, in the same one
MGET.

The report gives p50/p95 latency and deliveries a second for both sides and their
ratios, then how many deliveries met the issue's promise that a new post appears
within a second on every open page (PROMISE_SECONDS).

    BENCH_FANOUT_CLIENTS=50 python -m bench    fewer clients (default 200)
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import re
import resource
import statistics
import time
import uuid
from collections import Counter
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field

from bench.pages import LINK_WORKER, LoadError, signed_in_cookie, uvicorn_server

CLIENTS = int(os.environ.get("BENCH_FANOUT_CLIENTS", "200"))
POSTS = 50  # per round, for each of baseline and product
RATE = 10.0  # posts a second
ROUNDS = 3
REGION = "north-west"
CONNECT_BATCH = 20  # sockets opened at once, so the server is not flooded at connect
CONNECT_TIMEOUT_SECONDS = 30
CLOSE_PAUSE_SECONDS = 0.25  # between batches of sockets closed at the end
DELIVERY_TIMEOUT_SECONDS = 10  # after the last send of a round
SETTLE_SECONDS = 0.5  # between rounds
# Every socket is a file in this process and in the server, besides the stores' and
# Python's own.
FILES_NEEDED = CLIENTS + 256
BODY = re.compile(r"fanout (\d+) (\d+)")
PROMISE_SECONDS = 1.0  # "a new post appears within a second on every open page"


def fanout():
    """Delivery of replies to WebSocket clients on one thread, against a bare group_send."""
    from django.db import connection

    from learning.accounts.models import User
    from learning.regions.models import Region

    connection.set_schema_to_public()  # sessions and people are national
    _ensure_open_files(FILES_NEEDED)
    region = Region.objects.get(slug=REGION)
    author = User.objects.get(email=LINK_WORKER)
    # Left in reverse: the server stops, then the thread and its posts go, then the session.
    with (
        signed_in_cookie(LINK_WORKER) as cookie,
        bench_thread(region, author) as thread_id,
        uvicorn_server() as port,
    ):
        bench = Bench(region, author, thread_id, port, cookie)
        asyncio.run(bench.run())
    bench.report()


# --- Set-up ----------------------------------------------------------------------------


def _ensure_open_files(needed: int) -> None:
    """Raise this process's soft limit (uvicorn, started after, inherits it) if too low."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft != resource.RLIM_INFINITY and soft < needed:
        if hard != resource.RLIM_INFINITY and hard < needed:
            raise LoadError(
                f"{CLIENTS} clients need about {needed} open files, the hard limit is {hard}:"
                " set BENCH_FANOUT_CLIENTS lower"
            )
        resource.setrlimit(resource.RLIMIT_NOFILE, (needed, hard))


@contextlib.contextmanager
def bench_thread(region, author) -> Iterator[int]:
    """A thread of its own in the region's first category; deleted with its posts after."""
    from django_tenants.utils import tenant_context

    from forums.models import Category, Thread
    from forums.services import thread_start

    with tenant_context(region):
        category = Category.objects.order_by("position", "pk").first()
        if category is None:
            raise LoadError(f"{region.name} has no forum category: has seed_demo run?")
        thread = thread_start(
            author=author,
            category=category,
            title=f"Fan-out benchmark {uuid.uuid4().hex[:8]}",
            body="Replies here are benchmark traffic and are deleted when it ends.",
        )
    try:
        yield thread.pk
    finally:
        with tenant_context(region):
            Thread.objects.filter(pk=thread.pk).delete()  # its posts cascade


# --- Measuring -------------------------------------------------------------------------


@dataclass
class Round:
    """One round of one side: when each message was sent, and each delivery. Done once
    every receiver (socket or channel) has all POSTS or has gone for good."""

    number: int
    gone: set[int]  # receivers of this side that stopped, shared by its rounds
    sent: dict[int, float] = field(default_factory=dict)  # seq -> perf_counter
    call_seconds: list[float] = field(default_factory=list)  # how long each send call took
    delivered: list[tuple[int, float]] = field(default_factory=list)  # (seq, perf_counter)
    per_receiver: Counter[int] = field(default_factory=Counter)
    complete: set[int] = field(default_factory=set)
    done: asyncio.Event = field(default_factory=asyncio.Event)
    expected: int = CLIENTS * POSTS

    def deliver(self, receiver: int, round_number: int, seq: int, at: float) -> None:
        if round_number != self.number:
            return  # a straggler from a round that timed out: already counted missing
        self.delivered.append((seq, at))
        self.per_receiver[receiver] += 1
        if self.per_receiver[receiver] == POSTS:
            self.complete.add(receiver)
            self.check()

    def check(self) -> None:
        if len(self.complete | self.gone) >= CLIENTS:
            self.done.set()

    def latencies(self) -> list[float]:
        return [at - self.sent[seq] for seq, at in self.delivered]

    def span(self) -> float:
        """From the first send to the last delivery."""
        return max(at for _, at in self.delivered) - min(self.sent.values())


class Bench:
    def __init__(self, region, author, thread_id: int, port: int, cookie: str):
        self.region = region
        self.author = author
        self.thread_id = thread_id
        self.port = port
        self.cookie = cookie
        self.host = f"{REGION}.localhost:{port}"
        self.group = f"{region.schema_name}.thread.{thread_id}"
        self.baseline_group = f"{region.schema_name}.bench-fanout-{uuid.uuid4().hex[:8]}"
        self.channels: list[str] = []  # the baseline's receivers
        self.current: Round | None = None
        self.gone: dict[str, set[int]] = {"baseline": set(), "product": set()}
        self.rounds: dict[str, list[Round]] = {"baseline": [], "product": []}
        self.problems: Counter[str] = Counter()  # closed sockets, failed receivers, stray frames

    async def run(self) -> None:
        from asgiref.sync import sync_to_async
        from channels.layers import get_channel_layer
        from django.db import connection

        layer = get_channel_layer()
        sockets, readers, receivers = [], [], []
        try:
            sockets = await self.open_sockets()
            readers = [asyncio.create_task(self.read(i, ws)) for i, ws in enumerate(sockets)]
            receivers = await self.open_receivers(layer)
            sample = self.sample_payload()
            for number in range(ROUNDS):
                await self.round("baseline", number, self.bare_send(layer, number, sample))
                await self.round("product", number, self.post(number))
        finally:
            for task in (*readers, *receivers):
                task.cancel()
            await asyncio.gather(*readers, *receivers, return_exceptions=True)
            await self.close_sockets(sockets)
            for channel in self.channels:
                await layer.group_discard(self.baseline_group, channel)
            # The worker thread that ran post_reply has a connection of its own.
            await sync_to_async(lambda: connection.close())()  # the proxy, in that thread
            await layer.close_pools()

    # The product side.

    async def open_sockets(self) -> list:
        sockets = []
        for start in range(0, CLIENTS, CONNECT_BATCH):
            count = min(CONNECT_BATCH, CLIENTS - start)
            results = await asyncio.gather(
                *(self.open_socket() for _ in range(count)), return_exceptions=True
            )
            sockets += [ws for ws in results if not isinstance(ws, BaseException)]
            errors = [error for error in results if isinstance(error, BaseException)]
            if errors:
                await self.close_sockets(sockets)
                raise LoadError(f"{len(errors)} of {count} sockets failed to open: {errors[0]!r}")
        return sockets

    @staticmethod
    async def close_sockets(sockets: list) -> None:
        """In batches, with a pause: after answering a close the server discards the
        socket's groups, and more Redis commands at once than its pool's connections (100)
        fail, leaving dead channels in the region's `forums` group."""
        for start in range(0, len(sockets), CONNECT_BATCH):
            batch = sockets[start : start + CONNECT_BATCH]
            await asyncio.gather(*(ws.close() for ws in batch), return_exceptions=True)
            await asyncio.sleep(CLOSE_PAUSE_SECONDS)

    async def open_socket(self):
        from websockets.asyncio.client import connect

        ws = await connect(
            f"ws://{self.host}/ws/community/",
            host="127.0.0.1",  # the region's host name need not resolve
            port=self.port,
            origin=f"http://{self.host}",
            additional_headers={"Cookie": self.cookie},
            proxy=None,
            ping_interval=None,  # as browsers: the server pings, the page does not
            open_timeout=CONNECT_TIMEOUT_SECONDS,
        )
        try:
            await self.expect(ws, "categories")
            await ws.send(json.dumps({"type": "follow", "group": self.group}))
            await self.expect(ws, "following")
        except BaseException:
            await ws.close()
            raise
        return ws

    @staticmethod
    async def expect(ws, kind: str) -> None:
        message = json.loads(await asyncio.wait_for(ws.recv(), CONNECT_TIMEOUT_SECONDS))
        if message.get("type") != kind:
            raise LoadError(f"expected {kind!r}, the socket sent {message}")

    async def read(self, index: int, ws) -> None:
        from websockets.exceptions import ConnectionClosed

        try:
            async for raw in ws:
                at = time.perf_counter()
                message = json.loads(raw)
                found = BODY.search(message.get("html", ""))
                if message.get("type") == "post" and found:
                    if self.current:
                        self.current.deliver(index, int(found[1]), int(found[2]), at)
                else:
                    self.problems[f"unexpected {message.get('type')!r} frame on a socket"] += 1
        except ConnectionClosed as closed:
            self.problems[f"socket closed by the server mid-run ({closed})"] += 1
            self.stopped("product", index)

    def post(self, round_number: int) -> Callable[[int], Awaitable]:
        """Reply `seq` of a round, as the reply view does, the ORM in a worker thread."""
        from asgiref.sync import sync_to_async
        from django_tenants.utils import tenant_context

        from forums.services import post_reply

        def reply(seq: int) -> None:
            with tenant_context(self.region):
                post_reply(
                    author=self.author, thread_id=self.thread_id, body=self.body(round_number, seq)
                )

        return sync_to_async(reply)

    @staticmethod
    def body(round_number: int, seq: int) -> str:
        return f"fanout {round_number} {seq}"

    def sample_payload(self) -> dict:
        """A reply's payload as the product would send it, for the baseline to carry."""
        from django.utils import timezone

        from forums.markdown import render_markdown

        return {
            "type": "post",
            "thread": self.thread_id,
            "post": 1_000_000,
            "author": self.author.full_name or "A member",
            "created_at": timezone.now().isoformat(),
            "html": render_markdown(self.body(0, 0)),
        }

    # The baseline.

    async def open_receivers(self, layer) -> list[asyncio.Task]:
        self.channels = [await layer.new_channel() for _ in range(CLIENTS)]
        for channel in self.channels:
            await layer.group_add(self.baseline_group, channel)
        return [
            asyncio.create_task(self.receive(layer, index, channel))
            for index, channel in enumerate(self.channels)
        ]

    def bare_send(self, layer, round_number: int, payload: dict) -> Callable[[int], Awaitable]:
        def send(seq: int) -> Awaitable:
            message = {"type": "bench.event", "round": round_number, "seq": seq}
            return layer.group_send(self.baseline_group, {**message, "payload": payload})

        return send

    async def receive(self, layer, index: int, channel: str) -> None:
        """Deliveries to one channel until cancelled; an error ends it, as it would end
        the consumer reading that channel, and is reported."""
        while True:
            try:
                message = await layer.receive(channel)
            except Exception as error:
                self.problems[f"baseline receiver stopped: {type(error).__name__}: {error}"] += 1
                self.stopped("baseline", index)
                return
            at = time.perf_counter()
            if self.current:
                self.current.deliver(index, message["round"], message["seq"], at)

    # Both.

    def stopped(self, side: str, index: int) -> None:
        """A receiver of `side` is gone: no round of that side waits for it any more."""
        self.gone[side].add(index)
        if self.current and self.current.gone is self.gone[side]:
            self.current.check()

    async def round(self, side: str, number: int, send: Callable[[int], Awaitable]) -> None:
        """POSTS sends at RATE a second, then wait for every delivery or the timeout."""
        await asyncio.sleep(SETTLE_SECONDS)
        current = self.current = Round(number, gone=self.gone[side])
        start = time.perf_counter()
        for seq in range(POSTS):
            await asyncio.sleep(max(0.0, start + seq / RATE - time.perf_counter()))
            current.sent[seq] = time.perf_counter()
            await send(seq)
            current.call_seconds.append(time.perf_counter() - current.sent[seq])
        current.check()  # in case every receiver has gone
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(current.done.wait(), DELIVERY_TIMEOUT_SECONDS)
        self.current = None
        self.rounds[side].append(current)

    # --- The report ----------------------------------------------------------------------

    def report(self) -> None:
        base, product = self.summary("baseline"), self.summary("product")
        print(
            f"{CLIENTS} clients, {ROUNDS} rounds of {POSTS} posts at {RATE:g}/s"
            f" (offered {CLIENTS * RATE:.0f} msgs/s) on {self.group},"
            f" signed in as {LINK_WORKER}"
        )
        print(
            f"baseline  bare group_send to {CLIENTS} channels: p50 {base.p50:.1f} ms,"
            f" p95 {base.p95:.1f} ms, {base.rate:.0f} msgs/s, {base.delivery}"
        )
        print(
            f"  product  replies to {CLIENTS} WebSocket clients: p50 {product.p50:.1f} ms"
            f" ({product.p50 / base.p50:.2f}x), p95 {product.p95:.1f} ms"
            f" ({product.p95 / base.p95:.2f}x), {product.rate:.0f} msgs/s"
            f" ({product.rate / base.rate:.2f}x), {product.delivery}"
        )
        pairs = list(zip(self.rounds["baseline"], self.rounds["product"], strict=True))
        p50s = [_pct(p.latencies(), 50) / _pct(b.latencies(), 50) for b, p in pairs if _ok(b, p)]
        p95s = [_pct(p.latencies(), 95) / _pct(b.latencies(), 95) for b, p in pairs if _ok(b, p)]
        if p50s:
            print(
                f"           rounds: p50 {min(p50s):.2f}-{max(p50s):.2f}x,"
                f" p95 {min(p95s):.2f}-{max(p95s):.2f}x;"
                f" post_reply itself (write, commit, group_send) p50 {product.call_p50:.1f} ms"
            )
        print(
            f"  promise  delivered within {PROMISE_SECONDS:g} s of the post:"
            f" product {product.within_promise}, baseline {base.within_promise}"
        )
        for side, summary in (("baseline", base), ("product", product)):
            if summary.send_rate < RATE * 0.95:
                print(f"  note: {side} sent only {summary.send_rate:.1f}/s, not {RATE:g}/s")
        for problem, count in self.problems.most_common():
            print(f"  problem: {count} x {problem}")

    def summary(self, side: str) -> Summary:
        rounds = [r for r in self.rounds[side] if r.delivered]
        latencies = [value for r in rounds for value in r.latencies()]
        delivered = sum(len(r.delivered) for r in rounds)
        expected = sum(r.expected for r in self.rounds[side])
        if not latencies:
            raise LoadError(f"{side}: nothing was delivered")
        spans = sum(r.span() for r in rounds)
        sending = sum(max(r.sent.values()) - min(r.sent.values()) for r in rounds)
        return Summary(
            p50=_pct(latencies, 50),
            p95=_pct(latencies, 95),
            rate=delivered / spans,
            delivery=f"{delivered}/{expected} delivered"
            + (f" ({expected - delivered} missing)" if delivered < expected else ""),
            call_p50=_pct([s for r in rounds for s in r.call_seconds], 50),
            send_rate=sum(len(r.sent) - 1 for r in rounds) / sending,
            within_promise=_share(sum(s <= PROMISE_SECONDS for s in latencies), expected),
        )


@dataclass(frozen=True)
class Summary:
    p50: float  # ms
    p95: float  # ms
    rate: float  # deliveries a second, first send to last delivery
    delivery: str
    call_p50: float  # ms
    send_rate: float  # sends a second achieved
    within_promise: str  # deliveries within PROMISE_SECONDS, of all expected


def _pct(seconds: list[float], percent: int) -> float:
    """The percentile in milliseconds (inclusive method: within the samples' range)."""
    if len(seconds) < 2:
        return seconds[0] * 1000
    return statistics.quantiles(seconds, n=100, method="inclusive")[percent - 1] * 1000


def _share(count: int, total: int) -> str:
    """`count` of `total`, with the percentage (missing deliveries count as late)."""
    return f"{count}/{total} ({100 * count / total:.1f}%)" if total else "none expected"


def _ok(*rounds: Round) -> bool:
    return all(len(r.delivered) >= 2 for r in rounds)
