"""Circulation: this week's schedule digest to RECIPIENTS CCG leads through the
outbox and a real Celery worker, as a ratio of Django's `send_mass_mail` of the
same emails over one connection, measured in the same run into the same SMTP sink.

The digest is the real one (`webinars.circulation.weekly_digest`: the demo
schedule's next six weeks, rendered once per region), to invented leads spread
over the seven regions, each with their own signed unsubscribe link.

The sink is aiosmtpd in a process of its own (so neither side's client shares a
GIL with it), counting messages, bytes and any recipient that got two copies.

The baseline: `send_mass_mail` of those emails, rendered beforehand (subject; the
text and HTML parts together as the body) over one SMTP connection, timed until
the sink has them all.

The product: what the weekly circulation does, timed from rendering until the sink
has every message and every row is SENT: render per region, `digest_store` one
outbox row per person (`outbox_enqueue_many`) in one transaction; after commit its
tasks of 200 ids go through the dev Redis to one Celery worker (`--pool=solo`,
started beforehand, mailing the sink), which sends each batch over one connection,
claiming each row with one autocommit UPDATE before ending its DATA. So the ratio
is what rendering, storing, the broker, the worker and the per-message UPDATE add
to a plain bulk send.

    python -m bench circulation                     10,000 recipients
    python -m bench circulation --recipients 1000   a quick run
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import multiprocessing
import os
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

RECIPIENTS = 10_000
START_TIMEOUT_SECONDS = 60
SECONDS_PER_MESSAGE_ALLOWED = 0.05  # before a side is declared stuck


def circulation():
    """A digest to 10,000 recipients through the outbox and a worker, against send_mass_mail."""
    recipients = _recipients_from_argv()
    people = _people(recipients)
    with SinkProcess() as sink:
        baseline = _baseline(sink, people)
        product = _product(sink, people)
    _report(recipients, baseline, product)


def _recipients_from_argv() -> int:
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--recipients", type=int, default=RECIPIENTS)
    return parser.parse_known_args(sys.argv[1:])[0].recipients


# --- The digest ------------------------------------------------------------------------


def _people(recipients: int) -> list:
    """Invented CCG leads spread over the seven regions, so the digest is rendered
    once per region as for the real leads."""
    from learning.regions.models import Region
    from webinars.circulation import Recipient

    region_ids = list(Region.objects.regional().values_list("pk", flat=True))
    return [
        Recipient(f"lead{n}@bench.example.org", region_ids[n % len(region_ids)])
        for n in range(recipients)
    ]


# --- The two sides -----------------------------------------------------------------------


def _baseline(sink: SinkProcess, people: list) -> Side:
    """The same emails, rendered beforehand, handed to send_mass_mail: subject, and
    the text and HTML parts together as one body, with each person's unsubscribe link."""
    from django.conf import settings
    from django.core.mail import get_connection, send_mass_mail
    from django.utils import timezone

    from webinars.circulation import unsubscribe_url, weekly_digest

    renders, placeholder, _ = weekly_digest(
        now=timezone.now(), region_ids=[p.region_id for p in people]
    )
    messages = []
    for person in people:
        rendered = renders[person.region_id]
        url = unsubscribe_url(person.email, circulation_id=0)
        body = (
            rendered.text.replace(placeholder, url) + "\n" + rendered.html.replace(placeholder, url)
        )
        # Other addresses than the product's: the sink counts a second copy to an
        # address as a duplicate for the whole run.
        address = person.email.replace("lead", "baseline", 1)
        messages.append((rendered.subject, body, settings.DEFAULT_FROM_EMAIL, [address]))
    connection = get_connection(
        "django.core.mail.backends.smtp.EmailBackend", host="127.0.0.1", port=sink.port
    )
    sink.reset()
    started = time.perf_counter()
    send_mass_mail(messages, connection=connection)
    sink.wait_for(len(people))
    return Side(time.perf_counter() - started, sink.received(), sink.duplicates(), sink.bytes())


def _product(sink: SinkProcess, people: list) -> Side:
    """The weekly circulation's own steps, timed from rendering to the last row SENT:
    render once per region, store one outbox row per person with their signed
    unsubscribe link, commit, and one worker delivers the batches."""
    from django.db import transaction
    from django.utils import timezone

    from learning.mail.models import OutboxMessage, OutboxStatus
    from webinars.circulation import digest_store, weekly_digest
    from webinars.enums import CirculationKind
    from webinars.models import Circulation

    recipients = len(people)
    circulation = None
    try:
        with _own_queue() as queue, celery_worker(sink.port, queue):
            sink.reset()
            started = time.perf_counter()
            with transaction.atomic():
                renders, placeholder, sessions = weekly_digest(
                    now=timezone.now(), region_ids=[p.region_id for p in people]
                )
                circulation = Circulation.objects.create(
                    kind=CirculationKind.WEEKLY,
                    key=f"bench:{uuid.uuid4().hex}",
                    subject=next(iter(renders.values())).subject,
                    session_count=len(sessions),
                )
                digest_store(circulation, people, renders, placeholder)
            stored = time.perf_counter() - started
            rows = OutboxMessage.objects.filter(batch=circulation.batch_name)
            sink.wait_for(recipients)
            while rows.filter(status=OutboxStatus.SENT).count() < recipients:
                time.sleep(0.05)  # the last row was committed before its DATA ended
            elapsed = time.perf_counter() - started
        not_sent = rows.exclude(status=OutboxStatus.SENT).count()
        return Side(elapsed, sink.received(), sink.duplicates(), sink.bytes(), stored, not_sent)
    finally:
        if circulation is not None:
            OutboxMessage.objects.filter(batch=circulation.batch_name).delete()
            circulation.delete()


@dataclass(frozen=True)
class Side:
    seconds: float
    received: int  # messages the sink accepted
    duplicates: int  # copies beyond the first to a recipient
    bytes: int
    stored: float = 0.0  # the product's insert and commit
    not_sent: int = 0  # the product's rows not SENT at the end

    @property
    def rate(self) -> float:
        return self.received / self.seconds

    def checks(self, expected: int) -> str:
        problems = []
        if self.received != expected:
            problems.append(f"{self.received} of {expected} received")
        if self.duplicates:
            problems.append(f"{self.duplicates} duplicate copies")
        if self.not_sent:
            problems.append(f"{self.not_sent} rows not SENT")
        return "; ".join(problems) or "each recipient once"


def _report(recipients: int, baseline: Side, product: Side) -> None:
    from learning.mail.services import DELIVERY_BATCH_SIZE

    tasks = -(-recipients // DELIVERY_BATCH_SIZE)
    print(
        f"baseline  send_mass_mail, {recipients} messages over one connection:"
        f" {baseline.seconds:.2f} s, {baseline.rate:.0f} msgs/s,"
        f" {baseline.bytes / baseline.received / 1024:.1f} KB each, {baseline.checks(recipients)}"
    )
    print(
        f"{product.seconds / baseline.seconds:8.2f}x  weekly digest: render, store, one worker,"
        f" {tasks} tasks of {DELIVERY_BATCH_SIZE}: {product.seconds:.2f} s,"
        f" {product.rate:.0f} rows/s (storing and commit {product.stored:.2f} s),"
        f" {product.bytes / product.received / 1024:.1f} KB each, {product.checks(recipients)}"
    )


# --- Processes ---------------------------------------------------------------------------


@contextlib.contextmanager
def _own_queue() -> Iterator[str]:
    """Tasks go to a queue only the benchmark's worker reads: a `make run` worker on the
    same Redis (mailing to its console) must not take them, nor ours take its backlog.
    Emptied first, in case an interrupted run left tasks in it."""
    from learning.celery import app

    queue = "bench-circulation"
    with app.connection_for_write() as connection:
        connection.default_channel.queue_purge(queue)
    default = app.conf.task_default_queue
    app.conf.task_default_queue = queue
    try:
        yield queue
    finally:
        app.conf.task_default_queue = default


@contextlib.contextmanager
def celery_worker(smtp_port: int, queue: str) -> Iterator[subprocess.Popen]:
    """One solo worker, as the integration tests start it, mailing the sink."""
    from django.conf import settings

    from learning.celery import app
    from learning.devserver import BASE_DIR, stop_process

    name = f"bench-circulation-{os.getpid()}@%h"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "learning.settings.dev",
        "DATABASE_URL": settings.DATABASE_URL,
        "REDIS_URL": settings.REDIS_URL,
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_port),
    }
    argv = [
        sys.executable, "-m", "celery", "-A", "learning", "--quiet", "worker", "--pool=solo",
        "--concurrency=1", "--loglevel=WARNING", "--without-heartbeat", "--without-gossip",
        "--without-mingle", "-n", name, "-Q", queue,
    ]  # fmt: skip
    # Own process group: Ctrl-C reaches only this process, which then stops the worker.
    process = subprocess.Popen(argv, env=env, cwd=BASE_DIR, process_group=0)  # noqa: S603
    try:
        prefix = name.split("@")[0] + "@"
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        while not any(
            node.startswith(prefix) for reply in app.control.ping(timeout=0.5) for node in reply
        ):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the Celery worker did not start")
        yield process
    finally:
        stop_process(process)


class SinkProcess:
    """aiosmtpd in its own process; counters in shared memory."""

    def __init__(self):
        context = multiprocessing.get_context("spawn")
        self.counters = context.Array("q", 3)  # messages, duplicate copies, bytes
        self.stop = context.Event()
        self.ready = context.Event()
        self.port = _free_port()
        self.process = context.Process(
            target=_serve, args=(self.port, self.counters, self.ready, self.stop), daemon=True
        )

    def __enter__(self) -> SinkProcess:
        self.process.start()
        if not self.ready.wait(START_TIMEOUT_SECONDS):
            self.process.kill()
            raise RuntimeError("the SMTP sink did not start")
        return self

    def __exit__(self, *exc) -> None:
        self.stop.set()
        self.process.join(10)
        if self.process.is_alive():
            self.process.kill()

    def reset(self) -> None:
        for index in range(3):
            self.counters[index] = 0

    def received(self) -> int:
        return self.counters[0]

    def duplicates(self) -> int:
        return self.counters[1]

    def bytes(self) -> int:
        return self.counters[2]

    def wait_for(self, count: int) -> None:
        deadline = time.monotonic() + 30 + count * SECONDS_PER_MESSAGE_ALLOWED
        while self.received() < count:
            if time.monotonic() > deadline:
                raise RuntimeError(f"only {self.received()} of {count} messages reached the sink")
            time.sleep(0.01)


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class _CountingHandler:
    def __init__(self, counters):
        self.counters = counters
        self.seen: set[str] = set()

    async def handle_DATA(self, server, session, envelope):
        for address in envelope.rcpt_tos:
            if address in self.seen:
                self.counters[1] += 1
            self.seen.add(address)
        self.counters[2] += len(envelope.content)
        self.counters[0] += 1
        return "250 Message accepted for delivery"


def _serve(port, counters, ready, stop) -> None:
    """The sink process: serve until told to stop."""
    from aiosmtpd.controller import Controller

    logging.getLogger("mail.log").setLevel(logging.WARNING)  # a line per command otherwise
    controller = Controller(_CountingHandler(counters), hostname="127.0.0.1", port=port)
    controller.start()
    ready.set()
    stop.wait()
    controller.stop()
