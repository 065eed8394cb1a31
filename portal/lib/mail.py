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
