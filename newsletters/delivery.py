"""The newsletter outbox: claim deliveries in chunks, send each chunk over
one SMTP connection, record every message's fate.

Exactly-once: a delivery is claimed (``queued`` → ``sending``) under
``FOR UPDATE SKIP LOCKED``, so two workers never hold the same row. Per
message, one statement records the message before as ``sent`` and checks
that this one is still claimed (leaving skips a member's claimed rows). A
worker that dies leaves its unsent claims in ``sending``; the sweeper puts
those back in the queue.

The duplicate window, and why "sent" is not recorded per chunk: a message
the server has accepted is recorded by the statement that checks the next
one, which runs while the next one is handed over (at the chunk's end, by a
statement of its own). A worker killed between the acceptance and that
commit, a fraction of a millisecond, leaves that one message in ``sending``,
and it goes out again. One message is the limit anyway: SMTP has no way to
ask a server whether it kept a message. Recording "sent" once per chunk
would save that round trip but widen the window to the whole chunk: a
killed worker would repeat up to a chunk of messages. With a rate cap each
message is recorded as soon as it is accepted, not a throttle's wait later.
"""

import contextlib
import logging
import smtplib
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.core.mail import get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.smtp import EmailBackend as SMTPBackend
from django.db import Error as DatabaseError
from django.db import connection as db_connection
from django.db import transaction
from django.db.backends.utils import CursorWrapper
from django.db.models import F, Q
from django.utils import timezone

from newsletters.emails import IssueMessages
from newsletters.models import Delivery, NewsletterIssue, Subscriber

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


# A message is recorded as sent even if its member left (which skips the
# claimed row) after the check before the handover: it did go out.
_HANDED_OVER = [Delivery.Status.SENDING, Delivery.Status.SKIPPED]


def _mark_sent(delivery_id: int) -> None:
    Delivery.objects.filter(pk=delivery_id, status__in=_HANDED_OVER).update(
        status=Delivery.Status.SENT, sent_at=timezone.now(), last_error=""
    )


# Per message, one statement and one round trip: record the message the
# server has just accepted as sent, and check that the next one is still
# this worker's claim (leaving skips it).
_STEP = """
WITH sent AS (
    UPDATE newsletters_delivery SET status = 'sent', sent_at = now(),
        last_error = ''
    WHERE id = %s AND status IN ('sending', 'skipped')
)
SELECT 1 FROM newsletters_delivery WHERE id = %s AND status = 'sending'
"""


def _step(cursor: CursorWrapper, *, sent: int | None, take: int) -> bool:
    """Mark ``sent`` as sent; True if ``take`` is to be sent now. SQLite
    (the demo mode) has no UPDATE inside WITH: two statements there."""
    if db_connection.vendor != "postgresql":
        if sent is not None:
            _mark_sent(sent)
        return Delivery.objects.filter(pk=take, status=Delivery.Status.SENDING).exists()
    cursor.execute(_STEP, [sent, take])
    return cursor.fetchone() is not None


# What sending needs of a member: loading only these halves the cost of a
# chunk's rows.
_SUBSCRIBER_FIELDS = [
    f"subscriber__{name}"
    for name in ("email", "language", "secret", "left_at", "confirmed_at")
]


def _settle(row: Delivery, handover: Future) -> tuple[str, bool]:
    """Wait for a message's handover and record a failure: the outcome and
    whether the connection is lost."""
    try:
        handover.result()
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
            return "failed", False
        return _temporary_failure(row.pk, row.attempts, reason), False
    except OSError as exc:
        lost = exc
    except ValueError:  # an address no message can carry (a line break)
        Delivery.objects.filter(pk=row.pk).update(
            status=Delivery.Status.FAILED, last_error="invalid address"
        )
        return "failed", False
    else:
        return "sent", False
    reason = _reason(lost)[1]
    logger.warning("Newsletter SMTP connection lost: %s", reason)
    return _temporary_failure(row.pk, row.attempts, reason), True


def _handover(
    messages: IssueMessages,
    subscriber: Subscriber,
    smtp: smtplib.SMTP | None,
    connection: BaseEmailBackend,
) -> Callable[[], object]:
    """What hands a member's message over: bytes prepared for Django's SMTP
    backend go to its smtplib connection; other backends get a message."""
    prepared = messages.prepare(subscriber) if smtp is not None else None
    if prepared is not None:
        recipient, data = prepared
        return partial(smtp.sendmail, messages.envelope_from, [recipient], data)
    message = messages.build(subscriber)
    message.connection = connection
    return message.send


def deliveries_send(
    *, ids: list[int], messages: IssueMessages, throttle: Throttle
) -> Counter:
    """Send the claimed deliveries over one SMTP connection.

    A helper thread talks SMTP while this one, which alone uses the
    database, records the message before and checks the message after: the
    database's round trip overlaps the SMTP server's instead of adding to it.
    So a member's row is checked while the message before theirs is handed
    over; leaving after that check no longer stops their copy.
    """
    outcome: Counter = Counter()
    rows = list(
        Delivery.objects.filter(pk__in=ids, status=Delivery.Status.SENDING)
        .select_related("subscriber")
        .only(*_SUBSCRIBER_FIELDS, "attempts")
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
    smtp = connection.connection if isinstance(connection, SMTPBackend) else None
    sender = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsletter-smtp")
    cursor = db_connection.cursor()
    refreshed = time.monotonic()
    # Accepted by the server, and to be recorded as sent with the next step.
    accepted: int | None = None
    # The message being handed over, and its handover.
    in_flight: tuple[Delivery, Future] | None = None
    try:
        for index, row in enumerate(rows):
            subscriber = row.subscriber
            if subscriber.left_at is not None or subscriber.confirmed_at is None:
                Delivery.objects.filter(pk=row.pk).update(
                    status=Delivery.Status.SKIPPED, last_error="left"
                )
                outcome["skipped"] += 1
                continue
            if time.monotonic() - refreshed > settings.NEWSLETTER_SENDING_TIMEOUT / 4:
                # A slow chunk (a low rate cap) keeps its claims from the sweeper.
                Delivery.objects.filter(
                    pk__in=[r.pk for r in rows[index:]], status=Delivery.Status.SENDING
                ).update(claimed_at=timezone.now())
                refreshed = time.monotonic()
            throttle.wait()
            # While the message before is handed over.
            taken = _step(cursor, sent=accepted, take=row.pk)
            accepted = None
            job = _handover(messages, subscriber, smtp, connection) if taken else None
            if in_flight is not None:
                result, lost = _settle(*in_flight)
                outcome[result] += 1
                if result == "sent" and throttle.interval:
                    # The next step is the throttle's wait away.
                    _mark_sent(in_flight[0].pk)
                elif result == "sent":
                    accepted = in_flight[0].pk
                in_flight = None
                if lost:
                    _release([r.pk for r in rows[index:]])
                    break
            if job is None:  # its member has left since the claim
                outcome["skipped"] += 1
                continue
            in_flight = (row, sender.submit(job))
        if in_flight is not None:  # the chunk's last message
            if accepted is not None:
                _mark_sent(accepted)  # while the last one is handed over
            result, lost = _settle(*in_flight)
            outcome[result] += 1
            accepted = in_flight[0].pk if result == "sent" else None
    finally:
        # After an error, a message still in flight is not recorded: the
        # sweeper will send it again.
        sender.shutdown(wait=True)
        if accepted is not None:
            _mark_sent(accepted)
        cursor.close()
        # The messages are already recorded; a failing QUIT changes nothing.
        with contextlib.suppress(Exception):
            connection.close()
    return outcome


@contextlib.contextmanager
def _asynchronous_commit() -> Iterator[None]:
    """Commit without waiting for the disk (PostgreSQL).

    A commit is still visible to every session at once and survives the
    worker being killed; only a crash of the database server itself can lose
    the last fraction of a second of commits. What is lost then is "sent"
    marks and claims, so the worst case is a repeated message, never a lost
    one. In exchange, recording each message no longer waits for a flush.
    """
    if db_connection.vendor != "postgresql":
        yield
        return
    with db_connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit = off")
    try:
        yield
    finally:
        with contextlib.suppress(DatabaseError), db_connection.cursor() as cursor:
            cursor.execute("RESET synchronous_commit")


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
    with _asynchronous_commit():
        while ids := deliveries_claim(
            issue_id=issue_id, limit=settings.NEWSLETTER_CHUNK_SIZE
        ):
            outcome.update(
                deliveries_send(ids=ids, messages=messages, throttle=throttle)
            )
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
