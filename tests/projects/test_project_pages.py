"""What visitors see on the project list, project and group pages."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from projects.models import Group, Membership, OperatingModel, Project
from tests import factories


def _get(client, language: str, name: str, **kwargs):
    with translation.override(language):
        url = reverse(name, kwargs=kwargs or None)
    return client.get(url)


@pytest.mark.parametrize(
    ("language", "grant", "period"),
    [
        ("fi", "624\xa0601\xa0€", "1.8.2020–31.12.2022"),
        ("sv", "624\xa0601\xa0€", "1.8.2020–31.12.2022"),
    ],
)
def test_funding_and_period_are_formatted_the_finnish_way(
    client, db, language, grant, period
):  # noqa: ARG001
    project = factories.ProjectFactory(
        state_grant=Decimal("624601.00"),
        own_funding=Decimal("69400"),
        start_date=datetime.date(2020, 8, 1),
        end_date=datetime.date(2022, 12, 31),
    )
    html = _get(client, language, "projects:detail", slug=project.slug).content.decode()
    assert grant in html
    assert "694\xa0001\xa0€" in html  # total = grant + own funding
    assert period in html


def test_swedish_page_marks_finnish_fallback_content(client, db):  # noqa: ARG001
    project = factories.ProjectFactory(
        background_fi="Taustaa suomeksi.",
        background_sv="",
        implementation_fi="Toteutus.",
        implementation_sv="Genomförande.",
    )
    html = _get(client, "sv", "projects:detail", slug=project.slug).content.decode()
    assert '<div class="prose" lang="fi"><p>Taustaa suomeksi.</p></div>' in html
    assert "<p>Genomförande.</p>" in html
    assert html.count('class="fallback-note"') == 1
    assert "finns inte ännu på svenska" in html


def test_finnish_page_never_shows_a_fallback_note(client, db):  # noqa: ARG001
    project = factories.ProjectFactory(background_fi="Taustaa.", background_sv="")
    html = _get(client, "fi", "projects:detail", slug=project.slug).content.decode()
    assert 'lang="fi"' not in html.split("<main", 1)[1]
    assert "fallback-note" not in html


def test_group_tree_shows_sub_groups_under_their_parent_with_chair_and_contact(
    client, db
):  # noqa: ARG001
    project = factories.ProjectFactory()
    health = factories.GroupFactory(project=project, name_fi="Terveyspalvelut")
    for name in ("Etävastaanotto", "Neuvola", "Suun terveys", "Kuntoutus"):
        factories.GroupFactory(
            project=project, parent=health, kind=Group.Kind.SUB, name_fi=name
        )
    chair = factories.UserFactory(first_name="Kaisa", last_name="Kokki")
    factories.MembershipFactory(
        group=health, user=chair, role=Membership.Role.CHAIR, is_contact=True
    )
    html = _get(client, "fi", "projects:detail", slug=project.slug).content.decode()
    tree = html.split('id="groups-heading"', 1)[1].split("</section>", 1)[0]
    assert (
        tree.index("Terveyspalvelut")
        < tree.index("<ul>")
        < tree.index("Etävastaanotto")
    )
    assert tree.count("<li>") == 5
    assert "Kaisa Kokki" in tree


def test_goals_are_numbered_in_numeric_order(client, db):  # noqa: ARG001
    project = factories.ProjectFactory()
    one = factories.GoalFactory(project=project, number="1", text_fi="Pääote")
    for number in ("1.10", "1.2", "1.1"):
        factories.GoalFactory(
            project=project, number=number, parent=one, text_fi=f"Ala {number}"
        )
    html = _get(client, "fi", "projects:detail", slug=project.slug).content.decode()
    assert html.index("Ala 1.1<") < html.index("Ala 1.2<") < html.index("Ala 1.10<")


def test_operating_models_show_phase_and_innokyla_link(client, db):  # noqa: ARG001
    project = factories.ProjectFactory()
    factories.OperatingModelFactory(
        project=project,
        name_fi="Etäneuvonta",
        phase=OperatingModel.Phase.EMBEDDED,
        innokyla_url="https://innokyla.fi/fi/toimintamalli/etaneuvonta",
    )
    html = _get(client, "sv", "projects:detail", slug=project.slug).content.decode()
    assert 'href="https://innokyla.fi/fi/toimintamalli/etaneuvonta"' in html
    assert '<span class="phase phase-embedded">Förankrad</span>' in html


def test_events_show_participants_and_totals(client, db):  # noqa: ARG001
    project = factories.ProjectFactory()
    for count in (205, 170, 24):
        factories.EventFactory(project=project, participant_count=count)
    html = _get(client, "fi", "projects:detail", slug=project.slug).content.decode()
    for count in ("205", "170", "24", "399"):
        assert count in html


def test_list_filters_by_region_and_status(client, db):  # noqa: ARG001
    north = factories.RegionFactory(code="pohjoinen")
    factories.ProjectFactory(name_fi="Pohjoisen hanke", regions=[north])
    factories.ProjectFactory(name_fi="Muu hanke", status=Project.Status.COMPLETED)
    with translation.override("fi"):
        url = reverse("projects:list")
    html = client.get(url, {"region": "pohjoinen"}).content.decode()
    assert "Pohjoisen hanke" in html and "Muu hanke" not in html
    html = client.get(url, {"status": "completed"}).content.decode()
    assert "Muu hanke" in html and "Pohjoisen hanke" not in html


@pytest.mark.parametrize(
    "query", [{"status": "bogus"}, {"region": "ei-ole"}, {"page": "x"}, {"page": "999"}]
)
def test_malformed_filter_gives_the_list_with_a_message(client, db, query):  # noqa: ARG001
    factories.ProjectFactory(name_fi="Näkyvä hanke")
    with translation.override("sv"):
        url = reverse("projects:list")
    response = client.get(url, query)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Näkyvä hanke" in html or "Projekt" in html
    if "page" not in query:
        assert "message-error" in html


def test_list_has_an_empty_state(client, db):  # noqa: ARG001
    html = _get(client, "fi", "projects:list").content.decode()
    assert 'class="empty"' in html


def test_list_paginates(client, db, settings):  # noqa: ARG001
    settings.PORTAL_PAGE_SIZE = 2
    for _ in range(5):
        factories.ProjectFactory()
    with translation.override("fi"):
        url = reverse("projects:list")
    html = client.get(url, {"page": 3}).content.decode()
    assert html.count('class="card"') == 1
    assert 'rel="prev"' in html and 'rel="next"' not in html


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_unknown_slug_gives_404_in_the_pages_language(client, db, language):  # noqa: ARG001
    response = _get(client, language, "projects:detail", slug="ei-tallaista")
    assert response.status_code == 404
    assert f'<html lang="{language}">' in response.content.decode()
