"""Writes of the reports domain: reports, their approval and PDF renders.

A report moves draft → in review → approved. Approval locks the text; a new
version is opened from an approved report. A PDF is one ``ReportRender`` per
(report, language, revision), made by a worker on the ``pdf`` queue: asking
again for the same revision gives the same render, never a second one.
"""

import logging
import os
import secrets
from datetime import date, timedelta
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.text import slugify

from portal.lib import jobs
from portal.lib.sanitize import clean_source
from portal.pagecache import content_changed
from projects.models import Event, Project
from reports.models import Report, ReportAuditEntry, ReportRender, ReportSnapshot

logger = logging.getLogger(__name__)


class ReportError(Exception):
    """A change the report's state does not allow; ``code`` says which."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def sections_from_project(project: Project) -> dict[str, str]:
    """The project's own description as report section values (fi and sv)."""
    values = {}
    for section in Report.SECTIONS:
        source = "goals_text" if section == "goals" else section
        for language, _name in settings.LANGUAGES:
            value = getattr(project, f"{source}_{language}", "") or ""
            values[f"{section}_{language}"] = value
    return values


def report_create(
    *,
    project: Project,
    kind: str,
    user,  # noqa: ANN001
    start_date: date | None = None,
    end_date: date | None = None,
) -> Report:
    """A new draft. A final report starts from the project's own description."""
    report = Report(
        project=project,
        kind=kind,
        start_date=start_date if kind == Report.Kind.ADMINISTRATIVE else None,
        end_date=end_date if kind == Report.Kind.ADMINISTRATIVE else None,
        updated_by=user,
        **(sections_from_project(project) if kind == Report.Kind.FINAL else {}),
    )
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError as exc:  # a first version of this report exists
        raise ReportError("exists") from exc
    return report


def report_update_section(
    *,
    report: Report,
    section: str,
    texts: dict[str, str],
    revision: int,
    user,  # noqa: ANN001
) -> Report:
    """Save one section in fi and sv; markup is removed (see sanitize).

    ``revision`` is the one the editor started from: if someone saved in
    between, nothing is overwritten and ``ReportError("conflict")`` is raised.
    """
    if section not in Report.SECTIONS:
        raise ReportError("unknown-section")
    values = {
        f"{section}_{language}": clean_source(texts.get(language, ""))
        for language, _name in settings.LANGUAGES
    }
    updated = Report.objects.filter(
        pk=report.pk, revision=revision, status__in=_EDITABLE
    ).update(
        **values,
        revision=F("revision") + 1,
        updated_by=user,
        updated_at=timezone.now(),
    )
    if not updated:
        report.refresh_from_db()
        raise ReportError("locked" if report.status not in _EDITABLE else "conflict")
    content_changed()
    report.refresh_from_db()
    return report


_EDITABLE = (Report.Status.DRAFT, Report.Status.REVIEW)
_MOVES = {
    "submit": (
        Report.Status.DRAFT,
        Report.Status.REVIEW,
        ReportAuditEntry.Action.SUBMITTED,
    ),
    "return": (
        Report.Status.REVIEW,
        Report.Status.DRAFT,
        ReportAuditEntry.Action.RETURNED,
    ),
}


def report_move(*, report: Report, action: str, user) -> Report:  # noqa: ANN001
    """Submit for review or return to draft; each from one state only.

    The update is conditional on the state the user saw, so two people
    pressing at once cannot both succeed.
    """
    source, target, audit_action = _MOVES[action]
    with transaction.atomic():
        if not Report.objects.filter(pk=report.pk, status=source).update(status=target):
            raise ReportError("state")
        report.refresh_from_db()
        ReportAuditEntry.objects.create(
            report=report,
            action=audit_action,
            user=user,
            at=timezone.now(),
            revision=report.revision,
        )
    return report


class NothingToApprove(ReportError):
    """Every section is empty; ``missing`` names them."""

    def __init__(self, missing: list[str]) -> None:
        super().__init__("empty")
        self.missing = missing


def report_approve(
    *,
    report: Report,
    user,  # noqa: ANN001
    revision: int,
    meeting: Event | None = None,
) -> ReportSnapshot:
    """Approve the revision the approver was shown, and freeze it.

    The whole document (sections and every appendix, see
    ``reports.document``) is stored as a snapshot with its hash; from now on
    the approved report is made from that snapshot only. Refused when the
    report is no longer in review ("already-approved", "state"), when its
    text changed after the confirmation page was shown ("changed"), and
    when there is nothing to approve (``NothingToApprove``). Both languages'
    PDFs are started at once: an approved report's PDFs are public.
    """
    from reports import document

    with transaction.atomic():
        # The row lock makes two approvals (two tabs, two people) queue up:
        # the second sees the first's result and is told so.
        locked = Report.objects.select_for_update().get(pk=report.pk)
        if locked.status == Report.Status.APPROVED:
            raise ReportError("already-approved")
        if locked.status != Report.Status.REVIEW:
            raise ReportError("state")
        if locked.revision != revision:
            raise ReportError("changed")
        locked.project = report.project
        doc = document.build(report=locked)
        missing = document.summary(doc)["empty"]
        if len(missing) == len(Report.SECTIONS):
            raise NothingToApprove([str(title) for title in missing])
        now = timezone.now()
        digest = document.content_hash(doc)
        snapshot = ReportSnapshot.objects.create(
            report=locked,
            revision=locked.revision,
            schema_version=doc["schema"],
            document=doc,
            content_hash=digest,
        )
        Report.objects.filter(pk=locked.pk).update(
            status=Report.Status.APPROVED, approved_by=user, approved_at=now
        )
        ReportAuditEntry.objects.create(
            report=locked,
            action=ReportAuditEntry.Action.APPROVED,
            user=user,
            at=now,
            revision=locked.revision,
            meeting=meeting,
            content_hash=digest,
        )
        # PDFs of this revision made before approval were made of live data
        # and say "not approved": the approved PDFs are made anew from the
        # snapshot (the render rows are unique per revision and language).
        _remove_renders(
            ReportRender.objects.filter(report=locked, revision=locked.revision)
        )
        transaction.on_commit(content_changed)  # approved: now public
        report.refresh_from_db()
        for language, _name in settings.LANGUAGES:
            report_render_request(report=report, language=language, user=user)
    return snapshot


def report_snapshot(*, report: Report) -> ReportSnapshot:
    """The approved report's snapshot.

    A report approved before snapshots existed is frozen the first time it
    is read, marked as such (the page and the PDF say when it was frozen).
    """
    try:
        return report.snapshot
    except ReportSnapshot.DoesNotExist:
        pass
    from reports import document

    doc = document.build(report=report)
    with transaction.atomic():
        snapshot, _created = ReportSnapshot.objects.get_or_create(
            report=report,
            defaults={
                "revision": report.revision,
                "schema_version": doc["schema"],
                "document": doc,
                "content_hash": document.content_hash(doc),
                "backfilled": True,
            },
        )
    report.snapshot = snapshot
    return snapshot


def report_new_version(*, report: Report, user) -> Report:  # noqa: ANN001
    """A draft copy of an approved report, numbered one up."""
    if report.status != Report.Status.APPROVED:
        raise ReportError("state")
    copy = Report(
        project=report.project,
        kind=report.kind,
        start_date=report.start_date,
        end_date=report.end_date,
        version=report.version + 1,
        previous=report,
        updated_by=user,
    )
    for section in Report.SECTIONS:
        for language, _name in settings.LANGUAGES:
            name = f"{section}_{language}"
            setattr(copy, name, getattr(report, name))
    try:
        with transaction.atomic():
            copy.save()
    except IntegrityError as exc:  # already opened
        raise ReportError("exists") from exc
    return copy


# --- PDF renders --------------------------------------------------------------


def _enqueue(render: ReportRender) -> None:
    from reports.tasks import report_render as report_render_task

    def send() -> None:
        try:
            report_render_task.delay(render.pk)
        except Exception:  # noqa: BLE001 - broker down: the sweeper sends it later
            logger.warning(
                "report render %s not enqueued; the sweeper will retry", render.pk
            )

    transaction.on_commit(send)


def report_render_request(
    *,
    report: Report,
    language: str,
    user,  # noqa: ANN001
) -> tuple[ReportRender, bool]:
    """The render of the report's current revision in ``language``.

    Returns ``(render, started)``: an existing render (done, or still on its
    way) is returned as it is; a failed one is queued again.
    """
    with transaction.atomic():
        render, created = ReportRender.objects.get_or_create(
            report=report,
            language=language,
            revision=report.revision,
            defaults={"requested_by": user},
        )
        if created:
            _enqueue(render)
            return render, True
        if render.status == ReportRender.Status.FAILED:
            return report_render_retry(render=render), True
    return render, False


def render_jobs() -> jobs.Kind:
    """Renders as jobs: a render that shows no sign of life for
    REPORTS_RENDER_STALE_AFTER seconds is taken over; three attempts."""
    return jobs.Kind(
        model=ReportRender,
        stale_after=settings.REPORTS_RENDER_STALE_AFTER,
        max_attempts=3,
    )


def report_render_retry(*, render: ReportRender) -> ReportRender:
    """Someone asks again for a failed PDF: a fresh set of attempts."""
    with transaction.atomic():
        if ReportRender.objects.filter(
            pk=render.pk, status=ReportRender.Status.FAILED
        ).update(
            status=ReportRender.Status.QUEUED,
            progress=0,
            step="",
            error="",
            attempts=0,
            heartbeat_at=None,
            claim_token="",
        ):
            _enqueue(render)
    render.refresh_from_db()
    return render


def report_render_claim(*, render_id: int, task_id: str) -> ReportRender | None:
    """Take a render for the task ``task_id`` (see ``portal.lib.jobs.claim``:
    a redelivered task takes its own render over at once)."""
    job = jobs.claim(render_jobs(), render_id, task_id, progress=5, step="start")
    if job is None:
        return None
    return ReportRender.objects.select_related("report__project").get(pk=job.pk)


def report_render_step(*, render: ReportRender, step: str, progress: int) -> None:
    jobs.beat(render_jobs(), render, step=step, progress=progress)


def report_render_finish(
    *, render: ReportRender, file_name: str, size: int, page_count: int
) -> None:
    jobs.finish(
        render_jobs(),
        render,
        step="done",
        progress=100,
        file_name=file_name,
        size=size,
        page_count=page_count,
    )
    content_changed()  # an approved report's page now offers the file


def report_render_fail(*, render: ReportRender, code: str) -> None:
    """``code`` names the failure; the progress page explains it in words."""
    jobs.fail(render_jobs(), render, code)


def _render_document(render: ReportRender) -> dict:
    """The document a render is made of: the snapshot for the approved
    revision, live data for the current draft revision."""
    from reports import document

    report = render.report
    if report.status == Report.Status.APPROVED and render.revision == report.revision:
        snapshot = report_snapshot(report=report)
        return snapshot.document
    if render.revision != report.revision:
        raise ReportError("superseded")
    return document.build(report=report)


def _clear_leftovers(final: Path) -> None:
    for part in final.parent.glob(final.name + ".*.part"):
        part.unlink(missing_ok=True)


def _store(render: ReportRender, data: bytes) -> Path:
    """Write the PDF under a temporary name, then rename it into place."""
    try:
        folder = Path(settings.REPORTS_PDF_DIR)
        folder.mkdir(parents=True, exist_ok=True)
        final = folder / f"{render.key}.pdf"
        _clear_leftovers(final)
        part = final.with_name(f"{final.name}.{secrets.token_hex(4)}.part")
        try:
            part.write_bytes(data)
            os.replace(part, final)
        finally:
            part.unlink(missing_ok=True)
    except OSError as exc:  # no folder, no space, no rights
        logger.warning("report render %s: cannot store the PDF: %s", render.pk, exc)
        raise ReportError("storage") from exc
    return final


def report_render_run(*, render_id: int, task_id: str) -> str:
    """Make the PDF of one render: the job around the pure renderer.

    Every way this can go wrong after the claim ends in ``failed`` with a
    code the page explains, and leaves no half-written file: the PDF is
    written under a temporary name and renamed into place.
    """
    from celery.exceptions import SoftTimeLimitExceeded

    from reports import document, pdf  # WeasyPrint: in the worker only

    job = report_render_claim(render_id=render_id, task_id=task_id)
    if job is None:
        return "nothing to do"
    try:
        report_render_step(render=job, step="gathering", progress=10)
        doc = _render_document(job)
        context = {
            **document.context(doc, language=job.language),
            **approval_context(report=job.report),
            "report": job.report,
        }
        report_render_step(render=job, step="layout", progress=30)
        data, pages = pdf.render_pdf(
            context,
            language=job.language,
            on_laid_out=lambda: report_render_step(
                render=job, step="writing", progress=80
            ),
        )
        final = _store(job, data)
    except SoftTimeLimitExceeded:
        code = "timeout"
    except ReportError as exc:
        code = exc.code
    except document.UnknownSchema:
        code = "schema"
    except Exception:
        logger.exception("report render %s failed", job.pk)
        code = "error"
    else:
        report_render_finish(
            render=job, file_name=final.name, size=len(data), page_count=pages
        )
        return "done"
    logger.warning("report render %s failed: %s", job.pk, code)
    report_render_fail(render=job, code=code)
    return code


def approval_context(*, report: Report) -> dict:
    """The approval the document shows in its colophon (approved reports)."""
    if report.status != Report.Status.APPROVED:
        return {"snapshot": None, "approval": None}
    snapshot = report_snapshot(report=report)
    approval = (
        ReportAuditEntry.objects.filter(
            report=report, action=ReportAuditEntry.Action.APPROVED
        )
        .select_related("user", "meeting")
        .last()
    )
    return {"snapshot": snapshot, "approval": approval}


def report_render_requeue_stale() -> int:
    """Queue again the renders whose worker died (no heartbeat for a while)
    or that never reached the broker. Returns how many."""
    lost = jobs.sweep(render_jobs())
    for pk in lost:
        _enqueue(ReportRender(pk=pk))
    return len(lost)


def report_render_purge_superseded() -> int:
    """Remove the PDFs of superseded revisions after the retention period.

    Superseded: the report's text has moved on since (a newer revision).
    The approved revision's PDFs, and those of the current draft, are kept.
    Returns how many renders were removed.
    """
    cutoff = timezone.now() - timedelta(days=settings.REPORTS_PDF_RETENTION_DAYS)
    return _remove_renders(
        ReportRender.objects.filter(
            revision__lt=F("report__revision"), created_at__lt=cutoff
        ).exclude(status__in=[ReportRender.Status.QUEUED, ReportRender.Status.RUNNING])
    )


def _remove_renders(renders) -> int:  # noqa: ANN001 - a QuerySet of renders
    """Delete the renders and, once that is committed, their files."""
    gone = list(renders.values_list("pk", "file_name"))
    ReportRender.objects.filter(pk__in=[pk for pk, _name in gone]).delete()
    folder = Path(settings.REPORTS_PDF_DIR)

    def unlink() -> None:
        for _pk, name in gone:
            if name:
                (folder / name).unlink(missing_ok=True)

    transaction.on_commit(unlink)
    return len(gone)


def report_pdf_download_name(render: ReportRender) -> str:
    """ "yhteispalvelu-loppuraportti-v1-r3-fi.pdf", "…-slutrapport-v1-r3-sv.pdf":
    the kind of report in the PDF's own language."""
    report = render.report
    with translation.override(render.language):
        kind = slugify(str(report.get_kind_display()))
    return (
        f"{report.project.slug}-{kind}-v{report.version}"
        f"-r{render.revision}-{render.language}.pdf"
    )


def report_pdf_path(render: ReportRender) -> Path:
    return Path(settings.REPORTS_PDF_DIR) / render.file_name
