"""The projects domain's URLs in the role × URL matrix, and its reports.

world.report is a draft final report of world.project (the steering user
chairs its steering group); world.approved_report is an approved
administrative report. Each has a finished Finnish PDF render.
"""

from datetime import date

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from projects.models import Report, ReportRender
from tests.matrix import DRAFT, codes

# Drafts: the project's managers and its steering group; nobody else knows.
REPORT_INSIDERS = codes(anonymous=404, outsider=404, member=404)
LOGIN_THEN_INSIDERS = codes(anonymous=302, outsider=404, member=404)
MANAGERS_ONLY = codes(anonymous=302, outsider=404, member=404, steering=403)
FOLLOWERS_ONLY = codes(anonymous=302, outsider=403, member=403)
NOBODY = codes(
    anonymous=302, outsider=403, member=403, steering=403, manager=403, admin=403
)
POST_ONLY = dict.fromkeys(codes(), 405)


def _done_render(report: Report, language: str = "fi") -> ReportRender:
    from pathlib import Path

    name = f"matrix-{report.kind}-{language}.pdf"
    path = Path(settings.REPORTS_PDF_DIR) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        path.write_bytes(b"%PDF-1.7\n% matrix fixture\n")
    return ReportRender.objects.create(
        report=report,
        language=language,
        revision=report.revision,
        status=ReportRender.Status.DONE,
        progress=100,
        file_name=name,
        size=path.stat().st_size,
        page_count=1,
        finished_at=timezone.now(),
    )


def extend_world(world) -> None:  # noqa: ANN001
    world.report = Report.objects.create(
        project=world.project,
        kind=Report.Kind.FINAL,
        background_fi="Tausta.",
        background_sv="Bakgrund.",
    )
    world.approved_report = Report.objects.create(
        project=world.project,
        kind=Report.Kind.ADMINISTRATIVE,
        start_date=date(2022, 5, 1),
        end_date=date(2022, 10, 31),
        status=Report.Status.APPROVED,
        approved_by=world.steering,
        approved_at=timezone.now(),
    )
    world.report_render = _done_render(world.report)
    world.approved_render = _done_render(world.approved_report)


def _report_url(name: str, report_attr: str, **extra):  # noqa: ANN003
    def build(w) -> str:  # noqa: ANN001
        report = getattr(w, report_attr)
        kwargs = {"slug": report.project.slug, "pk": report.pk, **extra}
        if "render_pk" in extra:
            kwargs["render_pk"] = getattr(w, extra["render_pk"]).pk
        return reverse(name, kwargs=kwargs)

    return build


MATRIX = [
    ("project_list", lambda w: reverse("projects:list"), codes()),
    (
        "project_detail",
        lambda w: reverse("projects:detail", kwargs={"slug": w.project.slug}),
        codes(),
    ),
    (
        "draft_project_detail",
        lambda w: reverse("projects:detail", kwargs={"slug": w.draft.slug}),
        DRAFT,
    ),
    ("group", lambda w: w.sub_group.get_absolute_url(), codes()),
    ("draft_group", lambda w: w.draft_group.get_absolute_url(), DRAFT),
    (
        "reports",
        lambda w: reverse("reports:list", kwargs={"slug": w.project.slug}),
        codes(),
    ),
    (
        "draft_project_reports",
        lambda w: reverse("reports:list", kwargs={"slug": w.draft.slug}),
        DRAFT,
    ),
    (
        "report_create",
        lambda w: reverse("reports:create", kwargs={"slug": w.project.slug}),
        codes(anonymous=302, outsider=403, member=403, steering=403),
    ),
    ("draft_report", lambda w: w.report.get_absolute_url(), REPORT_INSIDERS),
    ("approved_report", lambda w: w.approved_report.get_absolute_url(), codes()),
    (
        "draft_report_edit",
        _report_url("reports:edit", "report", section="background"),
        MANAGERS_ONLY,
    ),
    (
        "approved_report_edit",
        _report_url("reports:edit", "approved_report", section="background"),
        NOBODY,
    ),
    (
        "draft_report_render",
        _report_url("reports:render", "report", render_pk="report_render"),
        LOGIN_THEN_INSIDERS,
    ),
    (
        "approved_report_render",
        _report_url("reports:render", "approved_report", render_pk="approved_render"),
        FOLLOWERS_ONLY,
    ),
    # The downloads are files, not pages: tests/projects/test_reports.py.
    ("report_move", _report_url("reports:move", "report"), POST_ONLY),
    (
        "report_render_create",
        _report_url("reports:render-create", "report"),
        POST_ONLY,
    ),
    (
        "report_render_retry",
        _report_url("reports:render-retry", "report", render_pk="report_render"),
        POST_ONLY,
    ),
]
