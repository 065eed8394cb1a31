"""Helpers of the newsletter tests: members, issues, message parts, and a
Celery worker in its own process."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from newsletters.models import InterestArea, NewsletterIssue, Subscriber


def member(
    email_address: str,
    language: str = "fi",
    interests: list[InterestArea] = (),
    *,
    confirmed: bool = True,
    left: bool = False,
) -> Subscriber:
    now = timezone.now()
    subscriber = Subscriber.objects.create(
        email=email_address,
        language=language,
        consent_version="2021-1",
        consent_at=now,
        confirmed_at=now if confirmed else None,
        left_at=now if left else None,
    )
    subscriber.interests.set(interests)
    return subscriber


def issue_for(project, number: int = 8, interests=(), **fields) -> NewsletterIssue:  # noqa: ANN001, ANN003
    values = {
        "title_fi": "Syksyn kuulumiset",
        "title_sv": "Höstens nyheter",
        "lead_fi": "Hankkeessa tapahtui paljon.",
        "lead_sv": "Mycket hände i projektet.",
        "body_fi": "Ensimmäinen kappale.\n\n- kohta yksi\n- kohta kaksi",
        "body_sv": "Första stycket.\n\n- punkt ett\n- punkt två",
        **fields,
    }
    issue = NewsletterIssue.objects.create(
        project=project, number=number, year=2021, **values
    )
    issue.interests.set(interests)
    return issue


def text_part(msg) -> str:  # noqa: ANN001
    return msg.get_body(preferencelist=("plain",)).get_content()


def html_part(msg) -> str:  # noqa: ANN001
    return msg.get_body(preferencelist=("html",)).get_content()


ROOT = Path(__file__).resolve().parents[2]


def start_worker(port: int, **env: str) -> subprocess.Popen:
    db = settings.DATABASES["default"]
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings_test",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "REDIS_URL": settings.REDIS_URL,
        "EMAIL_URL": f"smtp://127.0.0.1:{port}",
        **env,
    }
    return subprocess.Popen(
        [
            str(Path(sys.executable).parent / "celery"),
            "-A",
            "portal",
            "worker",
            "--pool=solo",
            "--loglevel=WARNING",
            "--without-mingle",
            "--without-gossip",
            "--without-heartbeat",
        ],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def celery_call(task: str) -> None:
    """Send a task from a process of its own, as beat would."""
    db = settings.DATABASES["default"]
    subprocess.run(
        [str(Path(sys.executable).parent / "celery"), "-A", "portal", "call", task],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "portal.settings_test",
            "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
            "REDIS_URL": settings.REDIS_URL,
        },
        check=True,
        stdout=subprocess.DEVNULL,
    )
