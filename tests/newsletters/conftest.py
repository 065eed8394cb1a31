"""Fixtures of the newsletter tests: interest areas, members, issues, and a
loopback SMTP server that can refuse chosen recipients."""

import email
import email.policy
import socket
import threading
from dataclasses import dataclass, field

import pytest

from newsletters.models import InterestArea


@pytest.fixture
def areas(db) -> dict[str, InterestArea]:  # noqa: ARG001
    rows = [
        ("tyoikaiset", "Työikäiset", "Personer i arbetsför ålder", False),
        ("perheet", "Lapset, nuoret ja perheet", "Barn, unga och familjer", False),
        ("ikaantyneet", "Ikääntyneet", "Äldre", False),
        ("kaikki", "Kaikki edellä mainitut", "Alla ovan nämnda", True),
    ]
    return {
        slug: InterestArea.objects.create(
            slug=slug, name_fi=fi, name_sv=sv, order=i, covers_all=all_
        )
        for i, (slug, fi, sv, all_) in enumerate(rows)
    }


@dataclass
class Server:
    """What the loopback server received, and its chosen refusals."""

    port: int
    messages: list = field(default_factory=list)
    refuse: dict = field(default_factory=dict)  # address → "550 ..." / "451 ..."
    gate: threading.Event | None = None  # when set, RCPT waits on it

    def wait_for(self, count: int, timeout: float = 20.0) -> list:
        import time

        deadline = time.monotonic() + timeout
        while len(self.messages) < count and time.monotonic() < deadline:
            time.sleep(0.05)
        return self.messages

    def to(self, address: str) -> list:
        return [m for rcpts, m in self.messages if address in rcpts]


@pytest.fixture
def smtp_server(settings):
    """An aiosmtpd server on loopback; Django's SMTP backend sends to it."""
    from aiosmtpd.controller import Controller

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = Server(port=port)

    class Handler:
        async def handle_RCPT(self, srv, session, envelope, address, rcpt_options):  # noqa: N802, ANN001, ANN201, ARG002
            if server.gate is not None and not server.gate.is_set():
                import asyncio

                while not server.gate.is_set():
                    await asyncio.sleep(0.05)
            if address in server.refuse:
                return server.refuse[address]
            envelope.rcpt_tos.append(address)
            return "250 OK"

        async def handle_DATA(self, srv, session, envelope):  # noqa: N802, ANN001, ANN201, ARG002
            msg = email.message_from_bytes(
                envelope.content, policy=email.policy.default
            )
            server.messages.append((list(envelope.rcpt_tos), msg))
            return "250 Message accepted for delivery"

    controller = Controller(Handler(), hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    try:
        yield server
    finally:
        if server.gate is not None:
            server.gate.set()
        controller.stop()
