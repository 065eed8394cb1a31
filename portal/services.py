"""Writes of the site shell: the email outbox and accessibility feedback."""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from portal.models import AccessibilityFeedback, OutboundEmail

logger = logging.getLogger(__name__)

STALE_AFTER_SECONDS = 600


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


def email_deliver(*, email_id: int) -> bool:
    """Send one queued message; return whether this call sent it.

    The conditional update claims the row: of two workers given the same
    message, only one gets it. A failure puts the row back in the queue and
    re-raises so the task is retried.
    """
    claimed = OutboundEmail.objects.filter(
        pk=email_id, status=OutboundEmail.Status.QUEUED
    ).update(
        status=OutboundEmail.Status.SENDING,
        claimed_at=timezone.now(),
        attempts=F("attempts") + 1,
    )
    if not claimed:
        return False
    email = OutboundEmail.objects.get(pk=email_id)
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
    except Exception as exc:
        email.status = OutboundEmail.Status.QUEUED
        email.last_error = type(exc).__name__
        email.save(update_fields=["status", "last_error"])
        # The id, never the address: no personal data in logs.
        logger.warning("Outbound email %s failed: %s", email_id, type(exc).__name__)
        raise
    email.status = OutboundEmail.Status.SENT
    email.sent_at = timezone.now()
    email.save(update_fields=["status", "sent_at"])
    return True


def email_requeue_stale() -> list[int]:
    """The messages to hand to the broker again.

    Those claimed by a worker that died before sending go back to the queue;
    those queued long ago were never enqueued (the broker was down) or their
    task was lost. Sending them again is safe: the claim sends each once.
    """
    limit = timezone.now() - timezone.timedelta(seconds=STALE_AFTER_SECONDS)
    claimed = list(
        OutboundEmail.objects.filter(
            status=OutboundEmail.Status.SENDING, claimed_at__lt=limit
        ).values_list("pk", flat=True)
    )
    OutboundEmail.objects.filter(
        pk__in=claimed, status=OutboundEmail.Status.SENDING
    ).update(status=OutboundEmail.Status.QUEUED)
    waiting = list(
        OutboundEmail.objects.filter(
            status=OutboundEmail.Status.QUEUED, created_at__lt=limit
        ).values_list("pk", flat=True)
    )
    return sorted(set(claimed) | set(waiting))


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
