"""Writes of the developer community and of newsletter issues."""

import logging
from collections.abc import Iterable
from datetime import datetime

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from newsletters import emails
from newsletters.models import (
    ConsentEvent,
    Delivery,
    InterestArea,
    IssueImage,
    NewsletterIssue,
    Subscriber,
)
from projects.models import Project

logger = logging.getLogger(__name__)

CONSENT_VERSION = "2021-1"


class IssueStateError(Exception):
    """The issue is not in a state that allows this action."""


def _event(
    subscriber: Subscriber | None, kind: str, *, source: str, language: str = ""
) -> None:
    ConsentEvent.objects.create(
        subscriber=subscriber,
        kind=kind,
        language=language or (subscriber.language if subscriber else "fi"),
        consent_version=subscriber.consent_version if subscriber else "",
        source=source,
    )


# --- The developer community -------------------------------------------------


@transaction.atomic
def subscriber_subscribe(
    *,
    email: str,
    language: str,
    interests: Iterable[InterestArea],
    kind: str,
    consent_version: str = CONSENT_VERSION,
    source: str = ConsentEvent.Source.WEB,
) -> None:
    """Sign up; the response is the same whether the address is known or not.

    A confirmed member gets an "already a member" message instead; an
    unconfirmed sign-up is updated and sent a new confirmation.
    """
    email = email.strip().lower()
    existing = (
        Subscriber.objects.select_for_update()
        .filter(email=email, left_at__isnull=True)
        .first()
    )
    if existing is not None and existing.confirmed_at is not None:
        emails.already_member(existing)
        return
    now = timezone.now()
    if existing is None:
        subscriber = Subscriber.objects.create(
            email=email,
            language=language,
            kind=kind,
            consent_version=consent_version,
            consent_at=now,
        )
    else:
        subscriber = existing
        subscriber.language, subscriber.kind = language, kind
        subscriber.consent_version, subscriber.consent_at = consent_version, now
        subscriber.save(
            update_fields=["language", "kind", "consent_version", "consent_at"]
        )
    subscriber.interests.set(interests)
    _event(subscriber, ConsentEvent.Kind.SUBSCRIBE, source=source)
    emails.confirm_subscription(subscriber)


@transaction.atomic
def subscriber_resend_confirmation(*, subscriber: Subscriber) -> bool:
    subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
    if subscriber.confirmed_at is not None or subscriber.left_at is not None:
        return False
    emails.confirm_subscription(subscriber)
    return True


@transaction.atomic
def subscriber_confirm(*, subscriber: Subscriber) -> bool:
    """Confirm a sign-up; False if already confirmed or left."""
    updated = Subscriber.objects.filter(
        pk=subscriber.pk, confirmed_at__isnull=True, left_at__isnull=True
    ).update(confirmed_at=timezone.now())
    if updated:
        _event(
            subscriber, ConsentEvent.Kind.CONFIRM, source=ConsentEvent.Source.EMAIL_LINK
        )
    return bool(updated)


@transaction.atomic
def subscriber_update(
    *, subscriber: Subscriber, language: str, interests: Iterable[InterestArea]
) -> None:
    subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
    if subscriber.left_at is not None:
        return
    subscriber.language = language
    subscriber.save(update_fields=["language"])
    subscriber.interests.set(interests)
    _event(subscriber, ConsentEvent.Kind.CHANGE, source=ConsentEvent.Source.EMAIL_LINK)


@transaction.atomic
def subscriber_leave(*, subscriber: Subscriber, source: str) -> bool:
    """Leave for good: nothing more is sent, not even waiting newsletters."""
    updated = Subscriber.objects.filter(pk=subscriber.pk, left_at__isnull=True).update(
        left_at=timezone.now()
    )
    if not updated:
        return False
    # Claimed ones too: a worker checks each message's row before it hands
    # the message over (newsletters.delivery).
    Delivery.objects.filter(
        subscriber=subscriber,
        status__in=[Delivery.Status.QUEUED, Delivery.Status.SENDING],
    ).update(status=Delivery.Status.SKIPPED, last_error="left")
    _event(subscriber, ConsentEvent.Kind.LEAVE, source=source)
    return True


@transaction.atomic
def subscriber_erase(
    *, subscriber: Subscriber, source: str = ConsentEvent.Source.ADMIN
) -> None:
    """Remove the person's data; only anonymous event counts remain."""
    language = subscriber.language
    ConsentEvent.objects.filter(subscriber=subscriber).update(
        subscriber=None, consent_version=""
    )
    subscriber.delete()
    _event(None, ConsentEvent.Kind.ERASE, source=source, language=language)


def subscriber_export(*, subscriber: Subscriber) -> dict:
    """Everything stored about the subscriber, for the JSON download."""
    events = list(
        subscriber.consent_events.order_by("at").values(
            "kind", "at", "language", "consent_version", "source"
        )
    )
    deliveries = list(
        subscriber.deliveries.select_related("issue__project")
        .order_by("pk")
        .values(
            "issue__number", "issue__year", "issue__project__slug", "status", "sent_at"
        )
    )
    return {
        "email": subscriber.email,
        "language": subscriber.language,
        "kind": subscriber.kind,
        "interests": list(subscriber.interests.values_list("slug", flat=True)),
        "consent_version": subscriber.consent_version,
        "consent_at": subscriber.consent_at,
        "signed_up_at": subscriber.created_at,
        "confirmed_at": subscriber.confirmed_at,
        "left_at": subscriber.left_at,
        "consent_events": events,
        "newsletters": [
            {
                "issue": f"{d['issue__number']}/{d['issue__year']}",
                "project": d["issue__project__slug"],
                "status": d["status"],
                "sent_at": d["sent_at"],
            }
            for d in deliveries
        ],
    }


# --- Newsletter issues ----------------------------------------------------------


def issue_next_number(*, project: Project, year: int) -> int:
    last = (
        NewsletterIssue.objects.filter(project=project, year=year)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    return (last or 0) + 1


def matching_subscribers(issue: NewsletterIssue) -> QuerySet[Subscriber]:
    """Confirmed, not left members whose interests match the issue's.

    An issue without interest areas, or a member who chose an area that
    covers all, matches everyone.
    """
    active = Subscriber.objects.filter(confirmed_at__isnull=False, left_at__isnull=True)
    area_ids = list(issue.interests.values_list("pk", flat=True))
    if not area_ids or issue.interests.filter(covers_all=True).exists():
        return active
    return active.filter(
        Q(interests__in=area_ids) | Q(interests__covers_all=True)
    ).distinct()


@transaction.atomic
def issue_save(
    *, issue: NewsletterIssue, interests: Iterable[InterestArea], by: object
) -> NewsletterIssue:
    from portal.lib.sanitize import clean_rich, clean_source

    if issue.pk and not issue.is_editable:
        raise IssueStateError
    for field in ("lead_fi", "lead_sv", "title_fi", "title_sv"):
        setattr(issue, field, clean_source(getattr(issue, field) or ""))
    for field in ("body_fi", "body_sv"):
        setattr(issue, field, clean_rich(getattr(issue, field)))
    if issue.author_id is None and getattr(by, "pk", None):
        issue.author = by
    issue.save()
    issue.interests.set(interests)
    return issue


@transaction.atomic
def issue_schedule(*, issue: NewsletterIssue, at: datetime, by: object) -> None:  # noqa: ARG001
    updated = NewsletterIssue.objects.filter(
        pk=issue.pk,
        status__in=[NewsletterIssue.Status.DRAFT, NewsletterIssue.Status.SCHEDULED],
    ).update(status=NewsletterIssue.Status.SCHEDULED, publish_at=at)
    if not updated:
        raise IssueStateError


@transaction.atomic
def issue_unschedule(*, issue: NewsletterIssue) -> None:
    NewsletterIssue.objects.filter(
        pk=issue.pk, status=NewsletterIssue.Status.SCHEDULED
    ).update(status=NewsletterIssue.Status.DRAFT, publish_at=None)


@transaction.atomic
def issue_publish(*, issue: NewsletterIssue, by: object = None) -> int:  # noqa: ARG001
    """Publish and create one delivery per matching member, in one transaction.

    Returns the number of deliveries created. Sending is enqueued on commit.
    """
    issue = NewsletterIssue.objects.select_for_update().get(pk=issue.pk)
    if not issue.is_editable:
        raise IssueStateError
    now = timezone.now()
    issue.status = NewsletterIssue.Status.PUBLISHED
    issue.published_at = now
    if issue.publish_at is None or issue.publish_at > now:
        issue.publish_at = now
    issue.save(update_fields=["status", "published_at", "publish_at"])
    ids = list(matching_subscribers(issue).values_list("pk", flat=True))
    Delivery.objects.bulk_create(
        [Delivery(issue=issue, subscriber_id=pk, created_at=now) for pk in ids],
        ignore_conflicts=True,
        batch_size=2000,
    )
    issue_id = issue.pk
    transaction.on_commit(lambda: enqueue_send(issue_id))
    return len(ids)


def enqueue_send(issue_id: int) -> None:
    """Hand the issue to the broker; if it is down, the sweeper will."""
    from newsletters.tasks import newsletter_send as newsletter_send_task

    try:
        newsletter_send_task.delay(issue_id)
    except Exception as exc:
        logger.warning("Newsletter %s not enqueued: %s", issue_id, type(exc).__name__)


def issues_publish_due() -> list[int]:
    """Publish the scheduled issues whose time has come."""
    due = list(
        NewsletterIssue.objects.filter(
            status=NewsletterIssue.Status.SCHEDULED, publish_at__lte=timezone.now()
        ).values_list("pk", flat=True)
    )
    published = []
    for pk in due:
        try:
            issue_publish(issue=NewsletterIssue(pk=pk))
        except IssueStateError:
            continue
        published.append(pk)
    return published


@transaction.atomic
def delivery_retry(*, delivery: Delivery) -> bool:
    """Put a failed delivery back in the queue (a manager's retry button)."""
    updated = Delivery.objects.filter(
        pk=delivery.pk,
        status=Delivery.Status.FAILED,
        subscriber__left_at__isnull=True,
    ).update(status=Delivery.Status.QUEUED, not_before=None, attempts=0)
    if updated:
        NewsletterIssue.objects.filter(
            pk=delivery.issue_id, status=NewsletterIssue.Status.SENT
        ).update(status=NewsletterIssue.Status.PUBLISHED)
        issue_id = delivery.issue_id
        transaction.on_commit(lambda: enqueue_send(issue_id))
    return bool(updated)


# --- Images of an issue ---------------------------------------------------------


def issue_image_add(
    *,
    issue: NewsletterIssue,
    image,  # noqa: ANN001 - an uploaded file
    alt_fi: str,
    alt_sv: str = "",
) -> IssueImage:
    """Add a picture after the issue's others, through the storage API."""
    last = issue.images.order_by("-order").values_list("order", flat=True).first()
    return IssueImage.objects.create(
        issue=issue,
        image=image,
        alt_fi=alt_fi.strip(),
        alt_sv=alt_sv.strip(),
        order=(last or 0) + 1,
    )


def issue_image_remove(*, image: IssueImage) -> None:
    """Remove the picture and its file (after the row is gone for good)."""
    storage, name = image.image.storage, image.image.name
    image.delete()
    transaction.on_commit(lambda: storage.delete(name))
