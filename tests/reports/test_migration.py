"""A database made before reports had their own app keeps its reports.

The schema is taken back to the last migrations of the previous main
(reports in ``projects``), rows are written with those historical models,
then everything is migrated forward: the report, its approval and both
renders are there, in the ``reports`` app, each render with its own key.
"""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone


def _executor() -> MigrationExecutor:
    return MigrationExecutor(connection)


@pytest.mark.django_db(transaction=True)
def test_reports_made_before_the_move_are_kept():
    # Back to the previous main: reports in projects, no reports app yet.
    _executor().migrate([("reports", None), ("projects", "0002_reports")])
    old = _executor().loader.project_state([("projects", "0002_reports")]).apps
    User = old.get_model("auth", "User")  # noqa: N806
    Project = old.get_model("projects", "Project")  # noqa: N806
    Report = old.get_model("projects", "Report")  # noqa: N806
    ReportRender = old.get_model("projects", "ReportRender")  # noqa: N806
    chair = User.objects.create(username="chair-before-move")
    project = Project.objects.create(
        slug="ennen-siirtoa", name="Ennen siirtoa", name_fi="Ennen siirtoa"
    )
    report = Report.objects.create(
        project=project,
        kind="final",
        status="approved",
        revision=4,
        background="Tausta ennen siirtoa.",
        background_fi="Tausta ennen siirtoa.",
        background_sv="Bakgrund före flytten.",
        approved_by=chair,
        approved_at=timezone.now(),
    )
    for language in ("fi", "sv"):
        ReportRender.objects.create(
            report=report,
            language=language,
            revision=4,
            status="done",
            progress=100,
            file_name=f"ennen-{language}.pdf",
            size=1234,
            page_count=9,
        )

    executor = _executor()
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    from reports.models import Report as MovedReport
    from reports.models import ReportRender as MovedRender

    moved = MovedReport.objects.get(pk=report.pk)
    assert moved.project.slug == "ennen-siirtoa"
    assert (moved.status, moved.revision, moved.approved_by.username) == (
        "approved",
        4,
        "chair-before-move",
    )
    assert moved.background_sv == "Bakgrund före flytten."
    renders = list(MovedRender.objects.filter(report=moved).order_by("language"))
    assert [(r.language, r.file_name, r.page_count) for r in renders] == [
        ("fi", "ennen-fi.pdf", 9),
        ("sv", "ennen-sv.pdf", 9),
    ]
    keys = {r.key for r in renders}
    assert len(keys) == 2 and all(len(key) >= 32 for key in keys)
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
    assert "reports_report" in tables and "projects_report" not in tables
