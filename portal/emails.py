"""Messages the site shell sends. Each renders three templates under
``templates/emails/`` in the recipient's language and goes to the outbox."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from portal.models import AccessibilityFeedback, OutboundEmail


def make_message(
    name: str,
    *,
    to: list[str],
    ctx: dict,
    language: str,
    headers: dict[str, str] | None = None,
) -> OutboundEmail:
    """Render ``emails/<name>-{subject.txt,body.txt,body.html}`` and queue them."""
    from portal.services import email_queue

    ctx = {"site_url": settings.SITE_URL, **ctx}
    with translation.override(language):
        subject = render_to_string(f"emails/{name}-subject.txt", ctx).strip()
        body = render_to_string(f"emails/{name}-body.txt", ctx)
        html = render_to_string(
            f"emails/{name}-body.html", {**ctx, "LANGUAGE_CODE": language}
        )
    return email_queue(
        to=to, subject=" ".join(subject.split()), body=body, html=html, headers=headers
    )


def accessibility_feedback_received(feedback: AccessibilityFeedback) -> OutboundEmail:
    headers = {"Reply-To": feedback.email} if feedback.email else None
    return make_message(
        "accessibility-feedback",
        to=settings.SITE_ADMINS,
        ctx={"feedback": feedback},
        language=settings.LANGUAGE_CODE,
        headers=headers,
    )
