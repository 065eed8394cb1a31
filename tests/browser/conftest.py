"""Fixtures of the browser tests: Debian's Chromium, a live server, the data.

The live server runs in a thread of this process while Playwright's sync API
keeps an event loop in the main thread, so Django's async guard is lifted.
"""

import os
from dataclasses import dataclass

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

import pytest  # noqa: E402
from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.core.management import call_command, get_commands  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import translation  # noqa: E402

from portal.lib import ratelimit  # noqa: E402
from projects.models import Group, Project, Region  # noqa: E402
from tests.conftest import build_world  # noqa: E402

LANGUAGES = ["fi", "sv"]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = os.path.dirname(__file__)
    for item in items:
        if str(item.fspath).startswith(here):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "args": [
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@dataclass
class Site:
    """What the pages under test are built from, read back after loading."""

    base: str
    projects: list[Project]
    group: Group
    sub_group: Group
    empty_region: Region
    manager: object
    member: object
    admin: object

    def url(self, language: str, name: str, *args: object, **kwargs: object) -> str:
        with translation.override(language):
            return self.base + reverse(name, args=args or None, kwargs=kwargs or None)


def _load() -> None:
    if "load_demo" in get_commands():
        call_command("load_demo", verbosity=0)
    else:
        build_world()


@pytest.fixture
def site(live_server) -> Site:
    """The demo data (or the personas' world) behind a live server.

    ``live_server`` makes the test transactional, so the data is loaded for
    every test and flushed after it.
    """
    _load()
    # The feedback form's rate limit lives in Redis and outlives the flush.
    cache.delete(ratelimit._key("a11y-feedback", "127.0.0.1"))
    users = get_user_model().objects
    projects = list(Project.objects.filter(is_published=True).order_by("slug"))
    published = Group.objects.filter(project__is_published=True)
    sub_group = published.filter(parent__isnull=False).order_by("pk").first()
    return Site(
        base=live_server.url,
        projects=projects,
        group=sub_group.parent,
        sub_group=sub_group,
        empty_region=Region.objects.create(
            name_fi="Tyhjä alue", name_sv="Tomt område", code="tyhja-alue"
        ),
        manager=users.get(username="manager"),
        member=users.get(username="member"),
        admin=users.get(username="admin"),
    )


def log_in(context, site: Site, user) -> None:  # noqa: ANN001
    """Give the browser a session of ``user`` without going through the form."""
    client = Client()
    client.force_login(user)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": site.base,
            }
        ]
    )
