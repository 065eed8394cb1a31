"""Shared fixtures: the personas of every role test, and the real services."""

from dataclasses import dataclass, field

import pytest
from django.contrib.auth.models import AbstractUser
from django.test import Client

from projects.models import Group, Membership, Project
from tests import factories
from tests.matrix import world_extenders


@dataclass
class World:
    """A published project and a draft, with one person in every role."""

    project: Project
    draft: Project
    draft_group: Group
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
    draft_group = factories.GroupFactory(
        project=draft, name_fi="Luonnosryhmä", name_sv="Utkastgrupp"
    )
    world = World(
        project=project,
        draft=draft,
        draft_group=draft_group,
        steering_group=steering_group,
        working_group=working_group,
        sub_group=sub_group,
        manager=manager,
        member=member,
        steering=steering,
        admin=admin,
        outsider=outsider,
    )
    for extend in world_extenders():
        extend(world)
    return world


@pytest.fixture
def world(db) -> World:  # noqa: ARG001
    return build_world()


def client_for(world: World, role: str) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(getattr(world, role))
    return client


# --- Real services: an SMTP server on loopback and a Celery worker ---------


@dataclass
class Inbox:
    messages: list
    # Planned answers to RCPT TO per address, used up in order; then "250".
    replies: dict = field(default_factory=dict)

    def answer(self, address: str, *replies: str) -> None:
        """``inbox.answer("x@example.fi", "451 4.3.0 Try later")``"""
        self.replies.setdefault(address, []).extend(replies)

    def wait_for(self, count: int, timeout: float = 15.0) -> list:
        import time

        deadline = time.monotonic() + timeout
        while len(self.messages) < count and time.monotonic() < deadline:
            time.sleep(0.05)
        return self.messages


@pytest.fixture
def smtp_inbox(settings):
    """A real SMTP server on 127.0.0.1; Django's SMTP backend sends to it."""
    import email
    import email.policy
    import socket

    from aiosmtpd.controller import Controller

    received: list = []

    inbox = Inbox(received)

    class Handler:
        async def handle_RCPT(self, server, session, envelope, address, options):  # noqa: N802, ANN001, ANN201, ARG002
            planned = inbox.replies.get(address)
            if planned:
                return planned.pop(0)
            envelope.rcpt_tos.append(address)
            return "250 OK"

        async def handle_DATA(self, server, session, envelope):  # noqa: N802, ANN001, ANN201
            msg = email.message_from_bytes(
                envelope.content, policy=email.policy.default
            )
            received.append((list(envelope.rcpt_tos), msg))
            return "250 Message accepted for delivery"

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    controller = Controller(Handler(), hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    try:
        yield inbox
    finally:
        controller.stop()


@pytest.fixture
def celery_worker_real(transactional_db):  # noqa: ARG001
    """A real Celery worker thread consuming from the Redis broker."""
    from celery.contrib.testing.worker import start_worker

    from portal.celery import app

    app.control.purge()
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        yield app


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache (page cache, rate limits)."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture
def broker_down():
    """Point Celery at a port where no broker listens, then restore it."""
    from portal.celery import app

    def reset_pools() -> None:
        # Drop the app's pools without closing them: kombu shares pools per
        # broker URL, and closing one breaks later publishes to the real broker.
        app._pool = None
        app.amqp._producer_pool = None

    original = app.conf.broker_url
    app.conf.broker_url = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    reset_pools()
    try:
        yield app
    finally:
        app.conf.broker_url = original
        reset_pools()
