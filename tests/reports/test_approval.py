"""Approval freezes the report: the confirmation page, the snapshot, the
audit record, PDFs by revision, and what happens to old PDFs."""

import re
import subprocess
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from feedback import services as feedback_services
from feedback.models import Question, Survey
from pilots.models import Pilot
from projects.models import Event, Group, Measurement
from reports import document, services
from reports.models import Report, ReportAuditEntry, ReportRender, ReportSnapshot
from tests.conftest import client_for
from tests.reports.matrix import done_render


def _url(name: str, report: Report, language: str = "fi", **kwargs) -> str:  # noqa: ANN003
    with translation.override(language):
        return reverse(
            name, kwargs={"slug": report.project.slug, "pk": report.pk, **kwargs}
        )


def _document_html(page: str) -> str:
    """The report's own content on its page (the text and appendices)."""
    match = re.search(r'<div class="report-document">(.*?)</main>', page, re.S)
    assert match, "no report document on the page"
    return match.group(1)


def _pdf_text(render: ReportRender) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(services.report_pdf_path(render)), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def _make_pdf(report: Report, language: str) -> ReportRender:
    """A fresh PDF of the report's current revision, made in this process."""
    old = ReportRender.objects.filter(
        report=report, language=language, revision=report.revision
    )
    for render in old.exclude(file_name=""):
        services.report_pdf_path(render).unlink(missing_ok=True)
    old.delete()
    render, _ = services.report_render_request(
        report=report, language=language, user=None
    )
    assert services.report_render_run(render_id=render.pk, task_id="t") == "done"
    render.refresh_from_db()
    return render


@pytest.fixture
def demo(db):  # noqa: ARG001
    call_command("load_demo", verbosity=0)
    return Report.objects.select_related("project").get(
        project__slug="yhteispalvelu", kind=Report.Kind.FINAL
    )


def _steering(report: Report):  # noqa: ANN202
    group = report.project.groups.get(kind=Group.Kind.STEERING, parent=None)
    return group.members.get(username="steering")


def test_approved_report_stays_as_approved_when_the_data_changes(demo, client):
    steering = _steering(demo)
    client.force_login(steering)
    # The confirmation page says what will be frozen; approving freezes it.
    page = client.get(_url("reports:approve", demo)).content.decode()
    assert "Mitä jäädytetään" in page
    response = client.post(_url("reports:approve", demo), {"revision": demo.revision})
    assert response.status_code == 302
    demo.refresh_from_db()
    assert demo.status == Report.Status.APPROVED
    before_html = _document_html(client.get(demo.get_absolute_url()).content.decode())
    before_pdf = {lang: _pdf_text(_make_pdf(demo, lang)) for lang in ("fi", "sv")}

    # Later: a measurement, an event and a survey answer.
    pilot = Pilot.objects.filter(project=demo.project, is_published=True).first()
    indicator = pilot.indicators.first()
    Measurement.objects.create(
        indicator=indicator, date=timezone.localdate(), value=Decimal("987.6")
    )
    Event.objects.create(
        project=demo.project,
        kind=Event.Kind.TRAINING,
        title_fi="Myöhempi koulutus",
        date=date(2026, 11, 1),
        participant_count=777,
    )
    survey = Survey.objects.filter(project=demo.project).first()
    feedback_services.response_submit(
        survey=survey,
        answers=[
            feedback_services.AnswerInput(question=q, value=5)
            for q in survey.questions.filter(kind=Question.Kind.LIKERT)
        ],
    )

    after_html = _document_html(client.get(demo.get_absolute_url()).content.decode())
    assert after_html == before_html
    assert "987,6" not in after_html and "Myöhempi koulutus" not in after_html
    for lang in ("fi", "sv"):
        assert _pdf_text(_make_pdf(demo, lang)) == before_pdf[lang]
    assert demo.snapshot.content_hash[:16] in before_pdf["fi"].replace("\n", "")

    # A new version's draft shows the new figures, marked as live.
    manager = demo.project.managers.get(username="manager")
    new = services.report_new_version(report=demo, user=manager)
    client.force_login(manager)
    draft = client.get(new.get_absolute_url()).content.decode()
    assert "987,6" in draft and "Myöhempi koulutus" in draft
    assert "luvut päivittyvät" in draft.lower()


def test_the_confirmation_lists_what_is_frozen_in_swedish_too(demo, client):
    client.force_login(_steering(demo))
    page = client.get(_url("reports:approve", demo, "sv")).content.decode()
    assert "Vad som fryses" in page
    assert "Godkänn och frys rapporten" in page
    summary = document.summary(document.build(report=demo))
    assert summary["pilots"] >= 1 and summary["measurements"] >= 1


def test_approval_is_recorded_with_its_meeting_and_hash(world, client):
    report = world.review_report
    meeting = Event.objects.create(
        project=world.project,
        kind=Event.Kind.MEETING,
        group=world.steering_group,
        title_fi="Ohjausryhmän kokous 3/2023",
        date=date(2023, 5, 10),
    )
    client.force_login(world.steering)
    response = client.post(
        _url("reports:approve", report),
        {"revision": report.revision, "meeting": meeting.pk},
    )
    assert response.status_code == 302
    entry = ReportAuditEntry.objects.get(report=report, action="approved")
    snapshot = ReportSnapshot.objects.get(report=report)
    assert (entry.user, entry.meeting, entry.content_hash) == (
        world.steering,
        meeting,
        snapshot.content_hash,
    )
    assert snapshot.content_hash == document.content_hash(snapshot.document)
    # The audit list: for the managers and the steering group only.
    for role in ("steering", "manager"):
        page = client_for(world, role).get(report.get_absolute_url()).content
        assert b"Ohjausryhm\xc3\xa4n kokous 3/2023" in page
        assert snapshot.content_hash.encode() in page
    public = client_for(world, "anonymous").get(report.get_absolute_url())
    assert "Hyväksyntöjen kirjaus" not in public.content.decode()


def test_approving_twice_approves_once_and_tells_the_second(world):
    report = world.review_report
    first, second = client_for(world, "steering"), client_for(world, "steering")
    url = _url("reports:approve", report)
    first.post(url, {"revision": report.revision})
    response = second.post(url, {"revision": report.revision}, follow=True)
    assert "oli jo hyväksytty" in response.content.decode()
    assert ReportSnapshot.objects.filter(report=report).count() == 1
    assert (
        ReportAuditEntry.objects.filter(report=report, action="approved").count() == 1
    )


def test_a_report_with_every_section_empty_is_not_approved(world):
    report = world.review_report
    Report.objects.filter(pk=report.pk).update(background_fi="", background_sv="")
    response = client_for(world, "steering").post(
        _url("reports:approve", report), {"revision": report.revision}
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert "Hyväksyttävää ei vielä ole" in page
    assert "Tausta" in page and "Riippuvuudet" in page
    report.refresh_from_db()
    assert report.status == Report.Status.REVIEW


def test_a_text_changed_after_the_confirmation_is_not_approved_unseen(world):
    report = world.review_report
    shown = report.revision
    services.report_update_section(
        report=report,
        section="outputs",
        texts={"fi": "Lisätty myöhemmin."},
        revision=report.revision,
        user=world.manager,
    )
    response = client_for(world, "steering").post(
        _url("reports:approve", report), {"revision": shown}, follow=True
    )
    assert "muuttui" in response.content.decode()
    report.refresh_from_db()
    assert report.status == Report.Status.REVIEW


def test_a_snapshot_of_an_unknown_schema_is_explained_not_a_500(world):
    report = world.approved_report
    ReportSnapshot.objects.filter(report=report).update(
        document={"schema": 999}, schema_version=999
    )
    response = client_for(world, "anonymous").get(report.get_absolute_url())
    assert response.status_code == 200
    assert "ei pysty lukemaan" in response.content.decode()
    render, _ = services.report_render_request(report=report, language="sv", user=None)
    assert services.report_render_run(render_id=render.pk, task_id="x") == "schema"


def test_a_report_approved_before_snapshots_is_frozen_when_first_read(world):
    legacy = Report.objects.create(
        project=world.project,
        kind=Report.Kind.ADMINISTRATIVE,
        start_date=date(2023, 5, 1),
        end_date=date(2023, 10, 31),
        status=Report.Status.APPROVED,
        background_fi="Vanha.",
    )
    page = client_for(world, "anonymous").get(legacy.get_absolute_url())
    assert page.status_code == 200
    snapshot = ReportSnapshot.objects.get(report=legacy)
    assert snapshot.backfilled
    assert "jäädytettiin" in page.content.decode()


# --- PDFs by revision ----------------------------------------------------------

OLD_REVISION = {
    "anonymous": 404,
    "outsider": 404,
    "member": 404,
    "steering": 200,
    "manager": 200,
    "admin": 200,
}


@pytest.mark.parametrize("role", list(OLD_REVISION))
def test_pdfs_of_earlier_revisions_stay_with_the_insiders(world, role):
    url = _url(
        "reports:render-download", world.approved_report, key=world.old_render.key
    )
    response = client_for(world, role).get(url)
    assert response.status_code == OLD_REVISION[role]
    if response.status_code == 200:
        assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("role", list(OLD_REVISION))
def test_the_approved_revisions_pdf_is_public_with_a_name_in_its_language(world, role):
    sv = done_render(world.approved_report, "sv")
    response = client_for(world, role).get(
        _url("reports:render-download", world.approved_report, "sv", key=sv.key)
    )
    assert response.status_code == 200
    disposition = response["Content-Disposition"]
    assert "lagesrapport" in disposition or "administrativ" in disposition
    assert disposition.endswith('-sv.pdf"')


def test_a_render_key_of_another_report_is_404_even_for_insiders(world):
    url = _url(
        "reports:render-download", world.approved_report, key=world.report_render.key
    )
    assert client_for(world, "manager").get(url).status_code == 404


def test_render_keys_are_not_guessable(world):
    keys = set(ReportRender.objects.values_list("key", flat=True))
    assert len(keys) == ReportRender.objects.count()
    assert all(len(key) >= 32 and not key.isdigit() for key in keys)


def test_superseded_pdfs_are_removed_after_the_retention_period(
    world, settings, django_capture_on_commit_callbacks
):
    settings.REPORTS_PDF_RETENTION_DAYS = 30
    old, kept = world.old_render, world.approved_render
    ReportRender.objects.filter(pk__in=[old.pk, kept.pk]).update(
        created_at=timezone.now() - timedelta(days=31)
    )
    old_file = services.report_pdf_path(old)
    assert old_file.exists()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.report_render_purge_superseded() == 1
    assert not ReportRender.objects.filter(pk=old.pk).exists()
    assert not old_file.exists()
    assert Path(services.report_pdf_path(kept)).exists()
    # Within the retention period nothing goes.
    fresh = done_render(world.approved_report, "sv", revision=1)
    assert services.report_render_purge_superseded() == 0
    assert ReportRender.objects.filter(pk=fresh.pk).exists()


# --- The worker side -------------------------------------------------------------


def test_a_redelivered_task_takes_its_render_over_at_once(world):
    render, _ = services.report_render_request(
        report=world.report, language="sv", user=None
    )
    assert services.report_render_claim(render_id=render.pk, task_id="a")
    # Another task (the sweeper's) must wait for a stale heartbeat ...
    assert services.report_render_claim(render_id=render.pk, task_id="b") is None
    # ... the same task delivered again means its first run is dead.
    again = services.report_render_claim(render_id=render.pk, task_id="a")
    assert again is not None and again.attempts == 2


def test_the_progress_page_says_when_no_worker_has_been_heard_of(world, settings):
    settings.REPORTS_RENDER_QUIET_AFTER = 60
    render, _ = services.report_render_request(
        report=world.report, language="sv", user=None
    )
    client = client_for(world, "steering")
    url = _url("reports:render", world.report, key=render.key)
    assert "Yksikään työprosessi" not in client.get(url).content.decode()
    ReportRender.objects.filter(pk=render.pk).update(
        created_at=timezone.now() - timedelta(minutes=5)
    )
    page = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert "Yksikään työprosessi ei ole vielä aloittanut" in page
    ReportRender.objects.filter(pk=render.pk).update(
        status="running", heartbeat_at=timezone.now() - timedelta(minutes=3)
    )
    page = client.get(_url("reports:render", world.report, "sv", key=render.key))
    assert "har inte hörts" in page.content.decode()


def test_pdfs_made_before_approval_are_made_anew_from_the_snapshot(
    world, django_capture_on_commit_callbacks
):
    report = world.review_report
    early = done_render(report, "fi")  # live data, "not an approved report"
    early_file = services.report_pdf_path(early)
    with django_capture_on_commit_callbacks(execute=True):
        services.report_approve(
            report=report, user=world.steering, revision=report.revision
        )
    assert not ReportRender.objects.filter(pk=early.pk).exists()
    assert not early_file.exists()
    fresh = ReportRender.objects.filter(report=report, revision=report.revision)
    assert {r.language for r in fresh} == {"fi", "sv"}
    assert all(r.status == ReportRender.Status.QUEUED for r in fresh)
    url = _url("reports:render-download", report, key=early.key)
    assert client_for(world, "steering").get(url).status_code == 404
