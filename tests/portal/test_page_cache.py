"""Anonymous visitors get public pages from the cache, never stale ones."""

from django.utils import translation

from tests import factories


def test_second_anonymous_visit_is_served_from_the_cache(
    client, db, django_assert_num_queries
):  # noqa: ARG001
    project = factories.ProjectFactory(name_fi="Välimuistihanke")
    url = project.get_absolute_url()
    first = client.get(url)
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get(url)
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert "Content-Security-Policy" in second


def test_a_content_change_is_visible_at_once(client, db):  # noqa: ARG001
    project = factories.ProjectFactory(name_fi="Vanha nimi")
    url = project.get_absolute_url()
    client.get(url)
    project.name_fi = "Uusi nimi"
    project.save(update_fields=["name_fi"])
    response = client.get(url)
    assert response["X-Page-Cache"] == "miss"
    assert "Uusi nimi" in response.content.decode()


def test_languages_are_cached_apart(client, db):  # noqa: ARG001
    project = factories.ProjectFactory(name_fi="Hanke FI", name_sv="Projekt SV")
    for language, name in (
        ("fi", "Hanke FI"),
        ("sv", "Projekt SV"),
        ("fi", "Hanke FI"),
    ):
        with translation.override(language):
            url = project.get_absolute_url()
        assert name in client.get(url).content.decode()


def test_signed_in_users_bypass_the_cache(world, client):
    url = world.project.get_absolute_url()
    client.get(url)
    client.force_login(world.manager)
    response = client.get(url)
    assert "X-Page-Cache" not in response
    assert 'hx-headers=\'{"X-CSRFToken"' in response.content.decode()


def test_pages_with_a_message_are_not_cached(client, db):  # noqa: ARG001
    response = client.get("/fi/hankkeet/?status=bogus")
    assert "message-error" in response.content.decode()
    assert "X-Page-Cache" not in response
    assert "message-error" in client.get("/fi/hankkeet/?status=bogus").content.decode()


def test_survey_responses_and_deliveries_leave_the_cache_alone(db):  # noqa: ARG001
    from django.apps import apps
    from django.core.cache import cache

    from portal.pagecache import NOT_SHOWN_PUBLICLY, VERSION_KEY, bump_version

    cache.set(VERSION_KEY, 7, timeout=None)
    for label in NOT_SHOWN_PUBLICLY:
        bump_version(apps.get_model(label))
    assert cache.get(VERSION_KEY) == 7
    bump_version(apps.get_model("projects.Project"))
    assert cache.get(VERSION_KEY) == 8
