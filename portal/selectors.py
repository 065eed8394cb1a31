"""Reads of the site shell."""

import email
import email.policy
import re
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

_NAME = re.compile(r"^[0-9T]+-[0-9a-f]{8}\.eml$")


@dataclass(frozen=True)
class DemoMail:
    name: str
    to: str
    subject: str
    date: str
    text: str = ""


def _read(path: Path, *, with_body: bool) -> DemoMail:
    with path.open("rb") as fh:
        msg = email.message_from_binary_file(fh, policy=email.policy.default)
    text = ""
    if with_body:
        part = msg.get_body(preferencelist=("plain",))
        text = part.get_content() if part is not None else ""
    return DemoMail(
        name=path.name,
        to=str(msg.get("To", "")),
        subject=str(msg.get("Subject", "")),
        date=str(msg.get("Date", "")),
        text=text,
    )


def demo_mail_list(limit: int = 100) -> list[DemoMail]:
    """The newest messages the demo mode wrote under ``var/mail/``."""
    folder = Path(settings.EMAIL_FILE_PATH)
    if not folder.is_dir():
        return []
    paths = sorted(folder.glob("*.eml"), reverse=True)[:limit]
    return [_read(p, with_body=False) for p in paths]


def demo_mail_get(name: str) -> DemoMail | None:
    if not _NAME.match(name):
        return None
    path = Path(settings.EMAIL_FILE_PATH) / name
    if not path.is_file():
        return None
    return _read(path, with_body=True)
