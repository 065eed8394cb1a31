"""Every public list and detail page runs a fixed number of queries.

Each page is measured twice: with a little data and with ten times the rows.
The count must be the same, so it cannot grow with the data.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from projects.models import Group, Membership
from tests import factories


def _fill(project, times: int, *, root: str) -> None:
    region = factories.RegionFactory()
    project.regions.add(region)
    parent = project.groups.filter(parent__isnull=True).first()
    parent = parent or factories.GroupFactory(project=project)
    goal = factories.GoalFactory(project=project, number=root)
    for i in range(times):
        factories.ProjectFactory(regions=[region])
        factories.SubprojectFactory(project=project, region=region)
        group = factories.GroupFactory(
            project=project, parent=parent, kind=Group.Kind.SUB
        )
        factories.MembershipFactory(
            group=group, role=Membership.Role.CHAIR, is_contact=True
        )
        factories.MembershipFactory(group=parent)
        factories.GoalFactory(
            project=project, parent=goal, number=f"{goal.number}.{i + 1}"
        )
        factories.OperatingModelFactory(project=project)
        factories.EventFactory(project=project)
        factories.MeasurementFactory(
            indicator=factories.IndicatorFactory(project=project)
        )


def _count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


PAGES = {
    # name: (url builder, expected queries for an anonymous visitor)
    "home": (lambda p, g: reverse("portal:home"), 3),
    "project_list": (lambda p, g: reverse("projects:list"), 4),
    "project_list_filtered": (
        lambda p, g: reverse("projects:list") + "?status=ongoing",
        4,
    ),
    # One query more for the pilots (templates/pilots/_project_pilots.html).
    "project_detail": (lambda p, g: reverse("projects:detail", args=[p.slug]), 12),
    "group": (lambda p, g: g.get_absolute_url(), 3),
}


@pytest.mark.parametrize("language", ["fi", "sv"])
@pytest.mark.parametrize("name", list(PAGES))
def test_page_query_count_does_not_grow_with_the_data(client, db, name, language):  # noqa: ARG001
    build, expected = PAGES[name]
    project = factories.ProjectFactory()
    _fill(project, 2, root="1")
    group = project.groups.filter(parent__isnull=True).get()
    with translation.override(language):
        url = build(project, group)
    small = _count(client, url)
    _fill(project, 20, root="2")
    large = _count(client, url)
    assert (small, large) == (expected, expected)


def test_workspace_query_count_does_not_grow_with_memberships(client, db):  # noqa: ARG001
    user = factories.UserFactory()
    client.force_login(user)

    def grow(times: int) -> None:
        for _ in range(times):
            project = factories.ProjectFactory()
            project.managers.add(user)
            factories.MembershipFactory(
                user=user, group=factories.GroupFactory(project=project)
            )
            factories.EventFactory(project=project, date="2099-01-01")

    grow(2)
    with translation.override("fi"):
        url = reverse("portal:workspace")
    small = _count(client, url)
    grow(20)
    assert _count(client, url) == small == 6  # 6th: the reports awaiting the user
