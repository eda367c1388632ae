"""An SMTP sink (aiosmtpd) and a broker that is down, for the outbox's tests and the
integration tests."""

import email
import logging
import socket
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from aiosmtpd.controller import Controller

DEAD_BROKER_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1


@dataclass(frozen=True)
class Received:
    peer: tuple  # the client's address: one per SMTP connection
    recipients: tuple[str, ...]
    content: bytes

    @property
    def message(self) -> email.message.Message:
        return email.message_from_bytes(self.content)


class Sink:
    """Records every message it accepts. Replies can be scripted per recipient:
    `refuse_at_rcpt` answers RCPT TO, `refuse_at_end_of_data` the end of DATA."""

    def __init__(self):
        self.received: list[Received] = []
        self.refuse_at_rcpt: dict[str, str] = {}
        self.refuse_at_end_of_data: dict[str, str] = {}

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse_at_rcpt:
            return self.refuse_at_rcpt[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        refusal = self.refuse_at_end_of_data.get(envelope.rcpt_tos[0])
        if refusal:
            return refusal
        self.received.append(Received(session.peer, tuple(envelope.rcpt_tos), envelope.content))
        return "250 Message accepted for delivery"

    def copies_per_recipient(self) -> Counter[str]:
        return Counter(address for message in self.received for address in message.recipients)

    def connections(self) -> int:
        return len({message.peer for message in self.received})


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def smtp_sink(handler: Sink) -> Iterator[int]:
    """The sink listening on a free loopback port, in a thread; yields the port."""
    log = logging.getLogger("mail.log")  # aiosmtpd's: a line for every command otherwise
    level = log.level
    log.setLevel(logging.WARNING)
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield controller.port
    finally:
        controller.stop()
        log.setLevel(level)


@contextmanager
def broker_down() -> Iterator[None]:
    """Tasks are published for real, to a broker that refuses connections."""
    from learning.celery import app

    real_url, eager = app.conf.broker_url, app.conf.task_always_eager
    app.conf.broker_url = DEAD_BROKER_URL
    app.conf.task_always_eager = False
    _forget_broker_connections(app)
    try:
        yield
    finally:
        app.conf.broker_url, app.conf.task_always_eager = real_url, eager
        _forget_broker_connections(app)


def _forget_broker_connections(app) -> None:
    """The app keeps its publishing pool for the URL it first used; drop it so the
    next publish connects to the current `broker_url` (as Celery does after a fork)."""
    app._pool = None
    app.amqp._producer_pool = None
