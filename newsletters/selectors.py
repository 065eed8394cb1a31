"""Reads of the newsletters: the public archive, issue pages, counts."""

from django.db.models import Count, Q, QuerySet

from newsletters.models import Delivery, InterestArea, NewsletterIssue, Subscriber
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
    counts = dict.fromkeys(Delivery.Status.values, 0)
    for row in issue.deliveries.values("status").annotate(n=Count("pk")):
        counts[row["status"]] = row["n"]
    total = sum(counts.values())
    done = counts["sent"] + counts["failed"] + counts["skipped"]
    return {**counts, "total": total, "done": done, "pending": total - done}


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


def interest_areas() -> QuerySet[InterestArea]:
    return InterestArea.objects.all()
