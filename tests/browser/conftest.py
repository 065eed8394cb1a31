"""Fixtures of the browser tests: Debian's Chromium, a live server, the data.

The live server runs in a thread of this process while Playwright's sync API
keeps an event loop in the main thread, so Django's async guard is lifted.
"""

import os
from dataclasses import dataclass

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

import pytest  # noqa: E402
from django.conf import settings as django_settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.core.mail import EmailMessage  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import translation  # noqa: E402

from portal.demo_users import DEMO_PASSWORD  # noqa: E402
from portal.lib import ratelimit  # noqa: E402
from portal.lib.mail import EmlFileBackend  # noqa: E402
from projects.models import Group, Project, Region  # noqa: E402

LANGUAGES = ["fi", "sv"]


HERE = os.path.dirname(__file__)
ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"


def _is_browser(item: pytest.Item) -> bool:
    return str(item.path).startswith(HERE)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(
    config: pytest.Config, items: list[pytest.Item]
) -> None:
    """Mark the browser tests, and run them after every other test.

    Once Playwright has started, its event loop stays in the main thread until
    the session ends, so any later test touching the ORM needs the variable
    set above; running the browser tests last keeps the others unaffected.
    """
    browser = [item for item in items if _is_browser(item)]
    for item in browser:
        item.add_marker(pytest.mark.browser)
        if config.pluginmanager.has_plugin("warnings"):
            # pytest-base-url's session fixture, pulled in by pytest-playwright.
            item.add_marker(
                pytest.mark.filterwarnings(
                    "ignore:Session-scoped fixtures defined as instance methods"
                )
            )
    items[:] = [item for item in items if not _is_browser(item)] + browser


def pytest_collection_finish(session: pytest.Session) -> None:
    # Other tests start subprocesses (manage.py check --deploy, which flags
    # the variable): they must not inherit it. It is set again below.
    if any(not _is_browser(item) for item in session.items):
        os.environ.pop(ASYNC_UNSAFE, None)


def pytest_runtest_setup(item: pytest.Item) -> None:  # noqa: ARG001
    """Called for the tests of this folder only."""
    os.environ[ASYNC_UNSAFE] = "true"


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
    password: str
    mail_name: str

    def url(
        self, language: str, viewname: str, /, *args: object, **kwargs: object
    ) -> str:
        with translation.override(language):
            return self.base + reverse(
                viewname, args=args or None, kwargs=kwargs or None
            )


def _write_mail(folder) -> str:  # noqa: ANN001
    """One message in the demo outbox, so its table and a message show."""
    EmlFileBackend().send_messages(
        [
            EmailMessage(
                subject="Vahvista tilauksesi",
                body="Vahvista tilaus: http://127.0.0.1:8000/fi/\n",
                to=["tilaaja@example.fi"],
            )
        ]
    )
    return next(folder.glob("*.eml")).name


@pytest.fixture
def site(live_server, settings, tmp_path) -> Site:
    """The demo data (``manage.py load_demo``) behind a live server.

    ``live_server`` makes the test transactional: the data is loaded for every
    test and flushed after it (load_demo takes about 0.2 s and the flush 0.3 s,
    far less than the browser work). The demo outbox reads a temporary folder.
    """
    call_command("load_demo", verbosity=0)
    settings.EMAIL_FILE_PATH = tmp_path / "mail"
    mail_name = _write_mail(settings.EMAIL_FILE_PATH)
    # The feedback form's rate limit lives in Redis and outlives the flush.
    for address in ("127.0.0.1", "::1"):
        cache.delete(ratelimit._key("a11y-feedback", address))
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
        password=DEMO_PASSWORD,
        mail_name=mail_name,
    )


def log_in(context, site: Site, user) -> None:  # noqa: ANN001
    """Give the browser a session of ``user`` without going through the form."""
    client = Client()
    client.force_login(user)
    context.add_cookies(
        [
            {
                "name": django_settings.SESSION_COOKIE_NAME,
                "value": client.cookies[django_settings.SESSION_COOKIE_NAME].value,
                "url": site.base,
            }
        ]
    )
