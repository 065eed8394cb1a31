"""Reads of the projects domain. Every function fetches what its page shows
in a fixed number of queries, whatever the number of rows."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db.models import Prefetch, Q, QuerySet, prefetch_related_objects
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from projects.models import (
    Event,
    Goal,
    Group,
    Indicator,
    Measurement,
    Membership,
    OperatingModel,
    Project,
    Region,
    Report,
    ReportRender,
    Subproject,
)


def project_list(
    *, region: Region | None = None, status: str | None = None
) -> QuerySet[Project]:
    """Published projects, optionally of one region and status."""
    qs = Project.objects.filter(is_published=True)
    if region is not None:
        qs = qs.filter(regions=region)
    if status:
        qs = qs.filter(status=status)
    return qs.prefetch_related(
        Prefetch("regions", queryset=Region.objects.order_by("name"))
    ).order_by("-start_date", "name")


def project_featured(*, limit: int) -> list[Project]:
    return list(project_list(status=Project.Status.ONGOING)[:limit])


def region_choices() -> QuerySet[Region]:
    return Region.objects.order_by("name")


def projects_managed_by(*, user) -> QuerySet[Project]:  # noqa: ANN001
    """The projects a user may manage: all of them for a site admin."""
    qs = Project.objects.order_by("name")
    return qs if user.is_superuser else qs.filter(managers=user)


def project_get(*, slug: str) -> Project | None:
    return Project.objects.filter(slug=slug).first()


@dataclass
class GroupNode:
    group: Group
    chairs: list[Membership] = field(default_factory=list)
    contacts: list[Membership] = field(default_factory=list)
    children: list["GroupNode"] = field(default_factory=list)


@dataclass
class GoalNode:
    goal: Goal
    children: list["GoalNode"] = field(default_factory=list)


_GROUP_ORDER = {kind: i for i, kind in enumerate(Group.Kind.values)}
_PHASE_ORDER = {phase: i for i, phase in enumerate(OperatingModel.Phase.values)}


def _group_tree(groups: list[Group]) -> list[GroupNode]:
    nodes = {}
    for group in groups:
        memberships = list(group.memberships.all())
        nodes[group.pk] = GroupNode(
            group=group,
            chairs=[m for m in memberships if m.role == Membership.Role.CHAIR],
            contacts=[m for m in memberships if m.is_contact],
        )
    roots = []
    for group in sorted(groups, key=lambda g: (_GROUP_ORDER[g.kind], g.name)):
        node = nodes[group.pk]
        parent = nodes.get(group.parent_id) if group.parent_id else None
        (parent.children if parent else roots).append(node)
    return roots


def _goal_tree(goals: list[Goal]) -> list[GoalNode]:
    nodes = {goal.pk: GoalNode(goal=goal) for goal in goals}
    roots = []
    for goal in sorted(goals, key=lambda g: g.sort_key):
        node = nodes[goal.pk]
        parent = nodes.get(goal.parent_id) if goal.parent_id else None
        (parent.children if parent else roots).append(node)
    return roots


def _memberships() -> QuerySet[Membership]:
    return Membership.objects.select_related("user").order_by(
        "role", "user__last_name", "user__first_name"
    )


def project_detail(*, project: Project) -> dict:
    """Everything the project page shows, in a fixed number of queries."""
    prefetch_related_objects(
        [project],
        Prefetch("regions", queryset=Region.objects.order_by("name")),
        Prefetch(
            "subprojects",
            queryset=Subproject.objects.select_related("region").order_by("name"),
        ),
        Prefetch(
            "groups",
            queryset=Group.objects.prefetch_related(
                Prefetch("memberships", queryset=_memberships())
            ),
        ),
        Prefetch(
            "goals",
            queryset=Goal.objects.select_related("assessment", "subproject"),
        ),
        Prefetch(
            "operating_models",
            queryset=OperatingModel.objects.order_by("name"),
        ),
        Prefetch("events", queryset=Event.objects.order_by("-date")),
        Prefetch(
            "indicators",
            queryset=Indicator.objects.prefetch_related(
                Prefetch("measurements", queryset=Measurement.objects.order_by("date"))
            ),
        ),
        Prefetch(
            "related_projects",
            queryset=Project.objects.filter(is_published=True).order_by("name"),
        ),
    )
    subprojects = list(project.subprojects.all())
    events = list(project.events.all())
    indicators = list(project.indicators.all())
    for indicator in indicators:
        measurements = list(indicator.measurements.all())
        indicator.latest = measurements[-1] if measurements else None
    return {
        "project": project,
        "regions": list(project.regions.all()),
        "subprojects": subprojects,
        "subproject_totals": {
            "person_years": _sum(s.person_years for s in subprojects),
            "costs": _sum(s.costs for s in subprojects),
        },
        "group_tree": _group_tree(list(project.groups.all())),
        "goal_tree": _goal_tree(list(project.goals.all())),
        "operating_models": sorted(
            project.operating_models.all(), key=lambda m: _PHASE_ORDER[m.phase]
        ),
        "events": events,
        "event_totals": _event_totals(events),
        "indicators": indicators,
        "related_projects": list(project.related_projects.all()),
    }


def _sum(values) -> Decimal | None:  # noqa: ANN001
    present = [v for v in values if v is not None]
    return sum(present, Decimal(0)) if present else None


def _event_totals(events: list[Event]) -> list[dict]:
    totals: dict[str, dict] = {}
    for event in events:
        row = totals.setdefault(
            event.kind,
            {"label": event.get_kind_display(), "count": 0, "participants": 0},
        )
        row["count"] += 1
        row["participants"] += event.participant_count or 0
    return list(totals.values())


def group_get(*, slug: str, pk: int) -> Group | None:
    return (
        Group.objects.select_related("project", "parent")
        .filter(project__slug=slug, pk=pk)
        .first()
    )


def group_detail(*, group: Group) -> dict:
    return {
        "group": group,
        "project": group.project,
        "memberships": list(_memberships().filter(group=group)),
        "children": list(group.children.order_by("name")),
    }


_OPEN_REPORT = (Report.Status.DRAFT, Report.Status.REVIEW)


def workspace_for_user(*, user) -> dict:  # noqa: ANN001
    """The signed-in user's projects and groups, with their roles."""
    managed = list(Project.objects.filter(managers=user).order_by("name"))
    memberships = list(
        Membership.objects.filter(user=user)
        .select_related("group__project", "group__parent")
        .order_by("group__project__name", "group__name")
    )
    upcoming = list(
        Event.objects.filter(
            project__in={m.group.project_id for m in memberships}
            | {p.pk for p in managed},
        )
        .select_related("project")
        .order_by("date")
        .filter(date__gte=timezone.localdate())[:5]
    )
    drafts = [p for p in managed if not p.is_published]
    steering = {
        m.group.project_id for m in memberships if m.group.kind == Group.Kind.STEERING
    }
    reports = list(
        Report.objects.filter(
            Q(project__in=steering, status=Report.Status.REVIEW)
            | Q(project__in=[p.pk for p in managed], status__in=_OPEN_REPORT)
        )
        .select_related("project")
        .order_by("project__name", "kind")
    )
    return {
        "reports_awaiting": reports,
        "managed_projects": managed,
        "memberships": memberships,
        "upcoming_events": upcoming,
        "unpublished_projects": drafts,
    }


# --- Reports ------------------------------------------------------------------

SECTION_HEADINGS = {
    "background": _("Background"),
    "goals": _("Goals"),
    "implementation": _("Implementation"),
    "outputs": _("Outputs"),
    "benefits_clients": _("Benefits for clients"),
    "benefits_staff": _("Benefits for staff"),
    "benefits_organisation": _("Benefits for the organisation"),
    "benefits_long_term": _("Long-term benefits"),
    "dependencies": _("Dependencies"),
}


# Parts after the narrative: (key, title); each has its template
# projects/report/_part_<key>.html. Administrative reports add the first three.
ADMINISTRATIVE_PARTS = (
    ("subprojects", _("Sub-projects")),
    ("municipalities", _("Pilot municipalities")),
    ("meetings", _("Meetings of the steering group and the project team")),
)
APPENDICES = (
    ("goals", _("Goal self-assessment")),
    ("operating_models", _("Operating models")),
    ("trainings", _("Trainings")),
    ("events", _("Other events")),
    ("pilots", _("Pilots and their indicators")),
    ("feedback", _("Client feedback")),
)


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


def report_render_get(*, report: Report, pk: int) -> ReportRender | None:
    return ReportRender.objects.filter(report=report, pk=pk).first()


def report_renders(*, report: Report) -> dict[str, ReportRender]:
    """The newest PDF of the report's current revision per language."""
    renders = ReportRender.objects.filter(
        report=report, revision=report.revision
    ).order_by("created_at")
    return {render.language: render for render in renders}


def _report_sources() -> dict:
    """What the apps above ``projects`` contribute to a report.

    ``projects`` must not import pilots or feedback (they depend on it), so
    the functions are named in settings.PROJECTS_REPORT_SOURCES and imported
    only when a report is built. A deployment without one of those apps
    drops its line; nothing here changes.
    """
    return {
        name: import_string(path)
        for name, path in settings.PROJECTS_REPORT_SOURCES.items()
    }


def _in_period(events: list[Event], report: Report) -> list[Event]:
    if report.kind != Report.Kind.ADMINISTRATIVE:
        return events
    return [e for e in events if report.start_date <= e.date <= report.end_date]


def _totals(events: list[Event]) -> dict:
    return {
        "count": len(events),
        "participants": sum(e.participant_count or 0 for e in events),
    }


def report_document(*, report: Report) -> dict:
    """Everything a report shows, in its order, from live data.

    The same dictionary feeds the HTML page and the PDF, so both always
    hold the same content in the same order. Query count is fixed.
    """
    project = report.project
    prefetch_related_objects(
        [project],
        Prefetch("regions", queryset=Region.objects.order_by("name")),
        Prefetch(
            "subprojects",
            queryset=Subproject.objects.select_related("region").order_by(
                "region__name", "name"
            ),
        ),
        Prefetch(
            "goals",
            queryset=Goal.objects.select_related("assessment", "subproject"),
        ),
        Prefetch("operating_models", queryset=OperatingModel.objects.order_by("name")),
        Prefetch(
            "events", queryset=Event.objects.select_related("group").order_by("date")
        ),
    )
    goals = sorted(project.goals.all(), key=lambda g: g.sort_key)
    events = _in_period(list(project.events.all()), report)
    trainings = [e for e in events if e.kind == Event.Kind.TRAINING]
    others = [e for e in events if e.kind in (Event.Kind.WORKSHOP, Event.Kind.SEMINAR)]
    sources = _report_sources()
    pilots = sources["pilots"](project) if "pilots" in sources else []
    # An approved report is public: only pilots published on the site.
    pilots = [pilot for pilot in pilots if pilot.is_published]
    if "indicator_panel" in sources:
        panel = sources["indicator_panel"]
        for pilot in pilots:
            pilot.report_panels = [
                panel(indicator, indicator.report_measurements)
                for indicator in pilot.report_indicators
            ]
    sections = [
        {"key": key, "id": f"sec-{key}", "number": n, "title": SECTION_HEADINGS[key]}
        for n, key in enumerate(Report.SECTIONS, 1)
    ]
    parts = []
    if report.kind == Report.Kind.ADMINISTRATIVE:
        parts = [
            {
                "key": key,
                "id": f"part-{key}",
                "number": n,
                "title": title,
                "template": f"projects/report/_part_{key}.html",
            }
            for n, (key, title) in enumerate(ADMINISTRATIVE_PARTS, len(sections) + 1)
        ]
    appendices = [
        {
            "key": key,
            "id": f"appendix-{key}",
            "number": n,
            "title": title,
            "template": f"projects/report/_part_{key}.html",
        }
        for n, (key, title) in enumerate(APPENDICES, 1)
    ]
    doc = {
        "report": report,
        "project": project,
        "regions": list(project.regions.all()),
        "sections": sections,
        "parts": parts,
        "appendices": appendices,
        "goals": [g for g in goals if g.subproject_id is None],
        "operating_models": sorted(
            project.operating_models.all(), key=lambda m: _PHASE_ORDER[m.phase]
        ),
        "trainings": trainings,
        "trainings_total": _totals(trainings),
        "other_events": others,
        "other_events_total": _totals(others),
        "pilots": pilots,
        "feedback": sources["feedback"](project) if "feedback" in sources else [],
    }
    if report.kind == Report.Kind.ADMINISTRATIVE:
        subprojects = list(project.subprojects.all())
        for subproject in subprojects:
            subproject.report_goals = [
                g for g in goals if g.subproject_id == subproject.pk
            ]
        doc["subprojects"] = subprojects
        doc["subproject_totals"] = {
            "person_years": _sum(s.person_years for s in subprojects),
            "costs": _sum(s.costs for s in subprojects),
        }
        doc["meetings"] = [
            e
            for e in events
            if e.kind == Event.Kind.MEETING
            and e.group is not None
            and e.group.kind in (Group.Kind.STEERING, Group.Kind.PROJECT_TEAM)
        ]
        municipalities = {}
        for pilot in pilots:
            for municipality in pilot.report_municipalities:
                municipalities.setdefault(municipality.pk, municipality)
        doc["pilot_municipalities"] = sorted(
            municipalities.values(), key=lambda m: m.name
        )
    return doc
