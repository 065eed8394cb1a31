"""Newsletter delivery benchmark: 10,000 confirmed members, one issue, one
Celery worker, a loopback SMTP server that accepts and discards.

Prints the total seconds, messages/s and the worker's peak RSS, and in the
same run the same 10,000 recipients sent by a bare smtplib loop over one
connection, with the ratio. Goal: ≤ 60 s and ≥ 0.5 of the bare rate.
Run: ``.venv/bin/python bench/newsletters.py`` (``make bench`` runs it).

The bare loop runs just before and just after the outbox, and the ratio
uses their mean: on a shared machine the load drifts within a minute. The
worker runs with ``DEBUG`` off, as in production (with it on, Django keeps
and logs every SQL statement); ``BENCH_DEBUG=1`` turns it on.
"""

import os
import smtplib
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DB_NAME = os.environ.get("BENCH_NEWSLETTERS_DB", "hankeportaali_bench_news")
REDIS_URL = os.environ.get("BENCH_NEWSLETTERS_REDIS_URL", "redis://127.0.0.1:6379/4")
COUNT = int(os.environ.get("BENCH_NEWSLETTER_COUNT", "10000"))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_port(port: int, timeout: float = 15) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise SystemExit(f"nothing listens on {port}")


def peak_rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def main() -> int:
    import psycopg

    with psycopg.connect(
        "postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True
    ) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{DB_NAME}"')
    smtp_port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings",
        "DEBUG": os.environ.get("BENCH_DEBUG", "0"),
        "SECRET_KEY": "bench-only-not-a-secret",  # noqa: S105
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DB_NAME}",
        "REDIS_URL": REDIS_URL,
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
        "LOG_LEVEL": "WARNING",
    }
    os.environ.update(env)
    python = sys.executable
    subprocess.run(
        [python, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True
    )
    # A sink in its own process: accepts every message and forgets it.
    sink = subprocess.Popen(
        [
            python,
            "-m",
            "aiosmtpd",
            "-n",
            "-l",
            f"127.0.0.1:{smtp_port}",
            "-c",
            "aiosmtpd.handlers.Sink",
        ],
        cwd=ROOT,
        env=env,
    )
    worker = None
    try:
        wait_port(smtp_port)
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        import redis
        from django.utils import timezone

        from newsletters import services
        from newsletters.emails import IssueMessages
        from newsletters.models import Delivery, NewsletterIssue, Subscriber
        from portal.celery import app
        from projects.models import Project

        redis.Redis.from_url(REDIS_URL).flushdb()
        now = timezone.now()
        project = Project.objects.create(
            slug="bench",
            name_fi="Mittaushanke",
            name_sv="Mätprojekt",
            is_published=True,
        )
        Subscriber.objects.bulk_create(
            [
                Subscriber(
                    email=f"jasen{i:05d}@example.fi",
                    language="sv" if i % 3 == 0 else "fi",
                    confirmed_at=now,
                    consent_version="2021-1",
                    secret=f"bench-secret-{i:05d}",
                )
                for i in range(COUNT)
            ],
            batch_size=2000,
        )
        issue = NewsletterIssue.objects.create(
            project=project,
            number=1,
            year=2021,
            title_fi="Mittauskirje",
            title_sv="Mätbrev",
            lead_fi="Lyhyt ingressi.",
            lead_sv="En kort ingress.",
            body_fi="Kappale yksi.\n\n- kohta\n- toinen kohta\n\nhttps://example.fi/",
            body_sv="Stycke ett.\n\n- punkt\n- en annan punkt\n\nhttps://example.fi/",
        )

        worker = subprocess.Popen(
            [
                str(Path(python).parent / "celery"),
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
            env=env,
        )
        deadline = time.monotonic() + 60
        while not app.control.ping(timeout=0.5):
            if time.monotonic() > deadline:
                raise SystemExit("the worker did not start")

        # The bare loop: the same recipients and messages over one connection.
        messages = IssueMessages(issue)
        subscribers = list(Subscriber.objects.order_by("pk"))
        payloads = {}
        for s in subscribers:
            if s.language not in payloads:
                payloads[s.language] = (
                    messages.build(s).message().as_bytes(linesep="\r\n")
                )

        def bare_loop() -> float:
            bare_start = time.monotonic()
            with smtplib.SMTP("127.0.0.1", smtp_port) as smtp:
                for s in subscribers:
                    smtp.sendmail("noreply@example.fi", [s.email], payloads[s.language])
            return time.monotonic() - bare_start

        bare_before = bare_loop()
        start = time.monotonic()
        services.issue_publish(issue=issue)
        sent = 0
        while sent < COUNT and time.monotonic() - start < 600:
            time.sleep(0.2)
            sent = Delivery.objects.filter(issue=issue, status="sent").count()
        total = time.monotonic() - start
        rss = peak_rss_mib(worker.pid)
        failed = Delivery.objects.filter(issue=issue).exclude(status="sent").count()
        bare_after = bare_loop()
    finally:
        if worker is not None:
            worker.terminate()
            worker.wait(timeout=20)
        sink.terminate()
        sink.wait(timeout=10)

    bare = (bare_before + bare_after) / 2
    rate, bare_rate = sent / total, COUNT / bare
    ratio = rate / bare_rate
    print()
    print(f"Newsletter delivery: {COUNT} members, one worker, discarding SMTP")
    print(
        f"  outbox + worker : {sent} sent in {total:.1f} s = {rate:.0f} msg/s,"
        f" peak worker RSS {rss:.0f} MiB, not sent {failed}"
    )
    print(
        f"  bare smtplib    : {COUNT} sent in {bare:.1f} s = {bare_rate:.0f} msg/s"
        f" (before {COUNT / bare_before:.0f}, after {COUNT / bare_after:.0f} msg/s)"
    )
    print(
        f"  ratio           : {ratio:.2f} (goal ≥ 0.5); total goal ≤ 60 s:"
        f" {'met' if total <= 60 else 'missed'}"
    )
    return 0 if sent == COUNT and total <= 60 and ratio >= 0.5 else 1


if __name__ == "__main__":
    sys.exit(main())
