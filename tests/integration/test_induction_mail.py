"""A coordinator's decision reaches the link worker's inbox: the outbox row is
committed, the task goes through the real broker to a real Celery worker, and
the worker speaks SMTP to a local sink (aiosmtpd)."""

import email
import socket
import time

import pytest
from aiosmtpd.controller import Controller
from django.db import transaction

from induction.enums import StepKind
from induction.models import InductionPackPage, StepProgress
from induction.services import step_complete, step_return, step_sign_off
from induction.tests.factories import make_section, make_step
from learning.accounts.enums import Role
from learning.accounts.tests.factories import UserFactory
from learning.home.models import HomePage
from learning.mail.models import OutboxMessage, OutboxStatus

from .conftest import celery_worker

pytestmark = pytest.mark.integration


class Inbox:
    def __init__(self):
        self.messages: list[email.message.Message] = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(email.message_from_bytes(envelope.content))
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_sink():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield inbox, controller.port
    finally:
        controller.stop()


@pytest.fixture
def worker_mailing_to(smtp_sink, settings):
    from learning.celery import app

    inbox, port = smtp_sink
    settings.CELERY_TASK_ALWAYS_EAGER = False
    app.conf.task_always_eager = False
    smtp = {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(port),
    }
    try:
        with celery_worker(smtp):
            yield inbox
    finally:
        app.conf.task_always_eager = True


def wait_for(inbox: Inbox, count: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while len(inbox.messages) < count and time.monotonic() < deadline:
        time.sleep(0.1)
    assert len(inbox.messages) >= count, f"{len(inbox.messages)} of {count} emails arrived"


def body_of(message) -> str:
    for part in message.walk():
        if part.get_content_type() == "text/plain":
            return part.get_payload(decode=True).decode()
    return ""


def test_signing_off_and_returning_email_the_link_worker(committed, worker_mailing_to):
    inbox = worker_mailing_to
    with transaction.atomic():
        north_west_worker = UserFactory(full_name="Sam Okafor")
        coordinator = UserFactory(role=Role.COORDINATOR, full_name="Asha Patel")
        pack = HomePage.objects.get().add_child(
            instance=InductionPackPage(title="Your induction", slug="induction-mail-test")
        )
        section = make_section(pack, "Supervision")
        visit = make_step(section, "Visit a community group", StepKind.OFFLINE, needs_sign_off=True)
        meet = make_step(section, "Meet your supervisor", StepKind.OFFLINE, needs_sign_off=True)
    try:
        with transaction.atomic():
            first = step_complete(user=north_west_worker, step=visit)
            second = step_complete(user=north_west_worker, step=meet)
        with transaction.atomic():
            step_sign_off(reviewer=coordinator, progress_id=first.pk)
        with transaction.atomic():
            step_return(
                reviewer=coordinator, progress_id=second.pk, comment="Please book the meeting."
            )
        wait_for(inbox, 2)
        by_subject = {m["Subject"]: m for m in inbox.messages}
        signed = by_subject["Signed off: Visit a community group"]
        returned = by_subject["Returned for more work: Meet your supervisor"]
        assert signed["To"] == north_west_worker.email
        assert "Asha Patel has signed off" in body_of(signed)
        assert "Please book the meeting." in body_of(returned)
        sent = OutboxMessage.objects.filter(to=north_west_worker.email)
        assert {m.status for m in sent} == {OutboxStatus.SENT}
    finally:
        OutboxMessage.objects.filter(to=north_west_worker.email).delete()
        StepProgress.objects.filter(user=north_west_worker).delete()
        pack.delete()
        for person in (north_west_worker, coordinator):
            pcn, ccg = person.pcn, person.ccg
            person.delete()
            for org in (pcn, pcn and pcn.ccg, ccg):
                if org is not None:
                    type(org).objects.filter(pk=org.pk).delete()
