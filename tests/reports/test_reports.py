"""Reports: drafting, review and approval, the HTML view built from live
data, and who may see or download what."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from projects.models import (
    Event,
    Goal,
    GoalAssessment,
    Group,
    Membership,
    ReportApprovers,
    Subproject,
)
from reports import services
from reports.models import Report, ReportRender
from tests import factories
from tests.conftest import client_for
from tests.reports.matrix import extend_world


@pytest.fixture
def world(world):  # noqa: ANN001
    """The shared world without its reports: each test makes its own."""
    Report.objects.all().delete()
    return world


def _url(name: str, report: Report, language: str = "fi", **kwargs) -> str:  # noqa: ANN003
    with translation.override(language):
        return reverse(
            name, kwargs={"slug": report.project.slug, "pk": report.pk, **kwargs}
        )


def _page(client, url: str) -> str:  # noqa: ANN001
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


# --- Drafting -------------------------------------------------------------------


def test_a_manager_starts_a_final_report_from_the_projects_description(world):
    world.project.background_fi = "Hankkeen tausta."
    world.project.background_sv = "Projektets bakgrund."
    world.project.save()
    client = client_for(world, "manager")
    with translation.override("fi"):
        url = reverse("reports:create", kwargs={"slug": world.project.slug})
    response = client.post(url, {"kind": "final"})
    report = Report.objects.get(project=world.project, kind="final", version=1)
    assert response.status_code == 302
    assert response["Location"] == report.get_absolute_url()
    assert report.status == Report.Status.DRAFT
    assert report.background_fi == "Hankkeen tausta."
    assert report.background_sv == "Projektets bakgrund."
    page = _page(client, report.get_absolute_url())
    assert "Hankkeen tausta." in page


def test_an_administrative_report_needs_a_period_in_order(world):
    client = client_for(world, "manager")
    with translation.override("fi"):
        url = reverse("reports:create", kwargs={"slug": world.project.slug})
    response = client.post(
        url,
        {"kind": "administrative", "start_date": "31.10.2015", "end_date": "1.5.2015"},
    )
    assert response.status_code == 200
    assert (
        "Raportointikausi ei voi päättyä ennen kuin se alkaa."
        in response.content.decode()
    )
    response = client.post(url, {"kind": "administrative"})
    assert "Anna hallinnollisen raportin raportointikausi." in response.content.decode()
    assert not Report.objects.exists()
    response = client.post(
        url,
        {"kind": "administrative", "start_date": "1.5.2015", "end_date": "31.10.2015"},
    )
    report = Report.objects.get()
    assert report.title == "Hallinnollinen raportti 1.5.2015–31.10.2015"


def test_a_second_report_of_the_same_kind_is_refused_with_a_message(world):
    services.report_create(project=world.project, kind="final", user=world.manager)
    client = client_for(world, "manager")
    with translation.override("sv"):
        url = reverse("reports:create", kwargs={"slug": world.project.slug})
    response = client.post(url, {"kind": "final"})
    assert response.status_code == 200
    assert "En sådan rapport finns redan." in response.content.decode()
    assert Report.objects.count() == 1


def test_a_section_is_saved_in_both_languages_without_markup(world):
    report = services.report_create(
        project=world.project, kind="final", user=world.manager
    )
    client = client_for(world, "manager")
    response = client.post(
        _url("reports:edit", report, section="outputs"),
        {
            "text_fi": "Tuotokset.\n\n- yksi\n- kaksi <script>alert(1)</script>",
            "text_sv": "<b>Resultat</b>",
            "revision": report.revision,
        },
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.revision == 2
    assert "<script>" not in report.outputs_fi
    assert report.outputs_sv == "Resultat"
    page = _page(client, report.get_absolute_url())
    assert "<li>yksi</li>" in page
    assert "<script>alert" not in page


def test_two_editors_saving_the_same_section_do_not_overwrite_each_other(world):
    report = services.report_create(
        project=world.project, kind="final", user=world.manager
    )
    client = client_for(world, "manager")
    url = _url("reports:edit", report, section="outputs")
    first = {"text_fi": "Ensimmäinen.", "text_sv": "", "revision": report.revision}
    second = {"text_fi": "Toinen.", "text_sv": "", "revision": report.revision}
    assert client.post(url, first).status_code == 302
    response = client.post(url, second)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Joku muu tallensi tämän osion" in page
    assert "Toinen." in page  # the second editor's text is still in the form
    report.refresh_from_db()
    assert report.outputs_fi == "Ensimmäinen."


def test_an_empty_section_says_it_is_not_filled_in_in_the_pages_language(world):
    report = Report.objects.create(project=world.project, kind="final")
    client = client_for(world, "manager")
    assert "Ei täytetty." in _page(client, _url("reports:detail", report, "fi"))
    assert "Inte ifyllt." in _page(client, _url("reports:detail", report, "sv"))


def test_swedish_report_shows_finnish_text_marked_as_finnish(world):
    report = Report.objects.create(
        project=world.project, kind="final", outputs_fi="Vain suomeksi."
    )
    page = _page(client_for(world, "manager"), _url("reports:detail", report, "sv"))
    assert '<div class="prose" lang="fi"><p>Vain suomeksi.</p></div>' in page
    assert "Den här texten finns inte ännu på svenska." in page


# --- Review and approval --------------------------------------------------------


def _in_review(world) -> Report:  # noqa: ANN001
    report = services.report_create(
        project=world.project, kind="final", user=world.manager
    )
    report = services.report_update_section(
        report=report,
        section="background",
        texts={"fi": "Hankkeen tausta.", "sv": "Projektets bakgrund."},
        revision=report.revision,
        user=world.manager,
    )
    return services.report_move(report=report, action="submit", user=world.manager)


def test_the_steering_group_chair_approves_and_the_text_is_locked(world, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    report = _in_review(world)
    client = client_for(world, "steering")
    response = client.post(
        _url("reports:approve", report), {"revision": report.revision}
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == Report.Status.APPROVED
    assert report.approved_by == world.steering
    assert report.approved_at is not None
    # Approval asks for the PDFs in both languages at once.
    assert set(report.renders.values_list("language", flat=True)) == {"fi", "sv"}
    # Locked: no editing, not even by the manager or a site admin.
    for role in ("manager", "admin"):
        edit = _url("reports:edit", report, section="outputs")
        assert client_for(world, role).get(edit).status_code == 403
    with pytest.raises(services.ReportError):
        services.report_update_section(
            report=report,
            section="outputs",
            texts={"fi": "x"},
            revision=report.revision,
            user=world.manager,
        )
    # Now public.
    anonymous = client_for(world, "anonymous")
    assert anonymous.get(report.get_absolute_url()).status_code == 200


def test_a_plain_steering_member_may_approve_only_if_the_project_says_so(world):
    report = _in_review(world)
    member = factories.UserFactory(username="jasen")
    Membership.objects.create(
        user=member, group=world.steering_group, role=Membership.Role.MEMBER
    )
    client = client_for(world, "anonymous")
    client.force_login(member)
    url = _url("reports:approve", report)
    data = {"revision": report.revision}
    assert client.post(url, data).status_code == 403
    world.project.report_approvers = ReportApprovers.STEERING
    world.project.save()
    assert client.post(url, data).status_code == 302
    report.refresh_from_db()
    assert report.approved_by == member


@pytest.mark.parametrize("role", ["manager", "member", "outsider"])
def test_nobody_outside_the_steering_group_approves(world, role):
    report = _in_review(world)
    response = client_for(world, role).post(
        _url("reports:approve", report), {"revision": report.revision}
    )
    assert response.status_code == (403 if role == "manager" else 404)
    report.refresh_from_db()
    assert report.status == Report.Status.REVIEW


def test_a_draft_cannot_be_approved_before_it_is_sent_for_approval(world):
    report = services.report_create(
        project=world.project, kind="final", user=world.manager
    )
    response = client_for(world, "steering").post(
        _url("reports:approve", report), {"revision": report.revision}
    )
    assert response.status_code == 403
    report.refresh_from_db()
    assert report.status == Report.Status.DRAFT


def test_a_new_version_opens_from_an_approved_report(world):
    report = _in_review(world)
    services.report_approve(
        report=report, user=world.steering, revision=report.revision
    )
    client = client_for(world, "manager")
    response = client.post(_url("reports:move", report), {"action": "new_version"})
    new = Report.objects.get(previous=report)
    assert response["Location"] == new.get_absolute_url()
    assert (new.version, new.status) == (2, Report.Status.DRAFT)
    assert new.background_fi == report.background_fi
    # Only one: a second press says so and changes nothing.
    client.post(_url("reports:move", report), {"action": "new_version"})
    assert Report.objects.filter(previous=report).count() == 1


# --- Appendices from live data ----------------------------------------------------


def test_the_appendices_come_from_the_projects_data_with_totals(world):
    goal = Goal.objects.create(
        project=world.project, number="1", text_fi="Palvelut paranevat."
    )
    GoalAssessment.objects.create(
        goal=goal, result=GoalAssessment.Result.PARTLY, evaluation_fi="Osittain."
    )
    for title, count in (("Koulutus A", 205), ("Koulutus B", 170), ("Koulutus C", 24)):
        Event.objects.create(
            project=world.project,
            kind=Event.Kind.TRAINING,
            title_fi=title,
            date=date(2021, 5, 1),
            participant_count=count,
        )
    report = Report.objects.create(project=world.project, kind="final")
    page = _page(client_for(world, "manager"), report.get_absolute_url())
    assert "Liite 1. Tavoitteiden itsearviointi" in page
    assert "Palvelut paranevat." in page
    assert "Osittain saavutettu" in page
    assert "Koulutus A" in page
    assert ">399<" in page  # 205 + 170 + 24


def test_the_administrative_report_shows_its_period_only(world):
    sub = Subproject.objects.create(
        project=world.project,
        name_fi="Lapin osakokonaisuus",
        staff_fi="kehittäjäsosiaalityöntekijä 100 %",
        person_years=1.5,
        costs=52000,
    )
    Goal.objects.create(
        project=world.project, subproject=sub, number="1", text_fi="Osallisuus."
    )
    team = factories.GroupFactory(project=world.project, kind=Group.Kind.PROJECT_TEAM)
    for day, title in (
        (date(2015, 6, 18), "Kesäkokous"),
        (date(2016, 1, 5), "Myöhemmin"),
    ):
        Event.objects.create(
            project=world.project,
            kind=Event.Kind.MEETING,
            group=team,
            title_fi=title,
            date=day,
        )
    report = Report.objects.create(
        project=world.project,
        kind="administrative",
        start_date=date(2015, 5, 1),
        end_date=date(2015, 10, 31),
    )
    page = _page(client_for(world, "manager"), report.get_absolute_url())
    assert "kehittäjäsosiaalityöntekijä 100 %" in page
    assert "Osallisuus." in page
    assert "Kesäkokous" in page
    assert "Myöhemmin" not in page
    assert "52\N{NO-BREAK SPACE}000" in page


def test_report_page_queries_do_not_grow_with_the_data(world):
    report = Report.objects.create(project=world.project, kind="final")
    client = client_for(world, "manager")

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            _page(client, report.get_absolute_url())
        return len(queries)

    def grow(n: int) -> None:
        for i in range(n):
            goal = Goal.objects.create(
                project=world.project,
                number=f"{10 + len(Goal.objects.all())}.{i}",
                text_fi="Tavoite.",
            )
            GoalAssessment.objects.create(goal=goal, result="met")
            Event.objects.create(
                project=world.project,
                kind="training",
                title_fi="K",
                date=date(2021, 1, 1),
            )

    grow(2)
    before = count()
    grow(20)
    assert count() == before


# --- PDFs: who may ask for them and download them ------------------------------


def test_a_second_click_gives_the_same_render(world, settings):
    report = _in_review(world)
    client = client_for(world, "steering")
    url = _url("reports:render-create", report)
    first = client.post(url, {"language": "sv"})
    second = client.post(url, {"language": "sv"})
    assert first["Location"] == second["Location"]
    assert ReportRender.objects.filter(report=report, language="sv").count() == 1


def test_a_render_request_for_a_report_the_user_may_not_see_is_404(world):
    report = _in_review(world)
    for role in ("outsider", "member"):
        response = client_for(world, role).post(
            _url("reports:render-create", report), {"language": "fi"}
        )
        assert response.status_code == 404
    assert not ReportRender.objects.exists()


DOWNLOAD = {
    "anonymous": 404,
    "outsider": 404,
    "member": 404,
    "steering": 200,
    "manager": 200,
    "admin": 200,
}


@pytest.mark.parametrize("role", list(DOWNLOAD))
def test_draft_pdfs_are_for_managers_and_the_steering_group(world, role):
    extend_world(world)
    url = _url(
        "reports:render-download",
        world.report,
        key=world.report_render.key,
    )
    response = client_for(world, role).get(url)
    assert response.status_code == DOWNLOAD[role]
    if response.status_code == 200:
        assert response["Content-Type"] == "application/pdf"
        assert "no-store" in response["Cache-Control"]
        assert b"".join(response.streaming_content).startswith(b"%PDF")


@pytest.mark.parametrize("role", list(DOWNLOAD))
def test_approved_pdfs_are_public(world, role):
    extend_world(world)
    render = world.approved_render
    url = _url("reports:render-download", world.approved_report, key=render.key)
    response = client_for(world, role).get(url)
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]


def test_the_approved_report_page_offers_its_pdfs_to_everyone(world):
    extend_world(world)
    page = _page(
        client_for(world, "anonymous"), world.approved_report.get_absolute_url()
    )
    assert "Lataa suomenkielinen PDF-tiedosto" in page
    assert (
        "Luo PDF-tiedosto" not in page
    )  # asking for a new one is for the steering group


def test_a_finished_pdf_shows_on_the_cached_public_page_at_once(world):
    extend_world(world)
    report = world.approved_report
    ReportRender.objects.filter(report=report).delete()
    anonymous = client_for(world, "anonymous")
    assert "Lataa suomenkielinen PDF-tiedosto" not in _page(
        anonymous, report.get_absolute_url()
    )
    render, _ = services.report_render_request(
        report=report, language="fi", user=world.steering
    )
    render = services.report_render_claim(render_id=render.pk, task_id="worker")
    services.report_render_finish(
        render=render,
        file_name=world.approved_render.file_name,
        size=10,
        page_count=1,
    )
    assert "Lataa suomenkielinen PDF-tiedosto" in _page(
        anonymous, report.get_absolute_url()
    )


def test_the_workspace_lists_the_reports_awaiting_each_role(world):
    report = _in_review(world)
    draft = services.report_create(
        project=world.project,
        kind="administrative",
        start_date=date(2024, 1, 1),
        end_date=date(2024, 6, 30),
        user=world.manager,
    )
    with translation.override("fi"):
        url = reverse("portal:workspace")
    steering = _page(client_for(world, "steering"), url)
    assert "Odottaa hyväksyntää:" in steering and report.get_absolute_url() in steering
    assert draft.get_absolute_url() not in steering  # drafts are the managers'
    manager = _page(client_for(world, "manager"), url)
    assert report.get_absolute_url() in manager and draft.get_absolute_url() in manager
    assert report.get_absolute_url() not in _page(client_for(world, "member"), url)
