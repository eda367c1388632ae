"""SMTP in two steps, so the outbox can commit "sent" between them.

`begin` speaks MAIL, RCPT and DATA and sends the whole dot-stuffed message except
the terminating "<CRLF>.<CRLF>"; `finish` sends the terminator and reads the reply.
A server that loses the connection before the terminator discards the message
(RFC 5321 section 4.1.1.4), so until `finish` nothing has been delivered.

It drives the `smtplib.SMTP` that Django's SMTP backend opened (so host, port,
TLS, SSL, login and timeout come from the same settings) the way
`smtplib.SMTP.sendmail` and `data` do, split in two.
"""

import contextlib
import re
import smtplib
import socket

from django.core.mail.backends.smtp import EmailBackend as SmtpBackend

TERMINATOR = b".\r\n"  # the message always ends in CRLF, so this makes "<CRLF>.<CRLF>"
LEADING_DOT = re.compile(rb"(?m)^\.")


class SmtpRefused(Exception):
    """The server answered a command with a refusal."""

    def __init__(self, command: str, code: int, reply: bytes):
        self.command = command
        self.code = code
        self.reply = reply
        super().__init__(f"{command}: {code} {reply.decode(errors='replace')}")

    @property
    def permanent(self) -> bool:
        """5xx: the same message will be refused again (RFC 5321 section 4.2.1)."""
        return 500 <= self.code < 600


def dot_stuffed(content: bytes) -> bytes:
    """The DATA payload without its terminator: leading dots doubled, ending in CRLF."""
    stuffed = LEADING_DOT.sub(b"..", content)
    return stuffed if stuffed.endswith(b"\r\n") else stuffed + b"\r\n"


class TwoStepSender:
    """One connection for many messages, each sent as `begin` then `finish`."""

    def __init__(self, backend: SmtpBackend):
        self.backend = backend

    def ensure_open(self) -> None:
        """Raises OSError or SMTPException if the server cannot be reached."""
        if self.backend.open():
            # The terminator is a small write of its own after the content: with Nagle's
            # algorithm it would wait for the server's delayed ACK (40 ms on Linux).
            self.backend.connection.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def begin(self, *, sender: str, recipient: str, content: bytes) -> None:
        """MAIL FROM, RCPT TO, DATA, then the content without the terminator."""
        smtp = self.backend.connection
        smtp.ehlo_or_helo_if_needed()
        options = [f"size={len(content)}"] if smtp.does_esmtp and smtp.has_extn("size") else []
        code, reply = smtp.mail(sender, options)
        if code != 250:
            raise SmtpRefused("MAIL FROM", code, reply)
        code, reply = smtp.rcpt(recipient)
        if code not in (250, 251):
            raise SmtpRefused("RCPT TO", code, reply)
        smtp.putcmd("data")
        code, reply = smtp.getreply()
        if code != 354:
            raise SmtpRefused("DATA", code, reply)
        smtp.send(dot_stuffed(content))

    def finish(self) -> tuple[int, bytes]:
        """Send the terminator; the server's reply says whether it took the message."""
        smtp = self.backend.connection
        smtp.send(TERMINATOR)
        return smtp.getreply()

    def reset(self, refusal: SmtpRefused) -> None:
        """After a refused MAIL, RCPT or DATA: start the next message clean."""
        if refusal.code == 421:  # the server is closing the connection
            self.drop()
            return
        try:
            self.backend.connection.rset()
        except (OSError, smtplib.SMTPException):
            self.drop()

    def drop(self) -> None:
        """Close the socket without QUIT: mid-DATA, a QUIT would be read as content and
        its reply never come. The next `ensure_open` connects afresh."""
        connection, self.backend.connection = self.backend.connection, None
        if connection is not None:
            connection.close()

    def close(self) -> None:
        with contextlib.suppress(OSError, smtplib.SMTPException):
            self.backend.close()
