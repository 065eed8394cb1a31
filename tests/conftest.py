"""Shared fixtures: the personas of every role test, and the real services."""

from dataclasses import dataclass

import pytest
from django.contrib.auth.models import AbstractUser
from django.test import Client

from projects.models import Group, Membership, Project
from tests import factories


@dataclass
class World:
    """A published project and a draft, with one person in every role."""

    project: Project
    draft: Project
    steering_group: Group
    working_group: Group
    sub_group: Group
    manager: AbstractUser
    member: AbstractUser
    steering: AbstractUser
    admin: AbstractUser
    outsider: AbstractUser


def build_world() -> World:
    region = factories.RegionFactory(name_fi="Järvialue", name_sv="Sjöområdet")
    project = factories.ProjectFactory(
        slug="yhteinen",
        name_fi="Yhteinen hanke",
        name_sv="Gemensamt projekt",
        regions=[region],
    )
    draft = factories.ProjectFactory(
        slug="luonnos",
        name_fi="Luonnoshanke",
        name_sv="Utkastprojekt",
        is_published=False,
    )
    manager = factories.UserFactory(username="manager", first_name="Maija")
    member = factories.UserFactory(username="member", first_name="Tiina")
    steering = factories.UserFactory(username="steering", first_name="Olli")
    outsider = factories.UserFactory(username="outsider", first_name="Ulla")
    admin = factories.UserFactory(
        username="admin", first_name="Aino", is_superuser=True, is_staff=True
    )
    project.managers.add(manager)
    draft.managers.add(manager)
    steering_group = factories.GroupFactory(
        project=project,
        kind=Group.Kind.STEERING,
        name_fi="Ohjausryhmä",
        name_sv="Styrgrupp",
    )
    working_group = factories.GroupFactory(
        project=project, name_fi="Terveyspalvelut", name_sv="Hälsotjänster"
    )
    sub_group = factories.GroupFactory(
        project=project,
        kind=Group.Kind.SUB,
        parent=working_group,
        name_fi="Etävastaanotot",
        name_sv="Distansmottagningar",
    )
    factories.MembershipFactory(
        user=steering, group=steering_group, role=Membership.Role.CHAIR
    )
    factories.MembershipFactory(user=member, group=sub_group, is_contact=True)
    return World(
        project=project,
        draft=draft,
        steering_group=steering_group,
        working_group=working_group,
        sub_group=sub_group,
        manager=manager,
        member=member,
        steering=steering,
        admin=admin,
        outsider=outsider,
    )


@pytest.fixture
def world(db) -> World:  # noqa: ARG001
    return build_world()


ROLES = ["anonymous", "outsider", "member", "steering", "manager", "admin"]


def client_for(world: World, role: str) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(getattr(world, role))
    return client
