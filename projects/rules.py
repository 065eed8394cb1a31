"""Who may do what with projects and groups: the one place these rules live.

Views call ``user.has_perm("projects.<rule>", obj)`` (through the helpers in
``projects.access``) and templates use ``{% has_perm %}`` from ``rules``.
"""

import rules

from projects.models import Group, Project


def _project_of(obj) -> Project:  # noqa: ANN001
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
def is_published(user, obj) -> bool:  # noqa: ANN001, ARG001
    return obj is not None and _project_of(obj).is_published


can_view_project = is_published | is_site_admin | is_project_manager | is_project_member
can_manage_project = is_site_admin | is_project_manager

rules.add_perm("projects.view_project", can_view_project)
rules.add_perm("projects.change_project", can_manage_project)
rules.add_perm("projects.view_group", can_view_project)
rules.add_perm("projects.change_group", can_manage_project)
