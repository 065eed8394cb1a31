"""Reads of the projects domain. Every function fetches what its page shows
in a fixed number of queries, whatever the number of rows."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch, QuerySet, prefetch_related_objects
from django.utils import timezone

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
    return {
        "managed_projects": managed,
        "memberships": memberships,
        "upcoming_events": upcoming,
        "unpublished_projects": drafts,
    }


def project_for_report(*, project: Project) -> dict:
    """The project's own facts a report shows (regions, sub-projects, goals
    with assessments, operating models, events with groups), in 5 queries."""
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
    subprojects = list(project.subprojects.all())
    return {
        "regions": list(project.regions.all()),
        "subprojects": subprojects,
        "subproject_totals": {
            "person_years": _sum(s.person_years for s in subprojects),
            "costs": _sum(s.costs for s in subprojects),
        },
        "goals": sorted(project.goals.all(), key=lambda g: g.sort_key),
        "operating_models": sorted(
            project.operating_models.all(), key=lambda m: _PHASE_ORDER[m.phase]
        ),
        "events": list(project.events.all()),
    }
