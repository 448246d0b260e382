"""A real SMTP server for tests: aiosmtpd on 127.0.0.1 on a free port, keeping every message it receives.

The site then sends mail through Django's SMTP backend, exactly as in production, and tests read the
messages (and the links in them) from here.
"""

from __future__ import annotations

import re
import socket
import threading
from email import message_from_bytes, policy
from email.message import EmailMessage

from aiosmtpd.controller import Controller

LINK = re.compile(r"https?://[^\s/]+(/[^\s]*)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Handler:
    def __init__(self, sink):
        self.sink = sink

    async def handle_DATA(self, server, session, envelope):
        message = message_from_bytes(envelope.original_content or envelope.content, policy=policy.default)
        with self.sink.arrived:
            self.sink.messages.append(message)
            self.sink.arrived.notify_all()
        return "250 OK"


class SmtpSink:
    def __init__(self):
        self.messages: list[EmailMessage] = []
        self.arrived = threading.Condition()
        self.port = free_port()
        self.controller = Controller(_Handler(self), hostname="127.0.0.1", port=self.port)

    def start(self):
        self.controller.start()
        return self

    def stop(self):
        self.controller.stop()

    def wait_for(self, count: int, timeout: float = 15) -> list[EmailMessage]:
        """The first `count` messages, waiting for them to arrive (mail is sent by the server's thread)."""
        with self.arrived:
            self.arrived.wait_for(lambda: len(self.messages) >= count, timeout=timeout)
        assert len(self.messages) >= count, f"expected {count} e-mail(s), got {len(self.messages)}"
        return self.messages[:count]

    @staticmethod
    def body(message: EmailMessage) -> str:
        part = message.get_body(preferencelist=("plain",))
        return part.get_content() if part is not None else ""

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages if address in str(m["To"])]

    def last_link(self, address: str, contains: str) -> str:
        """The path of the last link containing `contains` in the last message sent to `address`."""
        mails = self.to(address)
        assert mails, f"no e-mail to {address}"
        links = [path for path in LINK.findall(self.body(mails[-1])) if contains in path]
        assert links, self.body(mails[-1])
        return links[-1]
