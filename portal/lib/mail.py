"""An email backend for the demo mode: one ``.eml`` file per message."""

import uuid
from pathlib import Path

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.message import EmailMessage
from django.utils import timezone


class EmlFileBackend(BaseEmailBackend):
    """Writes every message as ``<time>-<uuid>.eml`` under ``EMAIL_FILE_PATH``.

    A newcomer opens these files (or the staff-only demo outbox page) to follow
    a confirmation link. Files are written whole, then renamed, so a reader
    never sees half a message.
    """

    def send_messages(self, email_messages: list[EmailMessage]) -> int:
        folder = Path(settings.EMAIL_FILE_PATH)
        folder.mkdir(parents=True, exist_ok=True)
        sent = 0
        for message in email_messages:
            stamp = timezone.now().strftime("%Y%m%dT%H%M%S%f")
            name = f"{stamp}-{uuid.uuid4().hex[:8]}.eml"
            tmp = folder / f".{name}.tmp"
            tmp.write_bytes(message.message().as_bytes())
            tmp.rename(folder / name)
            sent += 1
        return sent


def smtp_failure(exc: BaseException) -> tuple[bool, int | None, str]:
    """``(final, code, reason)`` of a failed send, from the SMTP server's reply.

    A 5xx reply (a refused recipient, a refused message) is final: sending
    again would get the same answer. A 4xx reply, a dropped connection or a
    time-out passes; the message is tried again later. ``reason`` is the
    server's own words, kept on the row for a person to read; logs get only
    the code, since a reply may quote the address.
    """
    import smtplib

    if isinstance(exc, smtplib.SMTPRecipientsRefused) and exc.recipients:
        replies = list(exc.recipients.values())
        code = min(code for code, _text in replies)
        text = "; ".join(f"{c} {_decode(t)}" for c, t in replies)
        return all(c >= 500 for c, _t in replies), code, text
    if isinstance(exc, smtplib.SMTPResponseException):
        code = exc.smtp_code
        return 500 <= code < 600, code, f"{code} {_decode(exc.smtp_error)}"
    return False, None, f"{type(exc).__name__}: {exc}"[:500]


def _decode(text: bytes | str) -> str:
    return text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)
