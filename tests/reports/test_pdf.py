"""Report PDFs made by a real Celery worker on the ``pdf`` queue: tagged,
in the requested language, with the live figures; a killed worker loses
nothing; the fetcher reads only the site's own files; the web process never
loads WeasyPrint."""

import json
import os
import re
import signal
import subprocess
import sys
import zlib
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from projects.models import Event
from reports import document, services
from reports.models import Report, ReportRender
from tests.reports.helpers import (
    ROOT,
    pool_children,
    start_pdf_worker,
    stop,
    worker_env,
)
from tests.waiting import until

ARTIFACTS = ROOT / "test-artifacts" / "reports"


def _pdfinfo(path: Path) -> dict[str, str]:
    out = subprocess.run(
        ["pdfinfo", str(path)], capture_output=True, text=True, check=True
    ).stdout
    return {
        key.strip(): value.strip()
        for key, _, value in (line.partition(":") for line in out.splitlines())
    }


def _objects(path: Path) -> bytes:
    """The PDF with its compressed streams (object streams too) inflated."""
    raw = path.read_bytes()
    parts = [raw]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", raw, re.S):
        try:
            parts.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return b"\n".join(parts)


def _text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


@pytest.fixture
def demo(transactional_db):  # noqa: ARG001
    call_command("load_demo", verbosity=0)
    from portal.celery import app

    app.control.purge()
    return Report.objects.select_related("project").get(
        project__slug="yhteispalvelu", kind=Report.Kind.FINAL
    )


def test_a_worker_renders_the_demo_final_report_in_finnish_and_swedish(demo):
    steering = demo.project.groups.get(kind="steering", parent=None)
    user = steering.members.get(username="steering")
    renders = {
        lang: services.report_render_request(report=demo, language=lang, user=user)[0]
        for lang in ("fi", "sv")
    }
    worker = start_pdf_worker()
    try:
        until(
            lambda: (
                ReportRender.objects.filter(
                    pk__in=[r.pk for r in renders.values()],
                    status=ReportRender.Status.DONE,
                ).count()
                == 2
            ),
            180,
            "both PDFs",
        )
    finally:
        stop(worker)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    expected = {
        "fi": ("Loppuraportti", "1. Tausta", "Liite 3. Koulutukset", "Sivu 1 / "),
        "sv": ("Slutrapport", "1. Bakgrund", "Bilaga 3. Utbildningar", "Sida 1 / "),
    }
    for lang, render in renders.items():
        render.refresh_from_db()
        path = services.report_pdf_path(render)
        info = _pdfinfo(path)
        assert info["Tagged"] == "yes"
        assert info["Title"].startswith(expected[lang][0])
        assert int(info["Pages"]) == render.page_count > 3
        assert render.size == path.stat().st_size
        objects = _objects(path)
        assert f"/Lang ({lang})".encode() in objects  # the document language
        assert b"/Outlines" in objects  # bookmarks from the headings
        text = _text(path)
        for heading in expected[lang][1:]:
            assert heading in text, heading
        # Participant totals of the demo trainings (148 + 212 + 31) and events.
        assert "391" in text
        fonts = subprocess.run(
            ["pdffonts", str(path)], capture_output=True, text=True, check=True
        ).stdout.splitlines()[2:]
        assert fonts and all(" yes " in line for line in fonts)  # all embedded
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "60",
                "-f",
                "1",
                "-l",
                "2",
                str(path),
                str(ARTIFACTS / f"final-{lang}"),
            ],
            check=True,
        )
    # The Swedish PDF marks the section left in Finnish.
    assert "Den här texten finns inte ännu på svenska" in _text(
        services.report_pdf_path(renders["sv"])
    )


def test_a_worker_killed_mid_render_is_replaced_and_one_file_remains(demo, settings):
    # A report long enough that the worker is caught laying it out.
    Event.objects.bulk_create(
        Event(
            project=demo.project,
            kind=Event.Kind.TRAINING,
            title_fi=f"Koulutus {i}",
            date=date(2021, 1, 1),
            participant_count=i,
        )
        for i in range(4000)
    )
    render, _ = services.report_render_request(report=demo, language="fi", user=None)
    first = start_pdf_worker()
    try:
        until(
            lambda: ReportRender.objects.filter(pk=render.pk, step="layout").exists(),
            60,
            "the layout step",
        )
        os.kill(first.pid, signal.SIGKILL)
        first.wait(timeout=10)
    finally:
        stop(first)
    render.refresh_from_db()
    assert render.status == ReportRender.Status.RUNNING

    settings.REPORTS_RENDER_STALE_AFTER = 1
    second = start_pdf_worker(REPORTS_RENDER_STALE_AFTER="1")
    try:
        import time

        time.sleep(1.5)
        assert services.report_render_requeue_stale() == 1
        until(
            lambda: ReportRender.objects.filter(
                pk=render.pk, status=ReportRender.Status.DONE
            ).exists(),
            180,
            "the second worker to finish",
        )
    finally:
        stop(second)
    render.refresh_from_db()
    assert render.attempts == 2
    folder = Path(settings.REPORTS_PDF_DIR)
    mine = sorted(p.name for p in folder.glob(f"{Path(render.file_name).stem}*"))
    assert mine == [render.file_name]  # one file, no half-written leftovers
    assert _pdfinfo(folder / render.file_name)["Pages"] == str(render.page_count)


def test_a_killed_pool_child_is_taken_over_by_its_redelivered_task_at_once(demo):
    """Only the pool process dies: the same task comes back (acks late,
    reject on worker lost) and takes the render over without waiting for
    the heartbeat to go stale (330 s)."""
    Event.objects.bulk_create(
        Event(
            project=demo.project,
            kind=Event.Kind.TRAINING,
            title_fi=f"Koulutus {i}",
            date=date(2021, 1, 1),
            participant_count=i,
        )
        for i in range(4000)
    )
    render, _ = services.report_render_request(report=demo, language="fi", user=None)
    worker = start_pdf_worker(pool="prefork")
    try:
        until(
            lambda: ReportRender.objects.filter(pk=render.pk, step="layout").exists(),
            60,
            "the layout step",
        )
        children = pool_children(worker)
        assert children, "no pool process found"
        for pid in children:
            os.kill(pid, signal.SIGKILL)
        until(
            lambda: ReportRender.objects.filter(
                pk=render.pk, status=ReportRender.Status.DONE
            ).exists(),
            60,
            "the redelivered task to finish",
        )
    finally:
        stop(worker)
    render.refresh_from_db()
    assert render.attempts == 2
    assert render.claim_token  # the same task id held it both times
    folder = Path(settings.REPORTS_PDF_DIR)
    assert sorted(p.name for p in folder.glob(f"{render.key}*")) == [render.file_name]


def test_a_folder_that_cannot_be_made_fails_the_render_in_plain_words(
    world, settings, tmp_path, client
):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the folder should be")
    settings.REPORTS_PDF_DIR = str(blocker / "pdfs")
    render, _ = services.report_render_request(
        report=world.report, language="sv", user=world.manager
    )
    assert services.report_render_run(render_id=render.pk, task_id="t-1") == "storage"
    render.refresh_from_db()
    assert render.status == ReportRender.Status.FAILED
    assert render.error == "storage"
    assert list(tmp_path.iterdir()) == [blocker]  # nothing half-written
    client.force_login(world.manager)
    from django.urls import reverse
    from django.utils import translation

    with translation.override("fi"):
        url = reverse(
            "reports:render",
            kwargs={
                "slug": world.project.slug,
                "pk": world.report.pk,
                "key": render.key,
            },
        )
    page = client.get(url).content.decode()
    assert "ei voitu tallentaa" in page
    assert "Yritä uudelleen" in page


def test_the_fetcher_reads_only_the_sites_own_files(tmp_path, caplog):
    from reports.pdf import SiteFilesOnly, build_from_html

    fetcher = SiteFilesOnly()
    css = Path(settings.STATICFILES_DIRS[0]) / "css" / "portal.css"
    assert fetcher(f"{settings.SITE_URL}/static/css/portal.css").read()
    assert fetcher(css.as_uri()).read()
    secret = tmp_path / "secret.txt"
    secret.write_text("salaisuus")
    refused = [
        secret.as_uri(),
        "file:///etc/passwd",
        f"{settings.SITE_URL}/static/../../../etc/passwd",
        "https://example.com/logo.png",
        "http://169.254.169.254/latest/meta-data/",
        "data:image/png;base64,iVBORw0KGgo=",
        "ftp://example.com/file",
    ]
    for url in refused:
        with pytest.raises(ValueError, match="Only the site's own"):
            fetcher(url)

    html = (
        "<html lang='fi'><head><title>T</title>"
        f"<link rel='stylesheet' href='{secret.as_uri()}'>"
        "<link rel='stylesheet' href='https://example.com/x.css'></head><body>"
        "<h1>Otsikko</h1><img alt='' src='file:///etc/passwd'>"
        "<img alt='' src='http://example.com/x.png'></body></html>"
    )
    caplog.clear()
    with caplog.at_level("WARNING"):
        data, pages = build_from_html(html, "")
    assert data.startswith(b"%PDF") and pages == 1
    refusals = [r for r in caplog.records if "refused to fetch" in r.getMessage()]
    assert len(refusals) == 4


def test_rich_text_with_scripts_iframes_and_remote_images_never_reaches_the_pdf(
    world,
):
    from reports import pdf

    report = world.report
    services.report_update_section(
        report=report,
        section="outputs",
        texts={
            "fi": "<script>alert(1)</script><iframe src='https://example.com'>"
            "</iframe><img src='https://example.com/x.png'>"
            "<img src='data:image/png;base64," + "A" * 50_000 + "'>Teksti."
        },
        revision=report.revision,
        user=world.manager,
    )
    report.refresh_from_db()
    context = document.context(document.build(report=report), language="fi")
    html, _css = pdf.sources({**context, "report": report}, "fi")
    for bad in ("<script", "<iframe", "<img", "example.com", "data:image"):
        assert bad not in html
    assert "Teksti." in html


WEB_PROCESS = """
import sys, django
django.setup()
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import translation
from reports.models import Report
report = Report.objects.get(pk={pk})
client = Client(HTTP_HOST="127.0.0.1")
client.force_login(get_user_model().objects.get(username="steering"))
codes = []
for lang in ("fi", "sv"):
    with translation.override(lang):
        from django.urls import reverse
        kw = {{"slug": report.project.slug, "pk": report.pk}}
        listing = reverse("reports:list", kwargs={{"slug": report.project.slug}})
        codes.append(client.get(listing).status_code)
        codes.append(client.get(report.get_absolute_url()).status_code)
        create = reverse("reports:render-create", kwargs=kw)
        created = client.post(create, {{"language": lang}})
        codes.append(created.status_code)
        codes.append(client.get(created["Location"]).status_code)
        polled = client.get(created["Location"], HTTP_HX_REQUEST="true")
        codes.append(polled.status_code)
print(json.dumps({{
    "codes": codes,
    "weasyprint": "weasyprint" in sys.modules,
    "tasks": "reports.tasks" in sys.modules,
}}))
"""


def test_the_web_process_never_loads_weasyprint(world, transactional_db):  # noqa: ARG001
    report = world.report
    result = subprocess.run(
        [sys.executable, "-c", "import json\n" + WEB_PROCESS.format(pk=report.pk)],
        cwd=ROOT,
        env=worker_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome["codes"] == [200, 200, 302, 200, 200] * 2
    assert outcome["tasks"]  # the views did enqueue the render task
    assert outcome["weasyprint"] is False
    assert ReportRender.objects.filter(report=report).count() == 2
