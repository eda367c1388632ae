import datetime

import pytest
from celery.signals import task_prerun
from django.core import mail
from django.core.mail import get_connection
from django.db.models import F
from django.test import override_settings

from learning.mail.models import OutboxMessage, OutboxStatus
from learning.mail.selectors import outbox_batch_status_counts
from learning.mail.services import (
    DELIVERY_BATCH_SIZE,
    MAX_ATTEMPTS,
    OutgoingEmail,
    message_id_header,
    outbox_deliver_batch,
    outbox_enqueue,
    outbox_enqueue_many,
)
from learning.mail.smtp import TwoStepSender
from learning.mail.tasks import deliver_pending_outbox

from .helpers import Sink, broker_down, smtp_sink

pytestmark = pytest.mark.django_db

BATCH = "circulation:test"


def digest_to(count: int, *, first: int = 0) -> list[OutgoingEmail]:
    return [
        OutgoingEmail(
            key=f"{BATCH}:{n}",
            to=f"lead{n}@example.org",
            subject="Webinars in December",
            body_text=f"Dear lead {n},\n\nThe schedule.\n.\n.A line that starts with a dot.\n",
            body_html=f"<p>Dear lead {n},</p><p>The schedule.</p>",
            headers={"List-Unsubscribe": f"<https://example.org/unsubscribe/{n}/>"},
        )
        for n in range(first, first + count)
    ]


def make_overdue(batch: str = BATCH) -> None:
    """As if stored more than the sweep's minute ago."""
    OutboxMessage.objects.filter(batch=batch).update(
        created_at=F("created_at") - datetime.timedelta(minutes=5)
    )


@pytest.fixture
def queued_batches():
    """The id lists of every deliver_outbox_batch task run (eagerly, in tests)."""
    runs: list[list[int]] = []

    def record(sender=None, args=(), **_):
        if sender.name == "learning.mail.tasks.deliver_outbox_batch":
            runs.append(list(args[0]))

    task_prerun.connect(record, weak=False)
    yield runs
    task_prerun.disconnect(record)


@pytest.fixture
def sink():
    sink = Sink()
    with (
        smtp_sink(sink) as port,
        override_settings(
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=port,
        ),
    ):
        yield sink


# --- Storing -------------------------------------------------------------------------


def test_a_bulk_send_stores_one_row_per_key_and_a_repeat_stores_nothing(on_commit):
    with on_commit():
        assert outbox_enqueue_many(batch=BATCH, messages=digest_to(3)) == 3
    with on_commit():
        assert outbox_enqueue_many(batch=BATCH, messages=digest_to(3)) == 0
        assert outbox_enqueue_many(batch=BATCH, messages=digest_to(4)) == 1
    assert OutboxMessage.objects.filter(batch=BATCH).count() == 4
    assert len(mail.outbox) == 4
    row = OutboxMessage.objects.get(key=f"{BATCH}:0")
    assert row.headers == {"List-Unsubscribe": "<https://example.org/unsubscribe/0/>"}


def test_a_key_twice_in_one_call_is_stored_once(on_commit):
    twice = digest_to(2) + digest_to(1)
    with on_commit():
        assert outbox_enqueue_many(batch=BATCH, messages=twice) == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["lead0@example.org", "lead1@example.org"]


def test_delivery_is_queued_after_commit_in_tasks_of_200_ids(on_commit, queued_batches):
    with on_commit():
        outbox_enqueue_many(batch=BATCH, messages=digest_to(450))
        assert queued_batches == []  # nothing before commit
    assert [len(ids) for ids in queued_batches] == [DELIVERY_BATCH_SIZE, DELIVERY_BATCH_SIZE, 50]
    ids = OutboxMessage.objects.filter(batch=BATCH).values_list("pk", flat=True)
    assert sorted(i for batch in queued_batches for i in batch) == sorted(ids)
    assert outbox_batch_status_counts(batch=BATCH) == {"pending": 0, "sent": 450, "failed": 0}
    assert len(mail.outbox) == 450


def test_the_subject_of_a_bulk_send_is_one_line(on_commit):
    message = OutgoingEmail(key="k", to="a@example.org", subject="Two\nlines", body_text="x")
    with on_commit():
        outbox_enqueue_many(batch=BATCH, messages=[message])
    assert mail.outbox[0].subject == "Two lines"


# --- The broker down -----------------------------------------------------------------


def test_with_the_broker_down_a_bulk_send_is_stored_and_the_sweep_sends_it(on_commit):
    with broker_down(), on_commit():
        assert outbox_enqueue_many(batch=BATCH, messages=digest_to(250)) == 250
    assert outbox_batch_status_counts(batch=BATCH)["pending"] == 250
    assert mail.outbox == []
    make_overdue()
    deliver_pending_outbox()
    assert outbox_batch_status_counts(batch=BATCH)["sent"] == 250
    assert sorted(m.to[0] for m in mail.outbox) == sorted(m.to for m in digest_to(250))


def test_with_the_broker_down_a_single_email_is_stored_and_left_to_the_sweep(on_commit):
    with broker_down(), on_commit():
        message = outbox_enqueue(
            key="declined-1",
            to="sam@example.org",
            template="join_declined",
            context={"join_request": {"full_name": "Sam", "decline_reason": "Ask in May."}},
        )
    message.refresh_from_db()
    assert message.status == OutboxStatus.PENDING
    assert mail.outbox == []


# --- Over SMTP -----------------------------------------------------------------------


def stored(count: int) -> list[int]:
    """Rows stored but not delivered (the test's transaction never commits), in id order."""
    outbox_enqueue_many(batch=BATCH, messages=digest_to(count))
    return list(
        OutboxMessage.objects.filter(batch=BATCH).order_by("pk").values_list("pk", flat=True)
    )


def test_a_batch_goes_over_one_connection_with_its_content_intact(sink):
    ids = stored(5)
    assert outbox_deliver_batch(message_ids=ids) == 5
    assert sink.connections() == 1
    assert sink.copies_per_recipient() == {f"lead{n}@example.org": 1 for n in range(5)}
    first = next(r.message for r in sink.received if r.recipients == ("lead0@example.org",))
    text, html = (
        part.get_payload(decode=True).decode().replace("\r\n", "\n") for part in first.get_payload()
    )
    assert text == "Dear lead 0,\n\nThe schedule.\n.\n.A line that starts with a dot.\n"
    assert html == "<p>Dear lead 0,</p><p>The schedule.</p>"
    assert first["List-Unsubscribe"] == "<https://example.org/unsubscribe/0/>"
    row = OutboxMessage.objects.get(pk=ids[0])
    assert first["Message-ID"] == message_id_header(row)
    assert row.status == OutboxStatus.SENT
    assert row.attempts == 1
    assert row.sent_at is not None


def test_the_message_id_is_the_same_for_a_row_every_time():
    (message_id,) = stored(1)
    row = OutboxMessage.objects.get(pk=message_id)
    assert message_id_header(row) == message_id_header(OutboxMessage.objects.get(pk=message_id))
    assert message_id_header(row).startswith(f"<outbox.{row.pk}.")
    assert message_id_header(row).endswith("@learning-network.example.org>")


def test_a_batch_sends_only_what_is_still_pending(sink):
    ids = stored(3)
    assert outbox_deliver_batch(message_ids=ids[:1]) == 1
    assert outbox_deliver_batch(message_ids=ids) == 2  # a redelivered task
    assert outbox_deliver_batch(message_ids=ids) == 0
    assert set(sink.copies_per_recipient().values()) == {1}
    assert sink.connections() == 2  # the last call found nothing to send and connected to nothing


def test_a_refused_recipient_fails_at_once_and_the_rest_of_the_batch_is_sent(sink):
    ids = stored(4)
    sink.refuse_at_rcpt["lead1@example.org"] = "550 5.1.1 No such user"
    assert outbox_deliver_batch(message_ids=ids) == 3
    refused = OutboxMessage.objects.get(to="lead1@example.org")
    assert refused.status == OutboxStatus.FAILED
    assert refused.attempts == 1
    assert "550" in refused.last_error
    assert set(sink.copies_per_recipient()) == {
        "lead0@example.org",
        "lead2@example.org",
        "lead3@example.org",
    }
    assert sink.connections() == 1


def test_a_row_that_cannot_be_made_into_an_email_fails_and_the_rest_are_sent(sink):
    ids = stored(3)
    OutboxMessage.objects.filter(pk=ids[1]).update(
        headers={"X-Campaign": "one\nBcc: x@example.org"}
    )
    assert outbox_deliver_batch(message_ids=ids) == 2
    broken = OutboxMessage.objects.get(pk=ids[1])
    assert (broken.status, broken.attempts) == (OutboxStatus.FAILED, 1)
    assert "newline" in broken.last_error
    assert set(sink.copies_per_recipient()) == {"lead0@example.org", "lead2@example.org"}


def test_a_temporary_refusal_of_a_recipient_is_retried(sink):
    ids = stored(2)
    sink.refuse_at_rcpt["lead0@example.org"] = "450 4.2.1 Mailbox busy"
    assert outbox_deliver_batch(message_ids=ids) == 1
    busy = OutboxMessage.objects.get(to="lead0@example.org")
    assert (busy.status, busy.attempts) == (OutboxStatus.PENDING, 1)
    del sink.refuse_at_rcpt["lead0@example.org"]
    assert outbox_deliver_batch(message_ids=ids) == 1
    busy.refresh_from_db()
    assert (busy.status, busy.attempts, busy.last_error) == (OutboxStatus.SENT, 2, "")


def test_a_refusal_at_the_end_of_data_puts_the_row_back(sink):
    ids = stored(3)
    sink.refuse_at_end_of_data["lead0@example.org"] = "451 4.3.0 Try again later"
    sink.refuse_at_end_of_data["lead1@example.org"] = "554 5.7.1 Message rejected"
    assert outbox_deliver_batch(message_ids=ids) == 1
    later = OutboxMessage.objects.get(to="lead0@example.org")
    assert (later.status, later.attempts, later.sent_at) == (OutboxStatus.PENDING, 1, None)
    assert "451" in later.last_error
    rejected = OutboxMessage.objects.get(to="lead1@example.org")
    assert rejected.status == OutboxStatus.FAILED
    assert "554" in rejected.last_error
    assert sink.copies_per_recipient() == {"lead2@example.org": 1}


def test_a_row_refused_at_the_end_of_data_every_time_is_given_up(sink):
    (message_id,) = stored(1)
    sink.refuse_at_end_of_data["lead0@example.org"] = "451 4.3.0 Try again later"
    for _ in range(MAX_ATTEMPTS):
        outbox_deliver_batch(message_ids=[message_id])
    row = OutboxMessage.objects.get(pk=message_id)
    assert (row.status, row.attempts) == (OutboxStatus.FAILED, MAX_ATTEMPTS)


def test_the_sweep_drains_a_backlog_larger_than_a_batch_one_connection_per_batch(sink):
    stored(450)
    make_overdue()
    deliver_pending_outbox()
    assert outbox_batch_status_counts(batch=BATCH)["sent"] == 450
    assert len(sink.copies_per_recipient()) == 450
    assert set(sink.copies_per_recipient().values()) == {1}
    assert sink.connections() == 3


def test_the_sweep_leaves_rows_younger_than_a_minute_to_their_tasks(sink):
    stored(2)
    deliver_pending_outbox()
    assert outbox_batch_status_counts(batch=BATCH)["pending"] == 2
    assert sink.received == []


@override_settings(EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend", EMAIL_PORT=1)
def test_with_the_mail_server_down_the_sweep_stops_at_the_first_batch():
    stored(DELIVERY_BATCH_SIZE + 10)
    make_overdue()
    deliver_pending_outbox()
    rows = OutboxMessage.objects.filter(batch=BATCH).order_by("pk")
    tried = [row for row in rows if row.attempts == 1]
    assert len(tried) == DELIVERY_BATCH_SIZE
    assert all(row.last_error and row.status == OutboxStatus.PENDING for row in tried)
    assert outbox_batch_status_counts(batch=BATCH)["pending"] == DELIVERY_BATCH_SIZE + 10


def test_a_message_whose_data_never_ends_is_not_delivered(sink):
    """What a worker killed between the content and its commit leaves at the server."""
    cut = TwoStepSender(get_connection())
    cut.ensure_open()
    cut.begin(sender="a@example.org", recipient="lead0@example.org", content=b"Subject: x\r\n\r\ny")
    cut.drop()  # the connection ends where the terminator would have gone
    whole = TwoStepSender(get_connection())
    whole.ensure_open()
    whole.begin(
        sender="a@example.org", recipient="lead1@example.org", content=b"Subject: x\r\n\r\ny"
    )
    assert whole.finish()[0] == 250
    whole.close()
    assert sink.copies_per_recipient() == {"lead1@example.org": 1}
