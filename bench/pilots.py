"""`make bench`, pilots: a pilot with 1,000 entries and 5,000 measurements.

Measures the public pilot page (anonymous, from the page cache, and signed
in, rendered every time) and the workspace progress log (signed in,
paginated) beside the trivial liveness view. Goal: p95 <= 100 ms.
Own database (hankeportaali_bench_pilots) and Redis db 5.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import run  # noqa: E402

run.DB_NAME = "hankeportaali_bench_pilots"
run.REDIS_URL = "redis://127.0.0.1:6379/5"
run.ENV["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{run.DB_NAME}"
run.ENV["REDIS_URL"] = run.REDIS_URL
run.ENV["MEDIA_ROOT"] = str(run.ROOT / "var" / "bench-pilots-media")

MAX_P95_MS = 100.0

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
    print("All pilot goals met." if ok else "Some pilot goals were NOT met.")
    return 0 if ok else 1


if __name__ == "__main__":
    try:
        sys.exit(main())
    except run.BenchError as error:
        print(f"bench/pilots.py: {error}", file=sys.stderr)
        sys.exit(2)
