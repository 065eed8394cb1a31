"""Writes of the projects domain: reports and their PDF renders.

A report moves draft → in review → approved. Approval locks the text; a new
version is opened from an approved report. A PDF is one ``ReportRender`` per
(report, language, revision), made by a worker on the ``pdf`` queue: asking
again for the same revision gives the same render, never a second one.
"""

import logging
from datetime import date, timedelta
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from portal.lib.sanitize import clean_source
from portal.pagecache import content_changed
from projects.models import Project, Report, ReportRender

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
    "submit": (Report.Status.DRAFT, Report.Status.REVIEW),
    "return": (Report.Status.REVIEW, Report.Status.DRAFT),
    "approve": (Report.Status.REVIEW, Report.Status.APPROVED),
}


def report_move(*, report: Report, action: str, user) -> Report:  # noqa: ANN001
    """Submit for review, return to draft or approve; each from one state only.

    The update is conditional on the state the user saw, so two people
    pressing at once cannot both succeed. Approval renders the PDFs in both
    languages straight away: an approved report's PDFs are public.
    """
    source, target = _MOVES[action]
    changes = {"status": target}
    if action == "approve":
        changes |= {"approved_by": user, "approved_at": timezone.now()}
    with transaction.atomic():
        if not Report.objects.filter(pk=report.pk, status=source).update(**changes):
            raise ReportError("state")
        transaction.on_commit(content_changed)  # approved: now public
        report.refresh_from_db()
        if action == "approve":
            for language, _name in settings.LANGUAGES:
                report_render_request(report=report, language=language, user=user)
    return report


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
    from projects.tasks import report_render

    def send() -> None:
        try:
            report_render.delay(render.pk)
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


def report_render_retry(*, render: ReportRender) -> ReportRender:
    with transaction.atomic():
        if ReportRender.objects.filter(
            pk=render.pk, status=ReportRender.Status.FAILED
        ).update(
            status=ReportRender.Status.QUEUED,
            progress=0,
            step="",
            error="",
            heartbeat_at=None,
        ):
            _enqueue(render)
    render.refresh_from_db()
    return render


def report_render_claim(*, render_id: int) -> ReportRender | None:
    """Take a queued render, or one whose worker died, for this worker.

    Returns ``None`` when there is nothing to do: done, failed, or running
    with a recent heartbeat (another worker has it). Idempotent.
    """
    stale = timezone.now() - timedelta(seconds=settings.REPORTS_RENDER_STALE_AFTER)
    claimable = ReportRender.objects.filter(pk=render_id).filter(
        status=ReportRender.Status.QUEUED
    ) | ReportRender.objects.filter(
        pk=render_id, status=ReportRender.Status.RUNNING, heartbeat_at__lt=stale
    )
    now = timezone.now()
    if not claimable.update(
        status=ReportRender.Status.RUNNING,
        progress=5,
        step="start",
        heartbeat_at=now,
        attempts=F("attempts") + 1,
    ):
        return None
    return ReportRender.objects.select_related("report__project").get(pk=render_id)


def report_render_step(*, render: ReportRender, step: str, progress: int) -> None:
    ReportRender.objects.filter(
        pk=render.pk, status=ReportRender.Status.RUNNING
    ).update(step=step, progress=progress, heartbeat_at=timezone.now())


def report_render_finish(
    *, render: ReportRender, file_name: str, size: int, page_count: int
) -> None:
    ReportRender.objects.filter(pk=render.pk).update(
        status=ReportRender.Status.DONE,
        step="done",
        progress=100,
        file_name=file_name,
        size=size,
        page_count=page_count,
        error="",
        finished_at=timezone.now(),
        heartbeat_at=timezone.now(),
    )
    content_changed()  # an approved report's page now offers the file


def report_render_fail(*, render: ReportRender, code: str) -> None:
    """``code`` names the failure ("timeout", "error"); pages explain it."""
    ReportRender.objects.filter(pk=render.pk).update(
        status=ReportRender.Status.FAILED,
        error=code,
        finished_at=timezone.now(),
    )


def report_render_requeue_stale() -> int:
    """Queue again the renders whose worker died (no heartbeat for a while)
    or that never reached the broker. Returns how many."""
    stale = timezone.now() - timedelta(seconds=settings.REPORTS_RENDER_STALE_AFTER)
    lost = list(
        ReportRender.objects.filter(
            status=ReportRender.Status.RUNNING, heartbeat_at__lt=stale
        )
        | ReportRender.objects.filter(
            status=ReportRender.Status.QUEUED, created_at__lt=stale
        )
    )
    for render in lost:
        _enqueue(render)
    return len(lost)


def report_pdf_path(render: ReportRender) -> Path:
    return Path(settings.REPORTS_PDF_DIR) / render.file_name
