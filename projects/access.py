"""Object access for views: one helper per resource, 404 for outsiders."""

from django.http import Http404

from portal.http import HtmxHttpRequest
from projects import selectors
from projects.models import Group, Project


def get_project_for_user(
    request: HtmxHttpRequest, slug: str, *, perm: str = "projects.view_project"
) -> Project:
    project = selectors.project_get(slug=slug)
    if project is None or not request.user.has_perm(perm, project):
        # Outsiders cannot tell an unpublished project from a missing one.
        raise Http404
    return project


def get_group_for_user(
    request: HtmxHttpRequest, slug: str, pk: int, *, perm: str = "projects.view_group"
) -> Group:
    group = selectors.group_get(slug=slug, pk=pk)
    if group is None or not request.user.has_perm(perm, group):
        raise Http404
    return group
