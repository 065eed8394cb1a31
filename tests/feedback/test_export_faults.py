"""Exports as jobs: a full disk or a folder that cannot be made ends the job
failed with a plain reason and no partial file; a job whose worker died is
swept, taken over by a real worker and finished with one file."""

import subprocess
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from feedback import exports, services
from feedback.models import ExportJob
from tests.conftest import client_for
from tests.feedback.conftest import monday_weeks_ago, submit


def _job(world, **fields) -> ExportJob:  # noqa: ANN001, ANN003
    return ExportJob.objects.create(
        survey=world.survey,
        requested_by=world.manager,
        format="csv",
        filters={"language": "fi"},
        include_text=True,
        **fields,
    )


def _page(world, job: ExportJob) -> str:  # noqa: ANN001
    with translation.override("fi"):
        url = reverse(
            "feedback:export-job", kwargs={"pk": job.survey_id, "job": job.pk}
        )
    return client_for(world, "manager").get(url).content.decode()


@pytest.fixture
def tiny_disk(tmp_path):
    """A 16 KiB tmpfs: a real full disk for the export to run into."""
    mount = tmp_path / "tiny"
    mount.mkdir()
    subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=16k", "tmpfs", str(mount)], check=True
    )
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=True)


def test_an_export_to_a_full_disk_fails_and_leaves_no_partial_file(
    world, settings, tiny_disk
):
    settings.FEEDBACK_EXPORT_DIR = str(tiny_disk)
    for i in range(60):
        submit(world.survey, monday_weeks_ago(2), text=f"{i} " + "pitkä vastaus " * 40)
    job = _job(world)
    assert services.export_run(job_id=job.pk, token="t") == "storage"
    job.refresh_from_db()
    assert (job.status, job.error) == (ExportJob.Status.FAILED, "storage")
    assert list(tiny_disk.iterdir()) == []  # the disk is free again
    assert "tallennustila ei ottanut sitä vastaan" in _page(world, job)


def test_an_export_whose_folder_cannot_be_made_fails_in_plain_words(
    world, settings, tmp_path
):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    settings.FEEDBACK_EXPORT_DIR = str(blocker / "exports")
    submit(world.survey, monday_weeks_ago(2), text="Vastaus.")
    job = _job(world)
    assert services.export_run(job_id=job.pk, token="t") == "storage"
    job.refresh_from_db()
    assert job.status == ExportJob.Status.FAILED
    assert list(tmp_path.iterdir()) == [blocker]


def test_an_export_whose_worker_died_is_swept_and_finished_by_another(
    celery_worker_real, world, settings, tmp_path
):  # noqa: ARG001
    settings.FEEDBACK_EXPORT_DIR = str(tmp_path)
    for i in range(6):
        submit(world.survey, monday_weeks_ago(2), text=f"Vastaus {i}.")
    # A worker claimed it, wrote part of it and was killed.
    long_ago = timezone.now() - timedelta(minutes=10)
    job = _job(
        world,
        status=ExportJob.Status.RUNNING,
        attempts=1,
        claim_token="dead-task",
        heartbeat_at=long_ago,
        done=2,
        total=6,
    )
    (tmp_path / f"{exports.file_name(job)}.1.part").write_text("half")
    page = _page(world, job)
    assert "keskeytynyt" in page  # the page says so instead of a frozen bar
    from feedback.tasks import export_requeue_stale

    assert export_requeue_stale() == 1  # beat runs it; the worker builds
    deadline = timezone.now() + timedelta(seconds=30)
    while timezone.now() < deadline:
        job.refresh_from_db()
        if job.status == ExportJob.Status.DONE:
            break
    assert job.status == ExportJob.Status.DONE
    assert job.attempts == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == [job.file_name]
    assert (tmp_path / job.file_name).read_text(encoding="utf-8-sig").count("\n") == 7


def test_the_progress_page_is_quiet_only_when_nobody_works_on_it(world):
    job = _job(world, status=ExportJob.Status.RUNNING, heartbeat_at=timezone.now())
    assert "keskeytynyt" not in _page(world, job)
