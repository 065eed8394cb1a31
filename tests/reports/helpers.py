"""A Celery worker for the ``pdf`` queue in a process of its own, as in
production (docker-compose.yml: pdf-worker)."""

import os
import signal
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]


def worker_env(**env: str) -> dict:
    db = settings.DATABASES["default"]
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings_test",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "REDIS_URL": settings.REDIS_URL,
        "REPORTS_PDF_DIR": str(settings.REPORTS_PDF_DIR),
        **env,
    }


def start_pdf_worker(*, pool: str = "solo", **env: str) -> subprocess.Popen:
    """``pool="prefork"`` runs the task in one child process, as production's
    pdf worker does (``--concurrency=1``)."""
    return subprocess.Popen(
        [
            str(Path(sys.executable).parent / "celery"),
            "-A",
            "portal",
            "worker",
            "--queues=pdf",
            f"--pool={pool}",
            "--concurrency=1",
            "--loglevel=WARNING",
            "--without-mingle",
            "--without-gossip",
            "--without-heartbeat",
        ],
        cwd=ROOT,
        env=worker_env(**env),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def stop(worker: subprocess.Popen) -> None:
    if worker.poll() is None:
        worker.send_signal(signal.SIGTERM)
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()


def pool_children(worker: subprocess.Popen) -> list[int]:
    """The pool processes of a prefork worker."""
    out = subprocess.run(
        ["pgrep", "-P", str(worker.pid)], capture_output=True, text=True, check=False
    ).stdout
    return [int(pid) for pid in out.split()]
