"""Exports: CSV at once when small, XLSX and large ones built by a worker."""

import csv
import io
import time

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from feedback import exports, services
from feedback.models import ExportJob
from tests.conftest import client_for
from tests.feedback.conftest import monday_weeks_ago, submit

DANGEROUS = [
    '=HYPERLINK("http://evil.example","click")',
    "+1+2",
    "-3+4",
    "@SUM(A1)",
    "\tTAB",
    "\rCR",
]


@pytest.fixture
def export_dir(settings, tmp_path):
    settings.FEEDBACK_EXPORT_DIR = str(tmp_path)
    return tmp_path


def _fill(survey) -> None:  # noqa: ANN001
    for text in DANGEROUS:
        submit(survey, monday_weeks_ago(2), text=text)


def _url(name: str, **kwargs) -> str:  # noqa: ANN003
    with translation.override("fi"):
        return reverse(name, kwargs=kwargs)


def test_a_small_csv_downloads_at_once_with_formulas_neutralised(world):
    _fill(world.survey)
    response = client_for(world, "manager").post(
        _url("feedback:export", pk=world.survey.pk), {"format": "csv"}
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0][:3] == ["Jakso alkaen", "Jakso asti", "Pilotti"]
    assert len(rows) == 1 + len(DANGEROUS)
    free_texts = {row[-1] for row in rows[1:]}
    assert free_texts == {"'" + value for value in DANGEROUS}
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(exports.FORMULA_STARTS)
    # The week's period, not the day of the response.
    assert {row[0] for row in rows[1:]} == {str(monday_weeks_ago(2))}


def test_the_steering_group_export_has_no_free_text(world):
    _fill(world.survey)
    response = client_for(world, "steering").post(
        _url("feedback:export", pk=world.survey.pk), {"format": "csv"}
    )
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "HYPERLINK" not in text
    assert "Mitä muuta haluaisit" not in text


def test_the_xlsx_file_has_no_formula_cells(world, export_dir):
    _fill(world.survey)
    job = ExportJob.objects.create(
        survey=world.survey,
        requested_by=world.manager,
        format="xlsx",
        filters={"language": "sv"},
        include_text=True,
    )
    services.export_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == "done" and job.percent == 100
    sheet = load_workbook(export_dir / job.file_name).active
    rows = list(sheet.iter_rows())
    assert rows[0][0].value == "Perioden från"
    assert len(rows) == 1 + len(DANGEROUS)
    for row in rows[1:]:
        for cell in row:
            assert cell.data_type != "f"
    # A carriage return reads back as a line feed or as itself, depending on
    # whether openpyxl writes with lxml (which the test tools bring) or not.
    expected = {"'" + v.replace("\r", "\n") for v in DANGEROUS}
    assert {row[-1].value.replace("\r", "\n") for row in rows[1:]} == expected


def test_a_large_export_is_built_by_a_worker_with_progress_and_a_download(
    world, export_dir, celery_worker_real, settings
):
    settings.FEEDBACK_EXPORT_SYNC_MAX = 2
    _fill(world.survey)
    client = client_for(world, "manager")
    response = client.post(
        _url("feedback:export", pk=world.survey.pk), {"format": "csv"}
    )
    assert response.status_code == 302
    job = ExportJob.objects.get()
    page = client.get(response["Location"])
    assert 'aria-live="polite"' in page.content.decode()
    assert "<progress" in page.content.decode()
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.finished:
            break
        time.sleep(0.1)
    assert job.status == "done"
    partial = client.get(response["Location"], HTTP_HX_REQUEST="true")
    body = partial.content.decode()
    assert "<html" not in body and "Tiedosto on valmis." in body
    assert "hx-trigger" not in body  # polling stops when done
    download = client.get(
        _url("feedback:export-download", pk=world.survey.pk, job=job.pk)
    )
    assert download.status_code == 200
    content = b"".join(download.streaming_content).decode("utf-8-sig")
    assert "'=HYPERLINK" in content
    # Someone else's job stays hidden, even from the same project's steering.
    other = client_for(world, "steering").get(
        _url("feedback:export-download", pk=world.survey.pk, job=job.pk)
    )
    assert other.status_code == 404
