"""The newsletter outbox: claim deliveries in chunks, send each chunk over
one SMTP connection, record every message's fate.

Exactly-once: a delivery is claimed (``queued`` → ``sending``) under
``FOR UPDATE SKIP LOCKED``, so two workers never hold the same row, and each
message is marked ``sent`` as soon as the server accepts it. A worker that
dies leaves its unsent claims in ``sending``; the sweeper puts those back in
the queue. The one message a killed worker may have been handing over at
that instant is the only one that can be sent twice: that is the limit of
SMTP, which has no way to ask a server whether it kept a message.
"""

import contextlib
import logging
import smtplib
import time
from collections import Counter
from datetime import timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from newsletters.emails import IssueMessages
from newsletters.models import Delivery, NewsletterIssue

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
BACKOFF_SECONDS = 60


class Throttle:
    """At most ``rate`` messages per second (0: no cap)."""

    def __init__(self, rate: float) -> None:
        self.interval = 1.0 / rate if rate else 0.0
        self.next = time.monotonic()

    def wait(self) -> None:
        if not self.interval:
            return
        now = time.monotonic()
        if self.next > now:
            time.sleep(self.next - now)
            now = self.next
        self.next = now + self.interval


def deliveries_claim(*, issue_id: int, limit: int) -> list[int]:
    """Claim up to ``limit`` due deliveries of the issue for this worker."""
    now = timezone.now()
    with transaction.atomic():
        ids = list(
            Delivery.objects.select_for_update(skip_locked=True)
            .filter(issue_id=issue_id, status=Delivery.Status.QUEUED)
            .filter(Q(not_before__isnull=True) | Q(not_before__lte=now))
            .order_by("pk")
            .values_list("pk", flat=True)[:limit]
        )
        if ids:
            Delivery.objects.filter(pk__in=ids).update(
                status=Delivery.Status.SENDING,
                claimed_at=now,
                attempts=F("attempts") + 1,
            )
    return ids


def _reason(exc: Exception) -> tuple[int | None, str]:
    """The SMTP reply code (if any) and a short reason."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        code, msg = next(iter(exc.recipients.values()), (None, b""))
    elif isinstance(exc, smtplib.SMTPResponseException):
        code, msg = exc.smtp_code, exc.smtp_error
    else:
        return None, type(exc).__name__
    if isinstance(msg, bytes):
        msg = msg.decode("utf-8", "replace")
    return code, f"{code} {msg}"[:500]


def _temporary_failure(delivery_id: int, attempts: int, reason: str) -> str:
    if attempts >= MAX_ATTEMPTS:
        Delivery.objects.filter(pk=delivery_id, status=Delivery.Status.SENDING).update(
            status=Delivery.Status.FAILED, last_error=reason
        )
        return "failed"
    delay = BACKOFF_SECONDS * 2 ** (attempts - 1)
    Delivery.objects.filter(pk=delivery_id, status=Delivery.Status.SENDING).update(
        status=Delivery.Status.QUEUED,
        last_error=reason,
        not_before=timezone.now() + timedelta(seconds=delay),
    )
    return "retry"


def _release(ids: list[int]) -> None:
    """Claimed but not tried: straight back to the queue."""
    Delivery.objects.filter(pk__in=ids, status=Delivery.Status.SENDING).update(
        status=Delivery.Status.QUEUED, attempts=F("attempts") - 1
    )


def deliveries_send(
    *, ids: list[int], messages: IssueMessages, throttle: Throttle
) -> Counter:
    """Send the claimed deliveries over one SMTP connection."""
    outcome: Counter = Counter()
    rows = list(
        Delivery.objects.filter(pk__in=ids, status=Delivery.Status.SENDING)
        .select_related("subscriber")
        .order_by("pk")
    )
    connection = get_connection(fail_silently=False)
    try:
        connection.open()
    except (OSError, smtplib.SMTPException) as exc:
        logger.warning("Newsletter SMTP connection failed: %s", type(exc).__name__)
        for row in rows:
            outcome[_temporary_failure(row.pk, row.attempts, _reason(exc)[1])] += 1
        return outcome
    try:
        for index, row in enumerate(rows):
            subscriber = row.subscriber
            if subscriber.left_at is not None or subscriber.confirmed_at is None:
                Delivery.objects.filter(pk=row.pk).update(
                    status=Delivery.Status.SKIPPED, last_error="left"
                )
                outcome["skipped"] += 1
                continue
            # Still ours and the member has not left since the claim (leaving
            # turns the row to skipped): refresh the claim, then send.
            if not Delivery.objects.filter(
                pk=row.pk, status=Delivery.Status.SENDING
            ).update(claimed_at=timezone.now()):
                outcome["skipped"] += 1
                continue
            throttle.wait()
            message = messages.build(subscriber)
            message.connection = connection
            try:
                message.send()
            except smtplib.SMTPServerDisconnected as exc:
                lost = exc
            except smtplib.SMTPException as exc:
                # SMTPException is an OSError: answered by the server, so the
                # connection still works.
                code, reason = _reason(exc)
                if code is not None and 500 <= code < 600:
                    Delivery.objects.filter(pk=row.pk).update(
                        status=Delivery.Status.FAILED, last_error=reason
                    )
                    outcome["failed"] += 1
                else:
                    outcome[_temporary_failure(row.pk, row.attempts, reason)] += 1
                continue
            except OSError as exc:
                lost = exc
            else:
                lost = None
            if lost is not None:
                reason = _reason(lost)[1]
                outcome[_temporary_failure(row.pk, row.attempts, reason)] += 1
                _release([r.pk for r in rows[index + 1 :]])
                logger.warning("Newsletter SMTP connection lost: %s", reason)
                break
            Delivery.objects.filter(pk=row.pk, status=Delivery.Status.SENDING).update(
                status=Delivery.Status.SENT, sent_at=timezone.now(), last_error=""
            )
            outcome["sent"] += 1
    finally:
        # The messages are already recorded; a failing QUIT changes nothing.
        with contextlib.suppress(Exception):
            connection.close()
    return outcome


def issue_deliver(*, issue_id: int) -> Counter:
    """Send every due delivery of the issue; return what happened.

    Returns with ``retry_in`` set when deliveries wait for a retry.
    """
    outcome: Counter = Counter()
    issue = (
        NewsletterIssue.objects.select_related("project").filter(pk=issue_id).first()
    )
    if issue is None or not issue.is_public:
        return outcome
    messages = IssueMessages(issue)
    throttle = Throttle(settings.NEWSLETTER_RATE_LIMIT)
    while ids := deliveries_claim(
        issue_id=issue_id, limit=settings.NEWSLETTER_CHUNK_SIZE
    ):
        outcome.update(deliveries_send(ids=ids, messages=messages, throttle=throttle))
    pending = Delivery.objects.filter(
        issue_id=issue_id, status__in=[Delivery.Status.QUEUED, Delivery.Status.SENDING]
    )
    if not pending.exists():
        NewsletterIssue.objects.filter(
            pk=issue_id, status=NewsletterIssue.Status.PUBLISHED
        ).update(status=NewsletterIssue.Status.SENT)
    else:
        soonest = (
            pending.filter(status=Delivery.Status.QUEUED, not_before__isnull=False)
            .order_by("not_before")
            .values_list("not_before", flat=True)
            .first()
        )
        if soonest is not None:
            outcome["retry_in"] = max(
                1, int((soonest - timezone.now()).total_seconds()) + 1
            )
    return outcome


def deliveries_requeue_stale(*, older_than: float | None = None) -> list[int]:
    """Put deliveries of dead workers back in the queue; return the issues
    that have deliveries due, for the sweeper to hand to the broker again."""
    seconds = settings.NEWSLETTER_SENDING_TIMEOUT if older_than is None else older_than
    limit = timezone.now() - timedelta(seconds=seconds)
    Delivery.objects.filter(
        status=Delivery.Status.SENDING, claimed_at__lte=limit
    ).update(status=Delivery.Status.QUEUED)
    now = timezone.now()
    return sorted(
        set(
            Delivery.objects.filter(status=Delivery.Status.QUEUED)
            .filter(Q(not_before__isnull=True) | Q(not_before__lte=now))
            .filter(
                issue__status__in=[
                    NewsletterIssue.Status.PUBLISHED,
                    NewsletterIssue.Status.SENT,
                ]
            )
            .values_list("issue_id", flat=True)
            .distinct()
        )
    )
