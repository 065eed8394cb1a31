"""`make bench`, pilots: a pilot with 1,000 entries and 5,000 measurements.

Measures the public pilot page (anonymous, from the page cache, and signed
in) and the workspace progress log (signed in, paginated) beside the trivial
liveness view. Goal: p95 <= 100 ms. A signed-in page is rendered for every
request, but the parts that are the same for every viewer (the pilot's
content, the page of entries, the blank entry form) come from fragments
cached until the next content change; so the script also times single
requests made right after a content change, which render everything anew.
Own database (hankeportaali_bench_pilots) and Redis db 5; BENCH_PILOTS_DB and
BENCH_PILOTS_REDIS_URL choose others, so that two benchmarks can run at once.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import run  # noqa: E402

run.DB_NAME = os.environ.get("BENCH_PILOTS_DB", "hankeportaali_bench_pilots")
run.REDIS_URL = os.environ.get("BENCH_PILOTS_REDIS_URL", "redis://127.0.0.1:6379/5")
run.ENV["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{run.DB_NAME}"
run.ENV["REDIS_URL"] = run.REDIS_URL
run.ENV["MEDIA_ROOT"] = str(run.ROOT / "var" / "bench-pilots-media")

MAX_P95_MS = 100.0
COLD_TIMES = 10
# Django's key of portal.pagecache.VERSION_KEY in Redis (no prefix, version 1).
CONTENT_VERSION_KEY = ":1:pagecache:version"

FILL = """
from datetime import date, timedelta
from decimal import Decimal
from django.contrib.auth import get_user_model
from pilots.models import Pilot, ProgressEntry
from projects.models import Measurement
pilot = Pilot.objects.get(name_fi="Etävastaanotto")
author = get_user_model().objects.get(username="member")
start = date(2022, 6, 7)
ProgressEntry.objects.bulk_create(
    ProgressEntry(
        pilot=pilot, date=start + timedelta(days=i % 170), author=author,
        is_public=i % 2 == 0, language="fi",
        text=f"Mittausviikon {i} havainnot: vastaanottoja pidettiin suunnitellusti.",
    )
    for i in range(1000 - pilot.entries.count())
)
indicators = list(pilot.indicators.all())
Measurement.objects.bulk_create(
    Measurement(
        indicator=indicators[i % len(indicators)],
        date=start + timedelta(days=i // len(indicators)),
        value=Decimal(5 + i % 20),
    )
    for i in range(5000)
)
print(pilot.pk, pilot.entries.count(),
      Measurement.objects.filter(indicator__in=indicators).count())
"""


def cold_renders(base: str, path: str, cookie: str) -> list[float]:
    """Milliseconds of single GETs, each right after a content change."""
    import time
    import urllib.request

    import redis

    store = redis.Redis.from_url(run.REDIS_URL)
    samples = []
    for _ in range(COLD_TIMES):
        store.incr(CONTENT_VERSION_KEY)
        request = urllib.request.Request(base + path, headers={"Cookie": cookie})
        start = time.perf_counter()
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            response.read()
            if response.status != 200:
                raise run.BenchError(f"GET {path} answered {response.status}")
        samples.append((time.perf_counter() - start) * 1000)
    return sorted(samples)


def main() -> int:
    run.step(f"pilots: database {run.DB_NAME} (dropped and created)")
    run.recreate_database()
    run.flush_cache()
    run.manage("compilemessages", "--ignore=.venv", "-v0")
    run.manage("migrate", "--noinput", "-v0")
    run.manage("load_demo", "-v0")
    run.manage("collectstatic", "--noinput", "-v0")
    pk, entries, measurements = (
        run.manage("shell", "-c", FILL, capture=True).strip().splitlines()[-1].split()
    )
    run.step(f"pilot {pk}: {entries} entries, {measurements} measurements")
    cookie = run.signed_in_cookie()
    detail = f"/fi/pilotit/{pk}/"
    log = f"/fi/tyotila/pilotit/{pk}/"
    port = run.free_port()
    base = f"http://127.0.0.1:{port}"
    with run.GUNICORN_LOG.open("w") as out:
        server = run.start_gunicorn(port, out)
        try:
            run.wait_until_live(base, server)
            for path in (run.BASELINE, detail, "/fi/pilotit/"):
                if run.fetch_status(base + path) != 200:
                    raise run.BenchError(f"GET {path} did not answer 200")
            run.step("warm-up, 2 s per URL")
            for path, c in ((detail, ""), (detail, cookie), (log, cookie)):
                run.measure(base, path, 2, cookie=c)
            run.step("measuring")
            baseline = [run.measure(base, run.BASELINE)]
            pages = [
                run.measure(base, "/fi/pilotit/"),
                run.measure(base, detail),
                run.measure(base, detail, cookie=cookie),
                run.measure(base, log, cookie=cookie),
            ]
            baseline.append(run.measure(base, run.BASELINE))
            run.step(f"{COLD_TIMES} single requests per URL after a content change")
            cold = [
                (f"{path} (signed in)", cold_renders(base, path, cookie))
                for path in (detail, log)
            ]
        finally:
            run.stop_gunicorn(server)
    base_rate = sum(r.requests_per_s for r in baseline) / len(baseline)
    print()
    print(f"pilots: goal p95 <= {MAX_P95_MS:g} ms")
    header = f"{'URL':<42} {'req/s':>9} {'p50 ms':>8} {'p95 ms':>8} {'ratio':>6}  goal"
    print(header)
    print("-" * len(header))
    ok = True
    for r in baseline:
        print(
            f"{r.url + ' (baseline)':<42} {r.requests_per_s:>9.1f} "
            f"{r.p50_ms:>8.2f} {r.p95_ms:>8.2f}"
        )
    for r in pages:
        met = r.non_200 == 0 and r.socket_errors == 0 and r.p95_ms <= MAX_P95_MS
        ok = ok and met
        print(
            f"{r.url:<42} {r.requests_per_s:>9.1f} {r.p50_ms:>8.2f} {r.p95_ms:>8.2f}"
            f" {r.requests_per_s / base_rate:>6.2f}  {'met' if met else 'NOT met'}"
        )
    print()
    print("The first request after a content change renders the cached parts anew:")
    for url, samples in cold:
        print(
            f"{url:<42} median {samples[len(samples) // 2]:>7.2f} ms,"
            f" slowest {samples[-1]:>7.2f} ms (one request at a time, no goal)"
        )
    print("All pilot goals met." if ok else "Some pilot goals were NOT met.")
    return 0 if ok else 1


if __name__ == "__main__":
    try:
        sys.exit(main())
    except run.BenchError as error:
        print(f"bench/pilots.py: {error}", file=sys.stderr)
        sys.exit(2)
