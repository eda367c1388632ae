import hashlib
import logging
import smtplib
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import parseaddr

import redis.exceptions
from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.smtp import EmailBackend as SmtpBackend
from django.core.mail.message import sanitize_address
from django.core.mail.utils import DNS_NAME
from django.db import transaction
from django.db.models import Case, F, Value, When
from django.template.loader import render_to_string
from django.utils import timezone
from kombu.exceptions import OperationalError as KombuOperationalError

from .models import OutboxMessage, OutboxStatus
from .smtp import SmtpRefused, TwoStepSender

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
# Ids per delivery task and per sweep round: each is sent over one SMTP connection.
DELIVERY_BATCH_SIZE = 200
# Rows per INSERT: a digest is ~8 KB, so a chunk is a few MB.
INSERT_CHUNK_SIZE = 500
# What `.delay()` raises when the broker cannot be reached (kombu wraps most of them).
BROKER_UNREACHABLE = (
    KombuOperationalError,
    redis.exceptions.ConnectionError,
    redis.exceptions.TimeoutError,
    OSError,
)


@dataclass(frozen=True)
class OutgoingEmail:
    """One rendered email to one recipient, for `outbox_enqueue_many`."""

    key: str
    to: str
    subject: str
    body_text: str
    body_html: str = ""
    headers: dict[str, str] = field(default_factory=dict)


def outbox_enqueue(
    *, key: str, to: str, template: str, context: dict, headers: dict | None = None
) -> OutboxMessage:
    """Store an email for one recipient, then queue its delivery after commit.

    Templates live at templates/emails/<template>.{subject.txt,txt,html}.
    `headers` are extra email headers (names to values), sent as they are.
    """
    context = {"service_name": settings.SERVICE_NAME, **context}
    subject = render_to_string(f"emails/{template}.subject.txt", context).strip()
    message, created = OutboxMessage.objects.get_or_create(
        key=key,
        defaults={
            "to": to,
            "subject": " ".join(subject.split()),
            "body_text": render_to_string(f"emails/{template}.txt", context),
            "body_html": render_to_string(f"emails/{template}.html", context),
            "headers": headers or {},
        },
    )
    if created:
        from .tasks import deliver_outbox_message

        _queue_after_commit(
            what=f"email {message.pk}", queue=lambda: deliver_outbox_message.delay(message.pk)
        )
    return message


def outbox_enqueue_many(*, batch: str, messages: list[OutgoingEmail]) -> int:
    """Store a bulk send (one row per message, all named `batch`), then queue its
    delivery after commit in tasks of DELIVERY_BATCH_SIZE ids. Returns how many rows
    are new: a key already stored (a repeated circulation) stores nothing.

    The content comes rendered: the caller renders once and fills in each recipient.
    """
    by_key: dict[str, OutgoingEmail] = {}
    for message in messages:
        by_key.setdefault(message.key, message)
    unique = list(by_key.values())
    new_ids: list[int] = []
    with transaction.atomic():
        for start in range(0, len(unique), INSERT_CHUNK_SIZE):
            chunk = unique[start : start + INSERT_CHUNK_SIZE]
            stored = set(
                OutboxMessage.objects.filter(key__in=[m.key for m in chunk]).values_list(
                    "key", flat=True
                )
            )
            rows = [_row_of(message, batch=batch) for message in chunk if message.key not in stored]
            # ignore_conflicts: a key that another transaction stored since the read
            # above is skipped rather than failing the whole send.
            OutboxMessage.objects.bulk_create(rows, ignore_conflicts=True)
            new_ids += OutboxMessage.objects.filter(key__in=[row.key for row in rows]).values_list(
                "pk", flat=True
            )
    if new_ids:
        from .tasks import deliver_outbox_batch

        def queue_batches() -> None:
            for start in range(0, len(new_ids), DELIVERY_BATCH_SIZE):
                deliver_outbox_batch.delay(new_ids[start : start + DELIVERY_BATCH_SIZE])

        _queue_after_commit(what=f"{len(new_ids)} emails of {batch}", queue=queue_batches)
    return len(new_ids)


def _row_of(message: OutgoingEmail, *, batch: str) -> OutboxMessage:
    return OutboxMessage(
        key=message.key,
        batch=batch,
        to=message.to,
        subject=" ".join(message.subject.split()),  # a header: no line breaks
        body_text=message.body_text,
        body_html=message.body_html,
        headers=message.headers,
    )


def _queue_after_commit(*, what: str, queue: Callable[[], object]) -> None:
    """Queue delivery once the rows are committed. With the broker down the publish
    fails after commit; the rows are stored, so the caller's request must still
    succeed: log it and leave the rows to the beat sweep (deliver_pending_outbox)."""

    def queue_or_leave_to_the_sweep() -> None:
        try:
            queue()
        except BROKER_UNREACHABLE as error:
            logger.warning("could not queue %s (%s); the outbox sweep will send it", what, error)

    transaction.on_commit(queue_or_leave_to_the_sweep)


# --- Delivery ------------------------------------------------------------------------


@dataclass
class Delivery:
    sent: int = 0
    server_unreachable: bool = False


def outbox_deliver(*, message_id: int) -> bool:
    """Send one stored message unless it was already sent. Returns True if sent now."""
    return outbox_deliver_batch(message_ids=[message_id]) == 1


def outbox_deliver_batch(*, message_ids: list[int]) -> int:
    """Send the pending messages among `message_ids`, over one SMTP connection.
    Returns how many were sent now; a failure is recorded on its row, not raised.

    Never twice, whether two workers are handed the same ids or a worker is killed
    at any point (see `_send_over_smtp`).
    """
    return _deliver(message_ids).sent


def outbox_deliver_pending(*, older_than_seconds: int = 60) -> int:
    """The beat sweep: every pending row older than the cutoff (younger ones have a
    task on the way), DELIVERY_BATCH_SIZE at a time, each batch over one connection.
    Returns how many were sent. Stops at a batch whose server cannot be reached."""
    cutoff = timezone.now() - timezone.timedelta(seconds=older_than_seconds)
    pending = OutboxMessage.objects.filter(status=OutboxStatus.PENDING, created_at__lt=cutoff)
    sent, after = 0, 0
    # Walks by id, so a row that failed again this run is not picked up twice.
    while ids := list(
        pending.filter(pk__gt=after)
        .order_by("pk")
        .values_list("pk", flat=True)[:DELIVERY_BATCH_SIZE]
    ):
        delivery = _deliver(ids)
        sent += delivery.sent
        if delivery.server_unreachable:
            break
        after = ids[-1]
    return sent


def _deliver(message_ids: list[int]) -> Delivery:
    # The batch's pending rows with their content, in one query and without a lock:
    # each is claimed later by its own conditional UPDATE (`_mark_sent`). A redelivered
    # task whose rows are all sent opens no connection.
    messages = list(
        OutboxMessage.objects.filter(pk__in=message_ids, status=OutboxStatus.PENDING).order_by("pk")
    )
    if not messages:
        return Delivery()
    backend = get_connection()
    if isinstance(backend, SmtpBackend):
        return _deliver_over_smtp(TwoStepSender(backend), messages)
    return _deliver_through_backend(backend, messages)


def _deliver_over_smtp(sender: TwoStepSender, messages: list[OutboxMessage]) -> Delivery:
    delivery = Delivery()
    try:
        for index, message in enumerate(messages):
            try:
                sender.ensure_open()
            except (OSError, smtplib.SMTPException) as error:
                _record_unreachable([m.pk for m in messages[index:]], error)
                delivery.server_unreachable = True
                break
            delivery.sent += _send_over_smtp(sender, message)
    finally:
        sender.close()
    return delivery


def _send_over_smtp(sender: TwoStepSender, message: OutboxMessage) -> bool:
    """Exactly once, whenever the worker may be killed and however many workers are
    handed the row, with one database round trip per message:

    The message is sent up to but not including the end of DATA; then one autocommit
    UPDATE marks the row sent if it is still pending; only if it did does the
    terminator go.
    - Killed before the UPDATE: the row is still pending and the server discards a
      DATA that never ended; it is sent once, later.
    - Killed after it: the row says sent and the terminator went (or, in a window
      of microseconds, did not: then the message is lost, never doubled). The
      server's reply is not needed to know the row is done.
    - Two workers on one row: both may reach the end of the content, but the UPDATE
      lets only one of them through; the other abandons its DATA (`sender.drop`).
    """
    try:
        envelope = _envelope_of(message)
    except ValueError as error:  # BadHeaderError is one
        # A bad address or header stays bad: give up on this row, not the batch.
        _record_failure(message, error, permanent=True)
        return False
    try:
        sender.begin(**envelope)
    except SmtpRefused as refusal:
        sender.reset(refusal)
        # An unknown recipient stays unknown; a refused sender or DATA is more often
        # our account or a busy server, so it is retried.
        _record_failure(
            message, refusal, permanent=refusal.permanent and refusal.command == "RCPT TO"
        )
        return False
    except (OSError, smtplib.SMTPException) as error:
        sender.drop()  # the session is in an unknown state, maybe mid-DATA
        _record_failure(message, error)
        return False
    try:
        marked = _mark_sent(message.pk)
    except BaseException:
        sender.drop()  # mid-DATA, the QUIT of a clean close would be read as content
        raise
    if not marked:
        # Another worker sent it (or gave it up) since the batch was read. This DATA
        # must not end: closing the connection without the terminator makes the
        # server discard it (RFC 5321 section 4.1.1.4); RSET cannot be sent mid-DATA,
        # it would be read as content. The next message opens a new connection.
        sender.drop()
        return False
    try:
        code, reply = sender.finish()
    except (OSError, smtplib.SMTPException) as error:
        # The terminator may have arrived: sending again could make two copies.
        sender.drop()
        logger.warning("email %s to %s: no reply to end of DATA: %s", message.pk, message.to, error)
        OutboxMessage.objects.filter(pk=message.pk).update(
            last_error=f"No reply to the end of DATA, so maybe not delivered: {error}"[:2000]
        )
        return True
    if code == 250:
        return True
    refusal = SmtpRefused("end of DATA", code, reply)
    if code == 421:
        sender.drop()
    _put_back(message, refusal)
    return False


def _deliver_through_backend(backend, messages: list[OutboxMessage]) -> Delivery:
    """Other backends (locmem in tests, the console in dev) hand the message over
    in-process, so nothing is ever half sent and nothing can be taken back: the row
    is checked and held (a row lock, skipped by another deliverer) while it is sent,
    then marked sent by the same conditional UPDATE as over SMTP."""
    delivery = Delivery()
    try:
        backend.open()
    except Exception as error:  # any backend's failure to connect
        _record_unreachable([m.pk for m in messages], error)
        return Delivery(server_unreachable=True)
    try:
        for message in messages:
            with transaction.atomic():
                if not _lock_if_pending(message.pk):
                    continue  # sent or given up since the batch was read, or being sent
                try:
                    backend.send_messages([_email_of(message)])
                except Exception as error:  # whatever the backend raises; retried later
                    _record_failure(message, error)
                    continue
                delivery.sent += _mark_sent(message.pk)
    finally:
        backend.close()
    return delivery


def _mark_sent(message_id: int) -> bool:
    """Claims the row if it is still pending, in one statement. Over SMTP it runs
    outside any atomic block, so in autocommit: one round trip, and committed by the
    time it returns, before the terminator goes. (Called inside a caller's
    transaction, the commit would come later and a kill in between would resend.)"""
    return (
        OutboxMessage.objects.filter(pk=message_id, status=OutboxStatus.PENDING).update(
            status=OutboxStatus.SENT,
            sent_at=timezone.now(),
            attempts=F("attempts") + 1,
            last_error="",
        )
        == 1
    )


def _lock_if_pending(message_id: int) -> bool:
    return (
        OutboxMessage.objects.select_for_update(skip_locked=True)
        .filter(pk=message_id, status=OutboxStatus.PENDING)
        .values_list("pk", flat=True)
        .order_by()
        .first()
        is not None
    )


def _envelope_of(message: OutboxMessage) -> dict:
    """Sender, recipient and bytes as Django's SMTP backend would send them."""
    email = _email_of(message)
    encoding = email.encoding or settings.DEFAULT_CHARSET
    return {
        "sender": sanitize_address(email.from_email, encoding),
        "recipient": sanitize_address(message.to, encoding),
        "content": email.message().as_bytes(linesep="\r\n"),
    }


def _email_of(message: OutboxMessage) -> EmailMultiAlternatives:
    headers = dict(message.headers or {})
    if not any(name.lower() == "message-id" for name in headers):
        headers["Message-ID"] = message_id_header(message)
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=message.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[message.to],
        headers=headers,
    )
    if message.body_html:
        email.attach_alternative(message.body_html, "text/html")
    return email


def message_id_header(message: OutboxMessage) -> str:
    """The same Message-ID every time a row is sent, so a copy sent twice (a retry
    after an unanswered end of DATA) can be recognised as one message. The key's
    hash keeps ids from two databases sending from the same domain apart."""
    digest = hashlib.sha256(message.key.encode()).hexdigest()[:16]
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or str(DNS_NAME)
    return f"<outbox.{message.pk}.{digest}@{domain}>"


def _given_up_after(attempts: int, *, otherwise: str) -> Case:
    """The row's status once it has used `attempts` more tries, worked out by the
    UPDATE itself (from the count in the row, not one read earlier)."""
    return Case(
        When(attempts__gte=MAX_ATTEMPTS - attempts, then=Value(OutboxStatus.FAILED)),
        default=Value(otherwise),
    )


def _record_failure(message: OutboxMessage, error: Exception, *, permanent: bool = False) -> None:
    """A try that failed before the row was marked sent: it used an attempt, and the
    row is pending for another or given up. Only if still pending, so a row another
    worker sent meanwhile stays sent."""
    logger.warning("email %s to %s failed: %s", message.pk, message.to, error)
    OutboxMessage.objects.filter(pk=message.pk, status=OutboxStatus.PENDING).update(
        attempts=F("attempts") + 1,
        last_error=str(error)[:2000],
        status=(
            OutboxStatus.FAILED if permanent else _given_up_after(1, otherwise=OutboxStatus.PENDING)
        ),
    )


def _put_back(message: OutboxMessage, refusal: SmtpRefused) -> None:
    """The server refused a message already marked sent (its attempt counted then)."""
    logger.warning("email %s to %s refused: %s", message.pk, message.to, refusal)
    OutboxMessage.objects.filter(pk=message.pk, status=OutboxStatus.SENT).update(
        status=(
            OutboxStatus.FAILED
            if refusal.permanent
            else _given_up_after(0, otherwise=OutboxStatus.PENDING)
        ),
        sent_at=None,
        last_error=str(refusal)[:2000],
    )


def _record_unreachable(ids: list[int], error: Exception) -> None:
    """No connection: each of these messages still pending used an attempt."""
    logger.warning("mail server unreachable, %s emails wait: %s", len(ids), error)
    OutboxMessage.objects.filter(pk__in=ids, status=OutboxStatus.PENDING).update(
        attempts=F("attempts") + 1,
        last_error=str(error)[:2000],
        status=_given_up_after(1, otherwise=OutboxStatus.PENDING),
    )
