"""Feedback benchmark: a survey of 8 questions with 1,000,000 responses.

Seeds PostgreSQL with ``generate_series`` (about 7.5 million answers), builds
the daily tallies with one GROUP BY each, then measures:

1. the live GROUP BY over the answers that the results page would need
   without the tallies, against the same figures read from the tallies
   (the comparison that chose the tally tables);
2. the results page under gunicorn (signed in as the manager, so uncached):
   p50/p95 latency with wrk (2 connections, 2 workers), unfiltered and with
   a date filter;
3. an XLSX export job of all responses in a separate process: wall time and
   peak RSS.

Goals: results page p95 <= 1 s, export peak RSS <= 500 MB.
Environment: BENCH_RESPONSES (default 1000000), BENCH_SECONDS (default 10),
BENCH_FEEDBACK_REUSE=1 to measure again without seeding anew.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run  # noqa: E402

DB_NAME = "hankeportaali_bench_feedback"
RESPONSES = int(os.environ.get("BENCH_RESPONSES", "1000000"))
ENV = {
    **run.ENV,
    "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DB_NAME}",
    "REDIS_URL": "redis://127.0.0.1:6379/6",
    "FEEDBACK_EXPORT_DIR": str(run.ROOT / "var" / "bench-feedback-exports"),
}
GOAL_MS = 1000.0
GOAL_RSS_MB = 500.0

SEED = f"""
from django.db import connection, transaction
from feedback import services
from feedback.models import Question, Survey
from projects.models import Project

project = Project.objects.get(slug="yhteispalvelu")
with transaction.atomic():
    survey = services.survey_create_from_thl(project=project)
    services.question_save(
        survey=survey,
        question=Question(kind="single", text_fi="Miten asioit?", text_sv="Hur?"),
        choices=[("Puhelin", "Telefon"), ("Video", "Video"), ("Chat", "Chatt")],
    )
    services.survey_set_status(survey=survey, status="open")
questions = list(survey.questions.prefetch_related("choices"))
with connection.cursor() as c:
    c.execute("SELECT setseed(0.42)")
    c.execute(
        "INSERT INTO feedback_response (id, survey_id, submitted_on, pilot_key) "
        "SELECT gen_random_uuid(), %s, current_date - 7 - (g %% 365), 0 "
        "FROM generate_series(1, %s) g",
        [survey.pk, {RESPONSES}],
    )
    for q in questions:
        if q.kind == "nps":
            value, where = "(floor(random() * 11))::int", "true"
        elif q.kind == "likert":
            value, where = "(1 + floor(random() * 5))::int", "random() < 0.95"
        else:
            value, where = "NULL", "true"
        if q.kind == "single":
            ids = [ch.pk for ch in q.choices.all()]
            choice = f"(ARRAY{{ids}})[1 + floor(random() * {{len(ids)}})::int]"
        else:
            choice = "NULL"
        text = "''"
        if q.kind == "text":
            text = "'=vapaa palaute ' || (random() * 1000)::int"
            where = "random() < 0.1"
        c.execute(
            "INSERT INTO feedback_answer "
            "(response_id, question_id, value, choice_id, text, hidden) "
            f"SELECT id, %s, {{value}}, {{choice}}, {{text}}, false "
            f"FROM feedback_response WHERE survey_id = %s AND {{where}}",
            [q.pk, survey.pk],
        )
    c.execute(
        "INSERT INTO feedback_responseday (survey_id, day, pilot_key, count) "
        "SELECT survey_id, submitted_on, pilot_key, count(*) FROM feedback_response "
        "WHERE survey_id = %s GROUP BY 1, 2, 3",
        [survey.pk],
    )
    c.execute(
        "INSERT INTO feedback_answerday (question_id, bucket, day, pilot_key, count) "
        "SELECT a.question_id, "
        "CASE WHEN q.kind IN ('nps', 'likert') THEN a.value "
        "WHEN q.kind = 'text' THEN 0 ELSE a.choice_id END, "
        "r.submitted_on, r.pilot_key, count(*) "
        "FROM feedback_answer a JOIN feedback_response r ON r.id = a.response_id "
        "JOIN feedback_question q ON q.id = a.question_id "
        "WHERE r.survey_id = %s GROUP BY 1, 2, 3, 4 "
        "UNION ALL "
        "SELECT a.question_id, -1, r.submitted_on, r.pilot_key, "
        "count(DISTINCT a.response_id) "
        "FROM feedback_answer a JOIN feedback_response r ON r.id = a.response_id "
        "WHERE r.survey_id = %s GROUP BY 1, 3, 4",
        [survey.pk, survey.pk],
    )
    c.execute("ANALYZE")
print(survey.pk)
"""  # noqa: S608 - SQL built from the benchmark's own constants

COMPARE = """
import statistics, time
from django.db import connection
from feedback import selectors
from feedback.models import Survey

survey = Survey.objects.get(pk=%(pk)s)
LIVE = (
    "SELECT a.question_id, coalesce(a.value, a.choice_id, 0), count(*) "
    "FROM feedback_answer a JOIN feedback_response r ON r.id = a.response_id "
    "WHERE r.survey_id = %%s GROUP BY 1, 2"
)

def timed(fn, n):
    out = []
    for _ in range(n):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    out.sort()
    return statistics.median(out), out[max(0, int(len(out) * 0.95) - 1)]

def live():
    with connection.cursor() as c:
        c.execute(LIVE, [survey.pk])
        c.fetchall()

def tallies():
    selectors.survey_results(
        survey=survey, filters=selectors.Filters(), with_text=False, charts=True
    )

print("live_group_by %%.0f %%.0f" %% timed(live, 3))
print("tallies %%.0f %%.0f" %% timed(tallies, 20))
"""

EXPORT = """
import resource, time
from feedback import services
from feedback.models import ExportJob, Survey
from django.contrib.auth import get_user_model

survey = Survey.objects.get(pk=%(pk)s)
job = ExportJob.objects.create(
    survey=survey,
    requested_by=get_user_model().objects.get(username="manager"),
    format="xlsx",
    filters={"language": "fi"},
    include_text=True,
)
start = time.perf_counter()
services.export_run(job_id=job.pk)
job.refresh_from_db()
print(
    "export", job.status, job.done, "%%.1f" %% (time.perf_counter() - start),
    resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
)
"""


LAST = (
    "from feedback.models import Survey\n"
    "print(Survey.objects.filter(status='open').order_by('-pk')[0].pk)\n"
)


def manage(*args: str, capture: bool = False) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=run.ROOT,
        env=ENV,
        text=True,
        stdout=subprocess.PIPE if capture else None,
        check=False,
    )
    if result.returncode != 0:
        raise run.BenchError(f"manage.py {args[0]} failed ({result.returncode})")
    return result.stdout or ""


def recreate_database() -> None:
    import psycopg

    with psycopg.connect(run.ADMIN_DATABASE_URL, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{DB_NAME}"')


def main() -> int:
    if os.environ.get("BENCH_FEEDBACK_REUSE"):
        # Measure again on the database seeded by the previous run.
        pk = manage("shell", "-c", LAST, capture=True).strip().splitlines()[-1]
        run.step(f"feedback: reusing {DB_NAME} (survey {pk})")
    else:
        run.step(f"feedback: database {DB_NAME}, demo data")
        recreate_database()
        manage("migrate", "-v0")
        manage("load_demo", "-v0")
        run.step(f"feedback: seeding {RESPONSES:,} responses with generate_series")
        start = time.perf_counter()
        pk = manage("shell", "-c", SEED, capture=True).strip().splitlines()[-1]
        print(f"    seeded in {time.perf_counter() - start:.0f} s (survey {pk})")

    run.step("feedback: live GROUP BY against the daily tallies (ms, p50 p95)")
    compare = manage("shell", "-c", COMPARE % {"pk": pk}, capture=True)
    figures = {}
    for line in compare.strip().splitlines():
        if not line.startswith(("live_group_by", "tallies")):
            continue
        name, p50, p95 = line.split()
        figures[name] = (float(p50), float(p95))
        print(f"    {name:15} p50 {float(p50):8.0f} ms   p95 {float(p95):8.0f} ms")

    run.step("feedback: results page under gunicorn (signed in, uncached)")
    run.ENV = ENV  # run's helpers start gunicorn and sessions with this env
    # Two connections for two workers: the latency of a request, not of a queue.
    run.THREADS, run.CONNECTIONS = 1, 2
    port = run.free_port()
    base = f"http://127.0.0.1:{port}"
    cookie = run.signed_in_cookie()
    results = []
    with run.GUNICORN_LOG.open("w") as log:
        server = run.start_gunicorn(port, log)
        try:
            run.wait_until_live(base, server)
            for path in (
                f"/fi/tyotila/kyselyt/{pk}/tulokset/",
                f"/fi/tyotila/kyselyt/{pk}/tulokset/?date_from=2000-01-01",
            ):
                results.append(run.measure(base, path, cookie=cookie))
        finally:
            run.stop_gunicorn(server)
    page_ok = True
    for r in results:
        ok = r.p95_ms <= GOAL_MS and r.non_200 == 0 and r.requests > 0
        page_ok &= ok
        print(
            f"    {r.url:58} {r.requests_per_s:6.1f} req/s  p50 {r.p50_ms:6.0f} ms"
            f"  p95 {r.p95_ms:6.0f} ms  non-200 {r.non_200}  "
            f"{'OK' if ok else 'MISSED'} (goal p95 <= {GOAL_MS:.0f} ms)"
        )

    run.step("feedback: XLSX export job of every response (separate process)")
    output = manage("shell", "-c", EXPORT % {"pk": pk}, capture=True)
    line = [x for x in output.splitlines() if x.startswith("export ")][-1]
    _word, status, rows, seconds, peak = line.split()
    peak_mb = float(peak)
    rss_ok = peak_mb <= GOAL_RSS_MB and status == "done"
    print(
        f"    status {status}, {int(rows):,} rows in {seconds} s, peak RSS "
        f"{peak_mb:.0f} MB  {'OK' if rss_ok else 'MISSED'} "
        f"(goal <= {GOAL_RSS_MB:.0f} MB)"
    )
    return 0 if page_ok and rss_ok else 1


if __name__ == "__main__":
    try:
        sys.exit(main())
    except run.BenchError as error:
        print(f"bench/feedback: {error}", file=sys.stderr)
        sys.exit(1)
