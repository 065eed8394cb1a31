"""Messages of the developer community.

One-off messages (confirmation, "already a member", a manager's test send)
go through the site's transactional outbox (``portal.emails.make_message``).
Newsletters go through the ``Delivery`` outbox: ``IssueMessages`` renders an
issue once per language and personalises the links per subscriber.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
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
        "body_html": sanitize.render(body),
        "body_text": sanitize.plain(body),
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
    language only once."""

    def __init__(self, issue: NewsletterIssue) -> None:
        self.issue = issue
        self._rendered: dict[str, tuple[str, str, str]] = {}
        self._urls: dict[str, tuple[str, str]] = {}

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
        language = subscriber.language
        if language not in self._rendered:
            self._rendered[language] = render_issue(
                self.issue, language, leave=_LEAVE, manage=_MANAGE
            )
        subject, text, html = self._rendered[language]
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
