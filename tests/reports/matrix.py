"""The reports' URLs in the role × URL matrix.

world.report is a draft final report of world.project (the steering user
chairs its steering group); world.review_report an administrative report in
review; world.approved_report an approved administrative report, frozen
through the approval service. Each has a finished Finnish PDF render;
world.old_render is a PDF of a draft revision of the approved report.
"""

from datetime import date

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from reports import services
from reports.models import Report, ReportRender
from tests.matrix import DRAFT, codes

# Drafts: the project's managers and its steering group; nobody else knows.
REPORT_INSIDERS = codes(anonymous=404, outsider=404, member=404)
LOGIN_THEN_INSIDERS = codes(anonymous=302, outsider=404, member=404)
MANAGERS_ONLY = codes(anonymous=302, outsider=404, member=404, steering=403)
NOBODY = codes(
    anonymous=302, outsider=403, member=403, steering=403, manager=403, admin=403
)
POST_ONLY = dict.fromkeys(codes(), 405)
# The approval page: the chair of the steering group; others who see the
# report are refused, those who don't are told nothing.
APPROVERS_ONLY = codes(
    anonymous=302, outsider=404, member=404, steering=200, manager=403, admin=403
)


def done_render(
    report: Report, language: str = "fi", revision: int | None = None
) -> ReportRender:
    from pathlib import Path

    revision = report.revision if revision is None else revision
    name = f"matrix-{report.kind}-{report.pk}-{revision}-{language}.pdf"
    path = Path(settings.REPORTS_PDF_DIR) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"%PDF-1.7\n% matrix fixture " + name.encode() + b"\n")
    return ReportRender.objects.create(
        report=report,
        language=language,
        revision=revision,
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
    world.review_report = Report.objects.create(
        project=world.project,
        kind=Report.Kind.ADMINISTRATIVE,
        start_date=date(2022, 11, 1),
        end_date=date(2023, 4, 30),
        status=Report.Status.REVIEW,
        background_fi="Tarkastettava.",
    )
    world.approved_report = Report.objects.create(
        project=world.project,
        kind=Report.Kind.ADMINISTRATIVE,
        start_date=date(2022, 5, 1),
        end_date=date(2022, 10, 31),
        status=Report.Status.REVIEW,
        background_fi="Hyväksytty teksti.",
        revision=2,
    )
    services.report_approve(
        report=world.approved_report, user=world.steering, revision=2
    )
    world.approved_report.refresh_from_db()
    ReportRender.objects.filter(report=world.approved_report).delete()
    world.report_render = done_render(world.report)
    world.approved_render = done_render(world.approved_report)
    world.old_render = done_render(world.approved_report, revision=1)


def _report_url(name: str, report_attr: str, **extra):  # noqa: ANN003
    def build(w) -> str:  # noqa: ANN001
        report = getattr(w, report_attr)
        kwargs = {"slug": report.project.slug, "pk": report.pk}
        more = dict(extra)
        if "render" in more:
            kwargs["key"] = getattr(w, more.pop("render")).key
        return reverse(name, kwargs={**kwargs, **more})

    return build


MATRIX = [
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
    ("review_report", lambda w: w.review_report.get_absolute_url(), REPORT_INSIDERS),
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
        "review_report_approve",
        _report_url("reports:approve", "review_report"),
        APPROVERS_ONLY,
    ),
    (
        "draft_report_approve",
        _report_url("reports:approve", "report"),
        codes(
            anonymous=302,
            outsider=404,
            member=404,
            steering=403,
            manager=403,
            admin=403,
        ),
    ),
    # Already approved: everyone who can see it is sent back to it.
    (
        "approved_report_approve",
        _report_url("reports:approve", "approved_report"),
        dict.fromkeys(codes(), 302),
    ),
    (
        "draft_report_render",
        _report_url("reports:render", "report", render="report_render"),
        LOGIN_THEN_INSIDERS,
    ),
    (
        "approved_report_render",
        _report_url("reports:render", "approved_report", render="approved_render"),
        LOGIN_THEN_INSIDERS,
    ),
    (
        "old_revision_render",
        _report_url("reports:render", "approved_report", render="old_render"),
        LOGIN_THEN_INSIDERS,
    ),
    # A key of another report's render.
    (
        "render_key_of_another_report",
        _report_url("reports:render", "approved_report", render="report_render"),
        LOGIN_THEN_INSIDERS | {"steering": 404, "manager": 404, "admin": 404},
    ),
    # The downloads are files, not pages: tests/reports/test_access.py.
    ("report_move", _report_url("reports:move", "report"), POST_ONLY),
    (
        "report_render_create",
        _report_url("reports:render-create", "report"),
        POST_ONLY,
    ),
    (
        "report_render_retry",
        _report_url("reports:render-retry", "report", render="report_render"),
        POST_ONLY,
    ),
]
