"""Delivery against committed rows, as workers see them: outside pytest-django's
per-test transaction, so a second deliverer (a thread with its own database
connection) sees the same rows, and the per-message UPDATE runs in autocommit."""

import asyncio
import threading

import pytest
from django.db import connection, connections
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from learning.mail.models import OutboxMessage, OutboxStatus
from learning.mail.services import outbox_deliver_batch

from .helpers import Sink, smtp_sink

BATCH = "circulation:concurrent-test"


def recipient(n: int) -> str:
    return f"lead{n}@example.org"


@pytest.fixture
def committed_rows(django_db_setup, django_db_blocker):
    """committed_rows(count) -> ids of that many pending rows, committed; deleted afterwards."""
    with django_db_blocker.unblock():

        def make(count: int) -> list[int]:
            OutboxMessage.objects.bulk_create(
                OutboxMessage(
                    key=f"{BATCH}:{n}",
                    batch=BATCH,
                    to=recipient(n),
                    subject="Webinars in December",
                    body_text=f"Dear lead {n},\n\nThe schedule.\n",
                    body_html=f"<p>Dear lead {n},</p>",
                )
                for n in range(count)
            )
            return list(
                OutboxMessage.objects.filter(batch=BATCH)
                .order_by("pk")
                .values_list("pk", flat=True)
            )

        try:
            yield make
        finally:
            OutboxMessage.objects.filter(batch=BATCH).delete()


def smtp_settings(port: int):
    return override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=port,
    )


def in_own_connection(call):
    """Run `call` as another worker would: this thread's own database connection."""
    try:
        return call()
    finally:
        connections.close_all()


class RivalAtRcpt(Sink):
    """At the first RCPT TO of `address`, a rival deliverer (another thread, another
    database connection, another SMTP connection to this sink) sends the same rows
    to the end before the first deliverer's session goes on. So the first one read
    the row as pending, reaches the end of the content, and finds it sent."""

    def __init__(self, address: str, rival_ids: list[int]):
        super().__init__()
        self.address = address
        self.rival_ids = rival_ids
        self.rival_sent: int | None = None

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address == self.address and self.rival_sent is None:
            self.rival_sent = -1  # the rival's own RCPT of this address must not race again
            self.rival_sent = await asyncio.to_thread(
                in_own_connection, lambda: outbox_deliver_batch(message_ids=self.rival_ids)
            )
        return await super().handle_RCPT(server, session, envelope, address, rcpt_options)


def test_a_row_sent_by_another_worker_mid_data_is_abandoned_not_sent_twice(committed_rows):
    ids = committed_rows(3)
    sink = RivalAtRcpt(recipient(1), rival_ids=[ids[1]])
    with smtp_sink(sink) as port, smtp_settings(port):
        sent_here = outbox_deliver_batch(message_ids=ids)

    assert sink.rival_sent == 1  # the rival sent row 1 while this deliverer was at its RCPT
    assert sent_here == 2  # rows 0 and 2; row 1's DATA was left unterminated
    assert sink.copies_per_recipient() == {recipient(n): 1 for n in range(3)}
    rows = OutboxMessage.objects.filter(batch=BATCH).order_by("pk")
    assert [(row.status, row.attempts) for row in rows] == [(OutboxStatus.SENT, 1)] * 3
    # The abandoned DATA cost its connection: row 2 went over a fresh one.
    peers = {r.recipients[0]: r.peer for r in sink.received}
    assert peers[recipient(0)] != peers[recipient(2)]


def test_two_workers_handed_the_same_batch_send_each_message_once(committed_rows):
    count = 60
    ids = committed_rows(count)
    sink = Sink()
    start = threading.Barrier(2)
    sent: list[int] = []

    def deliver() -> None:
        def call():
            start.wait()
            return outbox_deliver_batch(message_ids=ids)

        sent.append(in_own_connection(call))

    with smtp_sink(sink) as port, smtp_settings(port):
        workers = [threading.Thread(target=deliver) for _ in range(2)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join(120)

    assert len(sent) == 2
    assert sum(sent) == count
    assert sink.copies_per_recipient() == {recipient(n): 1 for n in range(count)}
    assert set(OutboxMessage.objects.filter(batch=BATCH).values_list("status", "attempts")) == {
        (OutboxStatus.SENT, 1)
    }


def test_each_message_costs_one_autocommit_statement(committed_rows):
    """Over and above a constant per batch: one UPDATE per message, run in autocommit
    (outside any atomic block), so it is one round trip and committed before the
    terminator goes."""
    ids = committed_rows(25)
    statements: list[tuple[str, bool]] = []

    def record(execute, sql, params, many, context):
        statements.append((sql, connection.get_autocommit() and not connection.in_atomic_block))
        return execute(sql, params, many, context)

    def queries_to_deliver(batch: list[int]) -> list[dict]:
        with CaptureQueriesContext(connection) as captured:
            assert outbox_deliver_batch(message_ids=batch) == len(batch)
        return captured.captured_queries

    sink = Sink()
    with smtp_sink(sink) as port, smtp_settings(port), connection.execute_wrapper(record):
        connection.ensure_connection()
        five = queries_to_deliver(ids[:5])
        twenty = queries_to_deliver(ids[5:])

    assert len(twenty) - len(five) == 15
    assert len(five) <= 5 + 2  # the batch's one read, and at most a SET search_path
    updates = [(sql, autocommit) for sql, autocommit in statements if sql.startswith("UPDATE")]
    assert len(updates) == 25
    assert all(autocommit for _, autocommit in updates)
    assert len(sink.received) == 25
