"""Who may do what with projects and groups: the one place these rules live.

Views call ``user.has_perm("projects.<rule>", obj)`` (through the helpers in
``projects.access``) and templates use ``{% has_perm %}`` from ``rules``.
"""

import rules

from projects.models import Group, Membership, Project, Report, ReportApprovers


def _project_of(obj: Project | Group | Report) -> Project:
    # Groups, reports and the other apps' objects name their project.
    return obj if isinstance(obj, Project) else obj.project


@rules.predicate
def is_site_admin(user) -> bool:  # noqa: ANN001
    return bool(user.is_active and user.is_superuser)


@rules.predicate
def is_project_manager(user, obj) -> bool:  # noqa: ANN001
    if obj is None or not user.is_authenticated:
        return False
    project = _project_of(obj)
    # Remembered on the request's user object: a page checks the same
    # project for many rows (entries, surveys, issues) without a query each.
    cache = user.__dict__.setdefault("_managed_project_cache", {})
    if project.pk not in cache:
        cache[project.pk] = project.managers.filter(pk=user.pk).exists()
    return cache[project.pk]


@rules.predicate
def is_project_member(user, obj) -> bool:  # noqa: ANN001
    """A member of any group of the project."""
    if obj is None or not user.is_authenticated:
        return False
    return _project_of(obj).groups.filter(memberships__user=user).exists()


@rules.predicate
def is_steering_member(user, obj) -> bool:  # noqa: ANN001
    if obj is None or not user.is_authenticated:
        return False
    return (
        _project_of(obj)
        .groups.filter(kind=Group.Kind.STEERING, memberships__user=user)
        .exists()
    )


@rules.predicate
def is_group_member(user, group) -> bool:  # noqa: ANN001
    if group is None or not user.is_authenticated:
        return False
    return group.memberships.filter(user=user).exists()


@rules.predicate
def is_published(user, obj) -> bool:  # noqa: ANN001, ARG001
    return obj is not None and _project_of(obj).is_published


can_view_project = is_published | is_site_admin | is_project_manager | is_project_member
can_manage_project = is_site_admin | is_project_manager

rules.add_perm("projects.view_project", can_view_project)
rules.add_perm("projects.change_project", can_manage_project)
rules.add_perm("projects.view_group", can_view_project)
rules.add_perm("projects.change_group", can_manage_project)
rules.add_perm(
    "projects.view_draft_reports",
    is_site_admin | is_project_manager | is_steering_member,
)


# --- Reports ------------------------------------------------------------------


@rules.predicate
def is_report_approved(user, report) -> bool:  # noqa: ANN001, ARG001
    return report is not None and report.status == Report.Status.APPROVED


@rules.predicate
def is_report_in_review(user, report) -> bool:  # noqa: ANN001, ARG001
    return report is not None and report.status == Report.Status.REVIEW


@rules.predicate
def is_report_approver(user, report) -> bool:  # noqa: ANN001
    """A steering-group member the project lets approve its reports."""
    if report is None or not user.is_authenticated:
        return False
    memberships = Membership.objects.filter(
        user=user, group__project_id=report.project_id, group__kind=Group.Kind.STEERING
    )
    if report.project.report_approvers == ReportApprovers.CHAIR:
        memberships = memberships.filter(role=Membership.Role.CHAIR)
    return memberships.exists()


can_see_drafts = is_site_admin | is_project_manager | is_steering_member
rules.add_perm(
    "projects.view_report", (is_report_approved & is_published) | can_see_drafts
)
# Asking for a PDF costs a worker's time: only those who follow the report.
rules.add_perm("projects.render_report", can_see_drafts)
rules.add_perm("projects.add_report", can_manage_project)
rules.add_perm("projects.change_report", can_manage_project & ~is_report_approved)
rules.add_perm("projects.submit_report", can_manage_project)
rules.add_perm("projects.approve_report", is_report_in_review & is_report_approver)
