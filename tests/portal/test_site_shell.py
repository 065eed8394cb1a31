"""The site shell: language choice, switcher, login, lockout, error pages."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests import factories


@pytest.mark.parametrize(
    ("accept", "target"),
    [("sv-FI,sv;q=0.9", "/sv/"), ("fi", "/fi/"), ("en-GB,en", "/fi/"), ("", "/fi/")],
)
def test_root_redirects_by_browser_language_finnish_by_default(client, accept, target):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 302
    assert response["Location"] == target


def test_unknown_language_prefix_is_404(client, db):  # noqa: ARG001
    assert client.get("/en/").status_code == 404
    assert client.get("/de/hankkeet/").status_code == 404


def test_language_switcher_keeps_the_user_on_the_same_page(client, db):  # noqa: ARG001
    project = factories.ProjectFactory(slug="sama-sivu")
    html = client.get("/fi/hankkeet/sama-sivu/?x=1").content.decode()
    assert 'href="/sv/projekt/sama-sivu/?x=1" hreflang="sv" lang="sv"' in html
    html = client.get(
        f"/sv/projekt/sama-sivu/grupper/{factories.GroupFactory(project=project).pk}/"
    ).content.decode()
    assert 'href="/fi/hankkeet/sama-sivu/ryhmat/' in html


def test_every_page_has_skip_link_main_and_footer_statements(client, db):  # noqa: ARG001
    html = client.get("/sv/").content.decode()
    assert '<a class="skip-link" href="#main">' in html
    assert '<main id="main"' in html
    assert 'href="/sv/tillganglighetsutlatande/"' in html
    assert 'href="/sv/dataskyddsbeskrivning/"' in html


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_login_leads_to_the_workspace(client, db, language):  # noqa: ARG001
    user = factories.UserFactory(username="kirjautuja")
    with translation.override(language):
        login_url, workspace_url = reverse("portal:login"), reverse("portal:workspace")
    response = client.post(
        login_url, {"username": "kirjautuja", "password": "salasana-testi-123"}
    )
    assert response.status_code == 302
    assert response["Location"] == workspace_url
    assert client.session["_auth_user_id"] == str(user.pk)


@pytest.mark.parametrize(
    "data",
    [
        {"username": "x" * 5000, "password": "y"},
        {"username": "ok\x00user", "password": "y"},
        {"username": "", "password": ""},
        {"username": "nobody", "password": "p" * 5000},
    ],
)
def test_malformed_login_shows_the_form_with_errors(client, db, data):  # noqa: ARG001
    response = client.post("/fi/kirjaudu/", data)
    assert response.status_code == 200
    assert 'class="error' in response.content.decode()


def test_repeated_failures_lock_the_login_for_a_while(client, db, settings):  # noqa: ARG001
    factories.UserFactory(username="lukittava")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/sv/logga-in/", {"username": "lukittava", "password": "väärä"})
    response = client.post(
        "/sv/logga-in/", {"username": "lukittava", "password": "salasana-testi-123"}
    )
    assert response.status_code == 429
    assert '<html lang="sv">' in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert settings.AXES_COOLOFF_TIME > 0  # finite: the lockout ends by itself


def test_workspace_lists_projects_and_groups_with_roles(world, client):
    client.force_login(world.member)
    html = client.get("/fi/tyotila/").content.decode()
    assert "Etävastaanotot" in html
    client.force_login(world.manager)
    html = client.get("/fi/tyotila/").content.decode()
    assert "Yhteinen hanke" in html and "Luonnoshanke" in html


def test_demo_outbox_lists_eml_files_for_staff(world, client, settings, tmp_path):
    settings.EMAIL_FILE_PATH = tmp_path
    settings.EMAIL_BACKEND = "portal.lib.mail.EmlFileBackend"
    from django.core.mail import send_mail

    send_mail(
        "Vahvista jäsenyytesi",
        "Avaa linkki: http://127.0.0.1:8000/fi/x/",
        "a@example.fi",
        ["b@example.fi"],
    )
    [eml] = list(tmp_path.glob("*.eml"))
    client.force_login(world.admin)
    html = client.get("/fi/demo-postilaatikko/").content.decode()
    assert "Vahvista jäsenyytesi" in html
    html = client.get(f"/fi/demo-postilaatikko/{eml.name}/").content.decode()
    assert '<a href="http://127.0.0.1:8000/fi/x/"' in html
    assert client.get("/fi/demo-postilaatikko/..%2Fsecret/").status_code == 404


def test_home_shows_the_latest_published_newsletters_and_invites_to_join(world, client):
    from django.utils import timezone

    from newsletters.models import NewsletterIssue
    from tests.newsletters.helpers import issue_for

    issue_for(
        world.project,
        number=7,
        status=NewsletterIssue.Status.PUBLISHED,
        published_at=timezone.now(),
    )
    issue_for(world.project, number=8)  # a draft stays out
    html = client.get("/sv/").content.decode()
    assert "7/2021" in html and "Höstens nyheter" in html
    assert "8/2021" not in html
    assert 'href="/sv/utvecklargemenskap/"' in html
