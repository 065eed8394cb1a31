"""`make bench`: throughput and latency of the public pages under gunicorn.

Sets up a throwaway PostgreSQL database (``hankeportaali_bench``) with the demo
data, starts gunicorn with two sync workers in production mode (DEBUG off,
WhiteNoise, Redis cache), and measures each URL with wrk. The trivial liveness
view is the baseline: it is measured before and after the pages and the mean
of the two is used. A page meets the goal when its throughput is at least half
of the baseline's and its 95th percentile latency is at most 50 ms.

Environment: BENCH_SECONDS (default 10) is the duration of each wrk run.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LUA_SCRIPT = Path(__file__).resolve().parent / "report.lua"
GUNICORN_LOG = ROOT / "var" / "bench-gunicorn.log"

DB_NAME = "hankeportaali_bench"
ADMIN_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
REDIS_URL = "redis://127.0.0.1:6379/14"
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
THREADS = 2
CONNECTIONS = 16
WORKERS = 2

BASELINE = "/healthz/live"
PROJECT_LIST = "/fi/hankkeet/"
DETAIL_SLUG = "yhteispalvelu"

MIN_RATIO = 0.5
MAX_P95_MS = 50.0

ENV = {
    **os.environ,
    "DJANGO_SETTINGS_MODULE": "portal.settings",
    "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DB_NAME}",
    "DEBUG": "0",
    "SECRET_KEY": "bench-only-not-a-secret-never-use-elsewhere",
    "ALLOWED_HOSTS": "127.0.0.1",
    "REDIS_URL": REDIS_URL,
    "SECURE": "0",
    "STATIC_ROOT": str(ROOT / "var" / "bench-static"),
    "MEDIA_ROOT": str(ROOT / "var" / "bench-media"),
    "LOG_LEVEL": "WARNING",
}
# Mail must never leave the machine from a benchmark.
ENV.pop("EMAIL_URL", None)


class BenchError(Exception):
    pass


@dataclass
class Result:
    url: str
    requests_per_s: float
    p50_ms: float
    p95_ms: float
    requests: int
    non_200: int
    socket_errors: int


def step(message: str) -> None:
    print(f"==> {message}", flush=True)


def manage(*args: str, capture: bool = False) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=ENV,
        text=True,
        stdout=subprocess.PIPE if capture else None,
        check=False,
    )
    if result.returncode != 0:
        raise BenchError(f"manage.py {' '.join(args)} failed ({result.returncode})")
    return result.stdout or ""


def recreate_database() -> None:
    import psycopg

    with psycopg.connect(ADMIN_DATABASE_URL, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{DB_NAME}"')


def flush_cache() -> None:
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()


def detail_slug() -> str:
    """The demo project ``yhteispalvelu``, or else the first published one."""
    code = (
        "from projects.models import Project\n"
        "published = Project.objects.filter(is_published=True)\n"
        f"project = published.filter(slug={DETAIL_SLUG!r}).first()"
        " or published.order_by('pk').first()\n"
        "print(project.slug if project else '')\n"
    )
    slug = manage("shell", "-c", code, capture=True).strip().splitlines()
    if not slug or not slug[-1]:
        raise BenchError("the demo data has no published project")
    return slug[-1]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(port: int, log) -> subprocess.Popen:  # noqa: ANN001
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "portal.wsgi",
            "-w",
            str(WORKERS),
            "-b",
            f"127.0.0.1:{port}",
            # Several gunicorns may run on this machine (tests, make run).
            "--no-control-socket",
        ],
        cwd=ROOT,
        env=ENV,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def stop_gunicorn(server: subprocess.Popen) -> None:
    if server.poll() is not None:
        return
    server.send_signal(signal.SIGTERM)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()


def fetch_status(url: str) -> int:
    """The status of one GET, without following redirects."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):  # noqa: ANN002, ANN003
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def wait_until_live(base: str, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise BenchError(f"gunicorn exited ({server.returncode})")
        try:
            if fetch_status(base + BASELINE) == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise BenchError("gunicorn did not answer /healthz/live within 60 s")


BENCH_LINE = re.compile(r"^BENCH (.*)$", re.MULTILINE)
REQUESTS_PER_S = re.compile(r"^Requests/sec:\s+([\d.]+)", re.MULTILINE)


def signed_in_cookie() -> str:
    """A session of the demo project manager, whose pages bypass the cache."""
    code = (
        "from importlib import import_module\n"
        "from django.conf import settings\n"
        "from django.contrib import auth\n"
        "user = auth.get_user_model().objects.get(username='manager')\n"
        "store = import_module(settings.SESSION_ENGINE).SessionStore()\n"
        "store[auth.SESSION_KEY] = str(user.pk)\n"
        "store[auth.BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]\n"
        "store[auth.HASH_SESSION_KEY] = user.get_session_auth_hash()\n"
        "store.create()\n"
        "print(store.session_key)\n"
    )
    key = manage("shell", "-c", code, capture=True).strip().splitlines()[-1]
    return f"sessionid={key}"


def measure(
    base: str, path: str, seconds: int = SECONDS, *, cookie: str = ""
) -> Result:
    command = [
        "wrk",
        *(["-H", f"Cookie: {cookie}"] if cookie else []),
        f"-t{THREADS}",
        f"-c{CONNECTIONS}",
        f"-d{seconds}s",
        "--latency",
        "-s",
        str(LUA_SCRIPT),
        base + path,
    ]
    result = subprocess.run(
        command, capture_output=True, text=True, timeout=seconds + 60, check=False
    )
    line = BENCH_LINE.search(result.stdout)
    rate = REQUESTS_PER_S.search(result.stdout)
    if result.returncode != 0 or not line or not rate:
        raise BenchError(
            f"wrk failed for {path}:\n{result.stdout}\n{result.stderr}".rstrip()
        )
    fields = {
        key: int(value)
        for key, value in (item.split("=") for item in line.group(1).split())
    }
    return Result(
        url=f"{path} (signed in)" if cookie else path,
        requests_per_s=float(rate.group(1)),
        p50_ms=fields["p50_us"] / 1000,
        p95_ms=fields["p95_us"] / 1000,
        requests=fields["requests"],
        non_200=fields["non200"],
        socket_errors=sum(
            fields[key] for key in ("connect", "read", "write", "timeout")
        ),
    )


def report(baseline: list[Result], pages: list[Result], uncached: list[Result]) -> bool:
    base_rate = sum(r.requests_per_s for r in baseline) / len(baseline)
    base_p50 = sum(r.p50_ms for r in baseline) / len(baseline)
    base_p95 = sum(r.p95_ms for r in baseline) / len(baseline)
    print()
    print(
        f"gunicorn -w {WORKERS} sync, wrk -t{THREADS} -c{CONNECTIONS} -d{SECONDS}s;"
        f" goal: ratio >= {MIN_RATIO} and p95 <= {MAX_P95_MS:g} ms"
    )
    header = (
        f"{'URL':<34} {'req/s':>9} {'p50 ms':>8} {'p95 ms':>8} {'ratio':>6}"
        f" {'non-200':>8} {'errors':>7}  goal"
    )
    print(header)
    print("-" * len(header))
    for r in baseline:
        label = f"{r.url} (baseline)"
        print(
            f"{label:<34} {r.requests_per_s:>9.1f} {r.p50_ms:>8.2f} {r.p95_ms:>8.2f}"
            f" {'':>6} {r.non_200:>8} {r.socket_errors:>7}"
        )
    label = f"{BASELINE} (baseline mean)"
    print(f"{label:<34} {base_rate:>9.1f} {base_p50:>8.2f} {base_p95:>8.2f} {1:>6.2f}")
    all_ok = all(r.non_200 == 0 and r.socket_errors == 0 for r in baseline)
    for r in pages:
        ratio = r.requests_per_s / base_rate if base_rate else 0.0
        answered = r.non_200 == 0 and r.socket_errors == 0
        met = answered and ratio >= MIN_RATIO and r.p95_ms <= MAX_P95_MS
        all_ok = all_ok and met
        verdict = "met" if met else "NOT met"
        if not answered:
            verdict += " (non-200 responses or errors)"
        print(
            f"{r.url:<34} {r.requests_per_s:>9.1f} {r.p50_ms:>8.2f} {r.p95_ms:>8.2f}"
            f" {ratio:>6.2f} {r.non_200:>8} {r.socket_errors:>7}  {verdict}"
        )
    print()
    print("Signed-in users bypass the page cache: every request renders the page.")
    for r in uncached:
        ratio = r.requests_per_s / base_rate if base_rate else 0.0
        print(
            f"{r.url:<34} {r.requests_per_s:>9.1f} {r.p50_ms:>8.2f} {r.p95_ms:>8.2f}"
            f" {ratio:>6.2f} {r.non_200:>8} {r.socket_errors:>7}  (no goal)"
        )
    print()
    print("All goals met." if all_ok else "Some goals were NOT met.")
    return all_ok


def main() -> int:
    GUNICORN_LOG.unlink(missing_ok=True)
    step(f"Database {DB_NAME} (dropped and created), Redis cache flushed")
    recreate_database()
    flush_cache()
    step("compilemessages, migrate, load_demo, collectstatic")
    manage("compilemessages", "--ignore=.venv", "-v0")
    manage("migrate", "--noinput", "-v0")
    manage("load_demo")
    manage("collectstatic", "--noinput", "-v0")
    pages = [PROJECT_LIST, f"/fi/hankkeet/{detail_slug()}/"]
    cookie = signed_in_cookie()

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    GUNICORN_LOG.parent.mkdir(parents=True, exist_ok=True)
    step(f"gunicorn on {base} (log: {GUNICORN_LOG.relative_to(ROOT)})")
    with GUNICORN_LOG.open("w") as log:
        server = start_gunicorn(port, log)
        try:
            wait_until_live(base, server)
            for path in [BASELINE, *pages]:
                status = fetch_status(base + path)
                if status != 200:
                    raise BenchError(f"GET {path} answered {status}, not 200")
            # Unmeasured warm-up: imports, template loading, connections.
            step("warm-up, 2 s per URL")
            for path in [BASELINE, *pages]:
                measure(base, path, seconds=2)
            step(f"wrk, {SECONDS} s per URL")
            baseline = [measure(base, BASELINE)]
            results = [measure(base, path) for path in pages]
            baseline.append(measure(base, BASELINE))
            uncached = [measure(base, path, cookie=cookie) for path in pages]
        finally:
            stop_gunicorn(server)
    report(baseline, results, uncached)
    # The apps' own benchmarks: standalone scripts bench/<app>.py, each setting
    # up what it measures (they may import this module's helpers as ``run``).
    for app in ("newsletters", "pilots", "feedback", "reports"):
        script = Path(__file__).resolve().parent / f"{app}.py"
        if script.exists():
            step(f"bench/{app}.py")
            subprocess.run([sys.executable, str(script)], cwd=ROOT, check=False)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BenchError as error:
        print(f"bench: {error}", file=sys.stderr)
        if GUNICORN_LOG.exists():
            tail = GUNICORN_LOG.read_text(errors="replace").splitlines()[-30:]
            print("\n".join(tail), file=sys.stderr)
        sys.exit(1)
