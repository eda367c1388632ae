import pytest
from django.core import mail
from django.test import override_settings

from learning.mail.models import OutboxMessage, OutboxStatus
from learning.mail.services import MAX_ATTEMPTS, outbox_deliver, outbox_enqueue
from learning.mail.tasks import deliver_pending_outbox

pytestmark = pytest.mark.django_db


def enqueue(key="welcome-1", to="sam@example.org"):
    return outbox_enqueue(
        key=key,
        to=to,
        template="join_declined",
        context={"join_request": {"full_name": "Sam", "decline_reason": "Ask again in May."}},
    )


def test_the_same_message_is_stored_and_sent_once(on_commit):
    with on_commit():
        first = enqueue()
        second = enqueue()
    assert first.pk == second.pk
    assert OutboxMessage.objects.count() == 1
    assert len(mail.outbox) == 1
    assert outbox_deliver(message_id=first.pk) is False  # already sent
    assert len(mail.outbox) == 1


def test_a_message_has_text_and_html_parts(on_commit):
    with on_commit():
        enqueue()
    sent = mail.outbox[0]
    assert "Ask again in May." in sent.body
    assert sent.alternatives[0][1] == "text/html"
    assert "Ask again in May." in sent.alternatives[0][0]


@override_settings(EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend", EMAIL_PORT=1)
def test_a_failed_send_stays_pending_and_is_retried_then_given_up():
    message = enqueue()
    for attempt in range(1, MAX_ATTEMPTS + 1):
        assert outbox_deliver(message_id=message.pk) is False
        message.refresh_from_db()
        assert message.attempts == attempt
        assert message.last_error
    assert message.status == OutboxStatus.FAILED


def test_the_sweep_sends_what_was_stored_while_the_broker_was_down():
    message = enqueue()  # its on_commit never ran: as if the broker were down
    OutboxMessage.objects.filter(pk=message.pk).update(
        created_at=message.created_at - __import__("datetime").timedelta(minutes=5)
    )
    deliver_pending_outbox()
    message.refresh_from_db()
    assert message.status == OutboxStatus.SENT
    assert len(mail.outbox) == 1
