"""Writes of the site shell: the email outbox and accessibility feedback."""

import logging
import uuid

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone

from portal.lib import jobs
from portal.lib.mail import smtp_failure
from portal.models import AccessibilityFeedback, OutboundEmail

logger = logging.getLogger(__name__)


@transaction.atomic
def email_queue(
    *,
    to: list[str],
    subject: str,
    body: str,
    html: str = "",
    headers: dict[str, str] | None = None,
) -> OutboundEmail:
    """Store a message in the outbox and send it once the transaction commits."""
    email = OutboundEmail.objects.create(
        to=list(to), subject=subject, body=body, html=html, headers=headers or {}
    )
    transaction.on_commit(lambda: _enqueue(email.pk))
    return email


def _enqueue(email_id: int) -> None:
    """Hand the message to the broker; if it is down, the sweeper will."""
    from portal.tasks import email_send as email_send_task

    try:
        email_send_task.delay(email_id)
    except Exception as exc:
        # The row is committed: nothing is lost, the message waits in the outbox.
        logger.warning(
            "Outbound email %s not enqueued: %s", email_id, type(exc).__name__
        )


# The outbox as jobs (see portal.lib.jobs): one message is seconds of work,
# so a claim silent for two minutes is abandoned; six attempts with backoff
# (EMAIL_RETRY_BACKOFF: 30 s, 1, 2, 4, 8 min) ride out a mail server's restart.
OUTBOX = jobs.Kind(
    model=OutboundEmail,
    stale_after=120,
    max_attempts=6,
    running=OutboundEmail.Status.SENDING,
    done=OutboundEmail.Status.SENT,
    heartbeat_field="claimed_at",
    error_field="last_error",
    finished_field=None,
)


class SendLater(Exception):
    """A passing fault: the message is back in the queue for another try."""

    def __init__(self, countdown: int) -> None:
        super().__init__(countdown)
        self.countdown = countdown


def email_deliver(*, email_id: int, token: str = "") -> bool:
    """Send one queued message; return whether this call sent it.

    The claim makes each message leave once, however often its task runs.
    A 5xx reply ends the message as failed with the server's words; a
    passing fault puts it back in the queue and raises ``SendLater`` (the
    task retries after a growing pause), until the attempts are used up.
    """
    email = jobs.claim(OUTBOX, email_id, token or f"call-{uuid.uuid4()}")
    if email is None:
        return False
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=email.to,
        headers=email.headers,
    )
    if email.html:
        message.attach_alternative(email.html, "text/html")
    try:
        message.send()
    except Exception as exc:  # noqa: BLE001 - every failure is recorded
        final, code, reason = smtp_failure(exc)
        # The id and the code, never the address: no personal data in logs.
        logger.warning(
            "Outbound email %s failed: %s", email_id, code or type(exc).__name__
        )
        if final:
            jobs.fail(OUTBOX, email, reason)
            return False
        if jobs.release(OUTBOX, email, reason):
            pause = settings.EMAIL_RETRY_BACKOFF * 2 ** (email.attempts - 1)
            raise SendLater(min(pause, 900)) from exc
        return False
    jobs.finish(OUTBOX, email, sent_at=timezone.now())
    return True


def email_requeue_stale() -> list[int]:
    """The messages to hand to the broker again: claimed by a worker that
    went silent, or queued long ago and never picked up (the broker was
    down, or the task was lost). Safe: the claim sends each once. Those
    whose attempts are used up end failed instead."""
    return jobs.sweep(OUTBOX)


@transaction.atomic
def accessibility_feedback_submit(
    *, message: str, email: str, page: str, language: str
) -> AccessibilityFeedback:
    """Record accessibility feedback and tell the site admins about it."""
    from portal import emails

    feedback = AccessibilityFeedback.objects.create(
        message=message, email=email, page=page, language=language
    )
    emails.accessibility_feedback_received(feedback)
    return feedback
