"""Reads of the newsletters: the public archive, issue pages, counts."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Count, Max, Q, QuerySet
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from newsletters.models import Delivery, IssueImage, NewsletterIssue, Subscriber
from projects.models import Project
from projects.selectors import projects_managed_by

PUBLIC = [NewsletterIssue.Status.PUBLISHED, NewsletterIssue.Status.SENT]


def public_issues(*, project: Project | None = None) -> QuerySet[NewsletterIssue]:
    qs = (
        NewsletterIssue.objects.filter(status__in=PUBLIC, project__is_published=True)
        .select_related("project")
        .order_by("-published_at", "-year", "-number")
    )
    if project is not None:
        qs = qs.filter(project=project)
    return qs


def public_issue_get(*, slug: str, year: int, number: int) -> NewsletterIssue | None:
    return (
        public_issues()
        .prefetch_related("images", "interests")
        .filter(project__slug=slug, year=year, number=number)
        .first()
    )


def managed_issues(*, user) -> QuerySet[NewsletterIssue]:  # noqa: ANN001
    qs = NewsletterIssue.objects.select_related("project").order_by(
        "project__slug", "-year", "-number"
    )
    if user.is_superuser:
        return qs
    return qs.filter(project__managers=user)


def managed_projects(*, user) -> QuerySet[Project]:  # noqa: ANN001
    return projects_managed_by(user=user)


def delivery_counts(*, issue: NewsletterIssue) -> dict:
    """Sent, failed, skipped and waiting, each on its own (one query), and
    whether the sending has stalled: members are waiting, none of them is
    held back by a retry pause, and no delivery has moved for longer than a
    chunk may take (NEWSLETTER_SENDING_TIMEOUT) — its worker has died."""
    rows = issue.deliveries.aggregate(
        **{
            status: Count("pk", filter=Q(status=status))
            for status in Delivery.Status.values
        },
        # NULLs make GREATEST null on SQLite: each side falls back to creation.
        last_move=Greatest(
            Coalesce(Max("sent_at"), Max("created_at")),
            Coalesce(Max("claimed_at"), Max("created_at")),
        ),
        paused=Count(
            "pk",
            filter=Q(status=Delivery.Status.QUEUED, not_before__gt=timezone.now()),
        ),
    )
    counts = {status: rows[status] for status in Delivery.Status.values}
    total = sum(counts.values())
    done = counts["sent"] + counts["failed"] + counts["skipped"]
    pending = total - done
    quiet = timezone.now() - timedelta(seconds=settings.NEWSLETTER_SENDING_TIMEOUT)
    stalled = bool(
        pending
        and not rows["paused"]
        and rows["last_move"]
        and rows["last_move"] < quiet
    )
    return {
        **counts,
        "total": total,
        "done": done,
        "pending": pending,
        "stalled": stalled,
    }


def failed_deliveries(*, issue: NewsletterIssue) -> QuerySet[Delivery]:
    return issue.deliveries.filter(status=Delivery.Status.FAILED).select_related(
        "subscriber"
    )[:100]


def matching_counts(*, issue: NewsletterIssue) -> dict[str, int]:
    """How many confirmed members would get the issue now, per language."""
    from newsletters.services import matching_subscribers

    ids = matching_subscribers(issue).values("pk")
    rows = Subscriber.objects.filter(pk__in=ids).aggregate(
        fi=Count("pk", filter=Q(language="fi")), sv=Count("pk", filter=Q(language="sv"))
    )
    return {"fi": rows["fi"], "sv": rows["sv"], "total": rows["fi"] + rows["sv"]}


# --- Single objects, for newsletters.access -----------------------------------------


def issue_get(*, pk: int) -> NewsletterIssue | None:
    return NewsletterIssue.objects.select_related("project").filter(pk=pk).first()


def delivery_get(*, pk: int) -> Delivery | None:
    return Delivery.objects.filter(pk=pk).first()


def issue_image_get(*, issue: NewsletterIssue, pk: int) -> IssueImage | None:
    return issue.images.filter(pk=pk).first()


def subscriber_by_secret(*, secret: str) -> Subscriber | None:
    return Subscriber.objects.filter(secret=secret).first()


def latest_issue_year(*, project: Project) -> int | None:
    """The year of the project's newest issue: the series usually goes on."""
    return (
        NewsletterIssue.objects.filter(project=project)
        .order_by("-year")
        .values_list("year", flat=True)
        .first()
    )


def issue_images(*, issue: NewsletterIssue) -> list[IssueImage]:
    return list(issue.images.all())
