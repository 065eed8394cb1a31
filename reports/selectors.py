"""Reads of the reports domain, each in a fixed number of queries."""

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone

from portal.lib import jobs
from projects.models import Event, Group, Membership, Project
from reports.models import Report, ReportAuditEntry, ReportRender

_OPEN = (Report.Status.DRAFT, Report.Status.REVIEW)


def reports_for_project(*, project: Project, drafts: bool) -> list[Report]:
    """The project's reports, newest first; approved ones only unless ``drafts``."""
    qs = Report.objects.filter(project=project)
    if not drafts:
        qs = qs.filter(status=Report.Status.APPROVED)
    return list(qs.order_by("kind", "-start_date", "-version"))


def report_get(*, slug: str, pk: int) -> Report | None:
    return (
        Report.objects.select_related("project", "approved_by", "updated_by")
        .filter(project__slug=slug, pk=pk)
        .first()
    )


def report_render_get(*, report: Report, key: str) -> ReportRender | None:
    render = ReportRender.objects.filter(report=report, key=key).first()
    if render is not None:
        render.report = report
    return render


def report_renders(*, report: Report) -> dict[str, ReportRender]:
    """The newest PDF of the report's current revision per language."""
    renders = ReportRender.objects.filter(
        report=report, revision=report.revision
    ).order_by("created_at")
    return {render.language: render for render in renders}


def report_audit(*, report: Report) -> list[ReportAuditEntry]:
    return list(
        ReportAuditEntry.objects.filter(report=report).select_related("user", "meeting")
    )


def steering_meetings(*, report: Report) -> QuerySet[Event]:
    """Meetings of the project's steering group, newest first: where an
    approval may have been decided."""
    return (
        Event.objects.filter(
            project_id=report.project_id,
            kind=Event.Kind.MEETING,
            group__kind=Group.Kind.STEERING,
            date__lte=timezone.localdate(),
        )
        .select_related("group")
        .order_by("-date")
    )


def render_is_quiet(render: ReportRender) -> bool:
    """No worker has touched this queued or running render for longer than
    a step should take: its worker may have died, or none is running."""
    from reports.services import render_jobs  # the kind lives with the writes

    return jobs.is_quiet(render_jobs(), render, settings.REPORTS_RENDER_QUIET_AFTER)


def workspace_reports(*, user) -> list[Report]:  # noqa: ANN001
    """Reports awaiting the user: in review for their steering groups, and
    being drafted or in review in the projects they manage."""
    steering = Membership.objects.filter(
        user=user, group__kind=Group.Kind.STEERING
    ).values("group__project_id")
    return list(
        Report.objects.filter(
            Q(project__in=steering, status=Report.Status.REVIEW)
            | Q(project__managers=user, status__in=_OPEN)
        )
        .distinct()
        .select_related("project")
        .order_by("project__name", "kind")
    )
