"""``make run``: the web process and a real Celery worker side by side.

The worker uses kombu's filesystem transport under ``var/celery/`` unless
``REDIS_URL`` is set, so the demo needs no broker server. Ctrl-C stops both.
"""

import os
import signal
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

DEMO_LOGINS = """\
Demo logins (password for all: {password})
  admin        site admin (Django admin, demo outbox)
  manager      project manager of the joint project (YHTEISPALVELU)
  steering     steering-group member of the joint project
  member       working-group member (health services sub-groups)
"""


def main() -> int:
    from portal.demo_users import DEMO_PASSWORD

    port = os.environ.get("PORT", "8000")
    python = sys.executable
    worker = subprocess.Popen(
        [
            python,
            "-m",
            "celery",
            "-A",
            "portal",
            "worker",
            "--beat",
            "--pool=solo",
            "--loglevel=WARNING",
            "--schedule",
            str(BASE_DIR / "var" / "celerybeat-schedule"),
        ],
        cwd=BASE_DIR,
    )
    print(f"\nHankeportaali: http://127.0.0.1:{port}/  (fi: /fi/, sv: /sv/)")
    print(DEMO_LOGINS.format(password=DEMO_PASSWORD))
    print(
        "Email is written to var/mail/ and listed at /fi/demo-postilaatikko/ "
        "(log in as admin).\n",
        flush=True,
    )
    try:
        return subprocess.call(
            [python, "manage.py", "runserver", f"127.0.0.1:{port}"], cwd=BASE_DIR
        )
    except KeyboardInterrupt:
        return 0
    finally:
        worker.send_signal(signal.SIGTERM)
        try:
            worker.wait(timeout=15)
        except subprocess.TimeoutExpired:
            worker.kill()


if __name__ == "__main__":
    sys.exit(main())
