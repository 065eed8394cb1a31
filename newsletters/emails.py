"""Messages of the developer community.

One-off messages (confirmation, "already a member", a manager's test send)
go through the site's transactional outbox (``portal.emails.make_message``).
Newsletters go through the ``Delivery`` outbox: ``IssueMessages`` renders an
issue once per language and personalises the links per subscriber.
"""

import binascii
import re
import secrets
from email.utils import formatdate, make_msgid, parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.message import sanitize_address
from django.core.mail.utils import DNS_NAME
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from newsletters import tokens
from newsletters.models import NewsletterIssue, Subscriber
from portal.emails import make_message
from portal.lib import sanitize
from portal.models import OutboundEmail

# Stand-ins replaced per recipient after the language's one render.
_LEAVE = "NEWSLETTERLEAVEURL0000"
_MANAGE = "NEWSLETTERMANAGEURL000"


def _url(name: str, token: str, language: str) -> str:
    with translation.override(language):
        return settings.SITE_URL + reverse(f"newsletters:{name}", args=[token])


def confirm_url(subscriber: Subscriber) -> str:
    token = tokens.make(tokens.CONFIRM, subscriber.secret)
    return _url("confirm", token, subscriber.language)


def manage_url(subscriber: Subscriber) -> str:
    return _url(
        "manage", tokens.make(tokens.MANAGE, subscriber.secret), subscriber.language
    )


def leave_url(subscriber: Subscriber) -> str:
    return _url(
        "leave", tokens.make(tokens.LEAVE, subscriber.secret), subscriber.language
    )


def confirm_subscription(subscriber: Subscriber) -> OutboundEmail:
    return make_message(
        "newsletters-confirm",
        to=[subscriber.email],
        ctx={
            "confirm_url": confirm_url(subscriber),
            "days": tokens.CONFIRM_MAX_AGE.days,
        },
        language=subscriber.language,
    )


def already_member(subscriber: Subscriber) -> OutboundEmail:
    return make_message(
        "newsletters-already-member",
        to=[subscriber.email],
        ctx={"manage_url": manage_url(subscriber)},
        language=subscriber.language,
    )


def issue_context(issue: NewsletterIssue, language: str) -> dict:
    """Title, lead and body in ``language``, or in Finnish, saying so."""
    own_body = getattr(issue, f"body_{language}", "") or ""
    own_title = getattr(issue, f"title_{language}", "") or ""
    fallback = language != "fi" and not (own_body.strip() and own_title.strip())

    def pick(field: str) -> str:
        value = getattr(issue, f"{field}_{language}", "") or ""
        return (
            value
            if value.strip() and not fallback
            else getattr(issue, f"{field}_fi") or ""
        )

    body = pick("body")
    return {
        "issue": issue,
        "title": pick("title"),
        "lead": pick("lead"),
        "body_html": sanitize.render_rich(body),
        "body_text": sanitize.plain_rich(body),
        "is_fallback": fallback,
        "content_lang": "fi" if fallback else language,
        "issue_url": settings.SITE_URL + _issue_path(issue, language),
    }


def _issue_path(issue: NewsletterIssue, language: str) -> str:
    with translation.override(language):
        return issue.get_absolute_url()


def render_issue(
    issue: NewsletterIssue, language: str, *, leave: str, manage: str
) -> tuple[str, str, str]:
    """Subject, text and HTML of an issue in ``language``."""
    ctx = {
        **issue_context(issue, language),
        "site_url": settings.SITE_URL,
        "leave_url": leave,
        "manage_url": manage,
        "LANGUAGE_CODE": language,
    }
    with translation.override(language):
        subject = render_to_string("emails/newsletters-issue-subject.txt", ctx)
        text = render_to_string("emails/newsletters-issue-body.txt", ctx)
        html = render_to_string("emails/newsletters-issue-body.html", ctx)
    return " ".join(subject.split()), text, html


def list_headers(leave: str) -> dict[str, str]:
    return {
        "List-Unsubscribe": f"<{leave}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


class IssueMessages:
    """Builds an issue's message for each subscriber, rendering each
    language only once.

    ``prepare`` is the fast way for an SMTP connection: the message of each
    language is put together by the ``email`` package once, with stand-ins
    for the per-subscriber values, and each subscriber's copy is that
    skeleton with the stand-ins filled in. ``build`` makes a Django message
    the ordinary way, for the other backends and odd addresses.
    """

    def __init__(self, issue: NewsletterIssue) -> None:
        self.issue = issue
        self._rendered: dict[str, tuple[str, str, str]] = {}
        self._urls: dict[str, tuple[str, str]] = {}
        self._skeletons: dict[str, _Skeleton | None] = {}
        # What smtplib would make of the whole From, parsed once.
        self.envelope_from = parseaddr(
            sanitize_address(settings.DEFAULT_FROM_EMAIL, "utf-8")
        )[1]

    def _render(self, language: str) -> tuple[str, str, str]:
        if language not in self._rendered:
            self._rendered[language] = render_issue(
                self.issue, language, leave=_LEAVE, manage=_MANAGE
            )
        return self._rendered[language]

    def _links(self, subscriber: Subscriber) -> tuple[str, str]:
        """The leave and manage URLs: reversed once per language."""
        language = subscriber.language
        if language not in self._urls:
            self._urls[language] = (
                _url("leave", "NLTOKEN0", language),
                _url("manage", "NLTOKEN0", language),
            )
        leave, manage = self._urls[language]
        return (
            leave.replace("NLTOKEN0", tokens.make(tokens.LEAVE, subscriber.secret)),
            manage.replace("NLTOKEN0", tokens.make(tokens.MANAGE, subscriber.secret)),
        )

    def build(self, subscriber: Subscriber) -> EmailMultiAlternatives:
        subject, text, html = self._render(subscriber.language)
        leave, manage = self._links(subscriber)
        text = text.replace(_LEAVE, leave).replace(_MANAGE, manage)
        html = html.replace(_LEAVE, escape(leave)).replace(_MANAGE, escape(manage))
        message = EmailMultiAlternatives(
            subject=subject,
            body=text,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[subscriber.email],
            headers=list_headers(leave),
        )
        message.attach_alternative(html, "text/html")
        return message

    def prepare(self, subscriber: Subscriber) -> tuple[str, bytes] | None:
        """The envelope recipient and the message as SMTP takes it, or None
        when the address needs ``build``."""
        recipient = _plain_address(subscriber.email)
        if recipient is None:
            return None
        language = subscriber.language
        if language not in self._skeletons:
            try:
                self._skeletons[language] = _Skeleton(*self._render(language))
            except ValueError:  # the subject spells out a stand-in
                self._skeletons[language] = None
        skeleton = self._skeletons[language]
        if skeleton is None:
            return None
        leave, manage = self._links(subscriber)
        data = skeleton.fill(recipient=recipient, leave=leave, manage=manage)
        return None if data is None else (recipient, data)


_PLAIN_ADDRESS = re.compile(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9.-]+")


def _plain_address(address: str) -> str | None:
    """The address as it goes into the envelope and the To header, or None
    when it needs encoding that only a full build does."""
    if _PLAIN_ADDRESS.fullmatch(address):
        return address
    try:
        address = sanitize_address(address, "utf-8")  # an IDN domain: punycode
    except ValueError:
        return None
    return address if _PLAIN_ADDRESS.fullmatch(address) else None


# Stand-ins of the skeleton. What is filled in is never searched again.
_TO = "newsletter-recipient@recipient.invalid"
_DATE = "NEWSLETTERDATE000"
_MESSAGE_ID = "NEWSLETTERMESSAGEID00"
_TEXT = "NEWSLETTERTEXTPART000"
_HTML = "NEWSLETTERHTMLPART000"
_B_TO, _B_DATE, _B_MESSAGE_ID, _B_TEXT, _B_HTML, _B_LEAVE, _B_MANAGE = (
    stand_in.encode()
    for stand_in in (_TO, _DATE, _MESSAGE_ID, _TEXT, _HTML, _LEAVE, _MANAGE)
)


class _Stencil:
    """Bytes with stand-ins, split once and filled in per recipient."""

    def __init__(self, raw: bytes, stand_ins: list[str], *, once: bool = False):
        pattern = b"|".join(re.escape(s.encode()) for s in stand_ins)
        self.pieces = re.split(b"(" + pattern + b")", raw)
        if once and sorted(self.pieces[1::2]) != sorted(s.encode() for s in stand_ins):
            raise ValueError("the skeleton lost a stand-in")

    def fill(self, values: dict[bytes, bytes]) -> bytes:
        pieces = list(self.pieces)
        pieces[1::2] = [values[stand_in] for stand_in in self.pieces[1::2]]
        return b"".join(pieces)


# Longest leave or manage link the skeleton makes room for (a secret is at
# most 64 characters); a longer one takes the ordinary build.
_MAX_LINK = 400
_MAX_LINE = 998  # bytes, without CRLF (RFC 5322)


class _Part:
    """A body with stand-ins for the links, and its transfer encoding.

    As Django decides: sent as it is (7bit or 8bit) while every line fits in
    SMTP's limit, even with the longest links filled in, and quoted-printable
    otherwise.
    """

    def __init__(self, body: str, boundary: bytes) -> None:
        raw = body.replace("\r\n", "\n").replace("\n", "\r\n").encode()
        room = _MAX_LINK - len(_LEAVE)
        fits = all(
            len(line) + room * (line.count(_B_LEAVE) + line.count(_B_MANAGE))
            <= _MAX_LINE
            for line in raw.split(b"\r\n")
        )
        self.quoted = not fits or boundary in raw
        self.encoding = (
            "quoted-printable" if self.quoted else "7bit" if raw.isascii() else "8bit"
        )
        self.stencil = _Stencil(raw, [_LEAVE, _MANAGE])

    def fill(self, leave: bytes, manage: bytes) -> bytes:
        body = self.stencil.fill({_B_LEAVE: leave, _B_MANAGE: manage})
        return binascii.b2a_qp(body) if self.quoted else body


class _Skeleton:
    """One language's message, flattened once by the ``email`` package with
    stand-ins for the recipient, the date, the Message-ID, the leave link and
    the two bodies."""

    def __init__(self, subject: str, text: str, html: str) -> None:
        message = EmailMultiAlternatives(
            subject=subject,
            body=_TEXT,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[_TO],
            headers={**list_headers(_LEAVE), "Date": _DATE, "Message-ID": _MESSAGE_ID},
        )
        message.attach_alternative(_HTML, "text/html")
        mime = message.message()
        # The email package's style of boundary, chosen here to be checked
        # against the bodies before they are known to the package.
        mime.set_boundary(f"{'=' * 15}{secrets.randbelow(10**19):019d}==")
        boundary = mime.get_boundary().encode()
        self.text, self.html = _Part(text, boundary), _Part(html, boundary)
        for part, body in zip(mime.get_payload(), (self.text, self.html), strict=True):
            part.replace_header("Content-Transfer-Encoding", body.encoding)
        self.message = _Stencil(
            mime.as_bytes(linesep="\r\n"),
            [_TO, _DATE, _MESSAGE_ID, _LEAVE, _TEXT, _HTML],
            once=True,
        )

    def fill(self, *, recipient: str, leave: str, manage: str) -> bytes | None:
        if len(leave) > _MAX_LINK or len(manage) > _MAX_LINK:
            return None
        date = formatdate(localtime=settings.EMAIL_USE_LOCALTIME)
        return self.message.fill(
            {
                _B_TO: recipient.encode(),
                _B_DATE: date.encode(),
                _B_MESSAGE_ID: make_msgid(domain=DNS_NAME).encode(),
                _B_LEAVE: leave.encode(),
                _B_TEXT: self.text.fill(leave.encode(), manage.encode()),
                _B_HTML: self.html.fill(
                    escape(leave).encode(), escape(manage).encode()
                ),
            }
        )


def issue_test(issue: NewsletterIssue, *, to: str, language: str) -> OutboundEmail:
    """A manager's test copy: the real message, links pointing nowhere."""
    from portal.services import email_queue

    placeholder = settings.SITE_URL + "/"
    subject, text, html = render_issue(
        issue, language, leave=placeholder, manage=placeholder
    )
    with translation.override(language):
        subject = translation.gettext("[Test] %(subject)s") % {"subject": subject}
    return email_queue(to=[to], subject=subject, body=text, html=html)
