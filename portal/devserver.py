"""``make run``: the web process and a real Celery worker side by side.

The worker uses kombu's filesystem transport under ``var/celery/`` unless
``REDIS_URL`` is set, so the demo needs no broker server. Ctrl-C stops both.
"""

import os
import signal
import subprocess
import sys
import time
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

    # A plain SIGTERM (e.g. from a process manager) stops both children too.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    port = os.environ.get("PORT", "8000")
    # Links in demo mail point at this server, whatever its port.
    os.environ.setdefault("SITE_URL", f"http://127.0.0.1:{port}")
    for folder in ("mail", "celery/queue", "celery/processed", "celery/control"):
        (BASE_DIR / "var" / folder).mkdir(parents=True, exist_ok=True)
    python = sys.executable
    schedule = str(BASE_DIR / "var" / "celerybeat-schedule")
    worker = subprocess.Popen(
        [
            python,
            "-m",
            "celery",
            "-A",
            "portal",
            "--quiet",
            "worker",
            "--beat",
            "--pool=solo",
            # One worker takes the report PDFs too (production has its own).
            "--queues=celery,pdf",
            "--loglevel=WARNING",
            "--schedule",
            schedule,
        ],
        cwd=BASE_DIR,
    )
    web = subprocess.Popen(
        [python, "manage.py", "runserver", f"127.0.0.1:{port}"], cwd=BASE_DIR
    )
    try:
        # Printed after runserver's own banner, so it is the last thing seen.
        time.sleep(3)
        print(f"\nHankeportaali: http://127.0.0.1:{port}/  (fi: /fi/, sv: /sv/)")
        print(DEMO_LOGINS.format(password=DEMO_PASSWORD))
        print(
            "Email is written to var/mail/ and listed at /fi/demo-postilaatikko/ "
            "(log in as admin). Ctrl-C stops the portal.\n",
            flush=True,
        )
        return web.wait()
    except (KeyboardInterrupt, SystemExit):
        return 0
    finally:
        for process in (web, worker):
            process.send_signal(signal.SIGTERM)
        for process in (web, worker):
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()


if __name__ == "__main__":
    sys.exit(main())
