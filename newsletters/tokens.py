"""Signed tokens of the links in emails: confirm, manage and leave.

Each kind has its own salt, so a token of one kind never opens another. They
carry the subscriber's random secret, never the address.
"""

import functools
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core import signing

CONFIRM_MAX_AGE = timedelta(days=7)
# Manage and leave links sit in every newsletter, often read months later.
LINK_MAX_AGE = timedelta(days=400)

CONFIRM = "newsletters.confirm"
MANAGE = "newsletters.manage"
LEAVE = "newsletters.unsubscribe"

_MAX_AGE = {CONFIRM: CONFIRM_MAX_AGE, MANAGE: LINK_MAX_AGE, LEAVE: LINK_MAX_AGE}


@dataclass(frozen=True)
class Checked:
    secret: str | None
    expired: bool = False

    @property
    def valid(self) -> bool:
        return self.secret is not None and not self.expired


@functools.cache
def _signer(kind: str, key: str) -> signing.TimestampSigner:
    return signing.TimestampSigner(key=key, salt=kind)


def make(kind: str, secret: str) -> str:
    # A newsletter signs two links per member: one signer per kind and key.
    return _signer(kind, settings.SECRET_KEY).sign(secret)


def check(kind: str, token: str) -> Checked:
    """The secret in a token; an expired token still names its subscriber
    (so the page can offer a new link), a tampered one names nobody."""
    signer = signing.TimestampSigner(salt=kind)
    try:
        return Checked(signer.unsign(token, max_age=_MAX_AGE[kind]))
    except signing.SignatureExpired:
        try:
            return Checked(signer.unsign(token), expired=True)
        except signing.BadSignature:
            return Checked(None)
    except signing.BadSignature:
        return Checked(None)
