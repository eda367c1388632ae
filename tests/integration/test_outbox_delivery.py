"""A circulation through the real broker, a real Celery worker and an SMTP sink
(aiosmtpd): each recipient gets exactly one copy even when the worker is killed
with SIGKILL mid-way, and a circulation stored while the broker is down goes out
once it is back."""

import time
from datetime import timedelta

import pytest
from django.db import transaction
from django.db.models import F

from learning.mail.models import OutboxMessage, OutboxStatus
from learning.mail.selectors import outbox_batch_status_counts
from learning.mail.services import OutgoingEmail, outbox_enqueue_many
from learning.mail.tasks import deliver_pending_outbox
from learning.mail.tests.helpers import Sink, broker_down, smtp_sink

from .conftest import celery_worker

pytestmark = pytest.mark.integration

BATCH = "circulation:integration-test"
RECIPIENTS = 1_000
KILL_AT = 300  # the message during which the worker is killed
DELIVERY_TIMEOUT_SECONDS = 40


def circulation(count: int) -> list[OutgoingEmail]:
    schedule = "".join(
        f"Webinar {n}: social prescribing in practice, 10:00-11:00\n" for n in range(30)
    )
    return [
        OutgoingEmail(
            key=f"{BATCH}:{n}",
            to=recipient(n),
            subject="Webinars this month",
            body_text=f"Dear lead {n},\n\n{schedule}",
            body_html=f"<p>Dear lead {n},</p><pre>{schedule}</pre>",
        )
        for n in range(count)
    ]


def recipient(n: int) -> str:
    return f"lead{n}@example.org"


class KillingSink(Sink):
    """Kills the worker (SIGKILL) while it waits for the sink's reply to the KILL_AT-th
    message: at RCPT TO, its row still pending (the UPDATE that marks it sent comes
    after the content); or at the end of DATA, the row committed as sent and the
    sink's 250 not yet given."""

    def __init__(self, stage: str):
        super().__init__()
        self.stage = stage
        self.worker = None
        self.rcpts = 0
        self.killed_during: str | None = None  # the recipient whose message was cut

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        self.rcpts += 1
        if self.stage == "RCPT TO" and self.rcpts == KILL_AT:
            self.kill(address)
        return await super().handle_RCPT(server, session, envelope, address, rcpt_options)

    async def handle_DATA(self, server, session, envelope):
        if self.stage == "end of DATA" and len(self.received) == KILL_AT - 1:
            await super().handle_DATA(server, session, envelope)  # the sink has it
            self.kill(envelope.rcpt_tos[0])
            return "250 Message accepted for delivery"  # to a dead client
        return await super().handle_DATA(server, session, envelope)

    def kill(self, address: str) -> None:
        if self.worker is not None and self.killed_during is None:
            self.worker.kill()  # --pool=solo: the worker is this one process
            self.worker.wait()
            self.killed_during = address


@pytest.fixture
def publishing_for_real(settings):
    from learning.celery import app

    settings.CELERY_TASK_ALWAYS_EAGER = False
    app.conf.task_always_eager = False
    try:
        yield
    finally:
        app.conf.task_always_eager = True


@pytest.fixture
def cleanup_batch(committed):
    yield
    OutboxMessage.objects.filter(batch=BATCH).delete()


def worker_environment(port: int) -> dict[str, str]:
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(port),
    }


def counts() -> dict[str, int]:
    return outbox_batch_status_counts(batch=BATCH)


def wait_until(condition, what: str, timeout: float = DELIVERY_TIMEOUT_SECONDS) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"{what}: not within {timeout} s ({counts()})"
        time.sleep(0.2)


def make_overdue() -> None:
    """As if stored before the sweep's one-minute cutoff."""
    OutboxMessage.objects.filter(batch=BATCH).update(
        created_at=F("created_at") - timedelta(minutes=5)
    )


@pytest.mark.parametrize("stage", ["RCPT TO", "end of DATA"])
def test_a_worker_killed_mid_circulation_and_restarted_sends_everyone_one_copy(
    stage, cleanup_batch, publishing_for_real
):
    sink = KillingSink(stage)
    with smtp_sink(sink) as port:
        environment = worker_environment(port)
        with celery_worker(environment) as worker:
            sink.worker = worker
            with transaction.atomic():
                assert (
                    outbox_enqueue_many(batch=BATCH, messages=circulation(RECIPIENTS)) == RECIPIENTS
                )
            wait_until(lambda: sink.killed_during is not None, "the worker was killed")

        cut = OutboxMessage.objects.get(batch=BATCH, to=sink.killed_during)
        if stage == "RCPT TO":
            # Killed before the UPDATE that marks it sent: the row is still pending.
            assert cut.status == OutboxStatus.PENDING
            assert counts()["sent"] == KILL_AT - 1
        else:
            # Killed after that UPDATE (autocommit): sent, though the worker never read the 250.
            assert cut.status == OutboxStatus.SENT
            assert counts()["sent"] == KILL_AT
        assert len(sink.received) == counts()["sent"]

        # A fresh worker takes the tasks still queued; the killed task's rows wait
        # for the sweep (its message stays unacknowledged for the visibility timeout).
        make_overdue()
        with celery_worker(environment):
            deliver_pending_outbox.delay()
            wait_until(lambda: counts()["sent"] == RECIPIENTS, "every row sent")

    assert sink.copies_per_recipient() == {recipient(n): 1 for n in range(RECIPIENTS)}
    assert counts() == {"pending": 0, "sent": RECIPIENTS, "failed": 0}


def test_with_the_broker_down_a_circulation_is_stored_and_sent_once_it_is_back(
    cleanup_batch, publishing_for_real
):
    sink = Sink()
    started = time.monotonic()
    with broker_down(), transaction.atomic():
        assert outbox_enqueue_many(batch=BATCH, messages=circulation(300)) == 300
    assert time.monotonic() - started < 10, "publishing waited on the dead broker"
    assert counts() == {"pending": 300, "sent": 0, "failed": 0}

    make_overdue()
    with smtp_sink(sink) as port, celery_worker(worker_environment(port)):
        deliver_pending_outbox.delay()  # what beat does every five minutes
        wait_until(lambda: counts()["sent"] == 300, "every row sent")

    assert sink.copies_per_recipient() == {recipient(n): 1 for n in range(300)}
    assert sink.connections() == 2  # the sweep: 200 and 100, one connection each
