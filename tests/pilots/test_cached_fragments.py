"""Signed-in pages take their content from cached fragments: never stale, and
never another viewer's edit links."""

from datetime import date
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from pilots import services
from pilots.models import Phase
from tests import factories
from tests.conftest import client_for


def _html(client, url: str) -> str:  # noqa: ANN001
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def _edit_url(world, entry) -> str:  # noqa: ANN001
    return reverse("pilots:entry-edit", args=[world.pilot.pk, entry.pk])


def test_a_new_entry_shows_at_once_on_both_signed_in_pages(world):
    member = client_for(world, "member")
    detail, log = world.pilot.get_absolute_url(), world.pilot.get_log_url()
    assert "Uusi julkinen merkintä." not in _html(member, detail)
    assert "Uusi julkinen merkintä." not in _html(member, log)
    response = member.post(
        log,
        {
            "pilot": world.pilot.pk,
            "version": world.pilot.version,
            "date": "2022-07-01",
            "text": "Uusi julkinen merkintä.",
            "visibility": "public",
        },
    )
    assert response.status_code == 302
    assert "Uusi julkinen merkintä." in _html(member, detail)
    assert "Uusi julkinen merkintä." in _html(member, log)


def test_an_edited_entry_and_a_phase_change_show_at_once(world):
    manager = client_for(world, "manager")
    detail = world.pilot.get_absolute_url()
    _html(manager, detail)
    _html(manager, world.pilot.get_log_url())
    services.entry_update(
        entry=world.pilot_public_entry,
        by=world.manager,
        date=date(2022, 6, 7),
        text="Korjattu teksti.",
        is_public=True,
    )
    services.entry_create(
        pilot=world.pilot,
        author=world.member,
        date=date(2022, 9, 1),
        text="Arviointi alkaa.",
        is_public=True,
        new_phase=Phase.EVALUATING,
    )
    page = _html(manager, detail)
    assert "Korjattu teksti." in page and "Julkinen merkintä." not in page
    assert 'aria-current="step"><time datetime="2022-09-01"' in page
    log = _html(manager, world.pilot.get_log_url())
    assert "Korjattu teksti." in log
    # The blank form carries the pilot's new version.
    world.pilot.refresh_from_db()
    assert f'name="version" value="{world.pilot.version}"' in log


def test_measurements_from_a_csv_file_show_at_once(
    world, django_capture_on_commit_callbacks
):
    member = client_for(world, "member")
    detail = world.pilot.get_absolute_url()
    assert "3,5" not in _html(member, detail)
    with django_capture_on_commit_callbacks(execute=True):
        response = member.post(
            reverse("pilots:measurements-import", args=[world.pilot.pk]),
            {
                "pilot": world.pilot.pk,
                "indicator": world.indicator.pk,
                "file": SimpleUploadedFile("m.csv", b"1.12.2022;3,5\n"),
                "confirm_dates": "on",
            },
        )
    assert response.status_code == 302
    assert "3,5" in _html(member, detail)


def test_edit_links_are_each_viewers_own(world):
    managers_entry = services.entry_create(
        pilot=world.pilot,
        author=world.manager,
        date=date(2022, 6, 9),
        text="Päällikön merkintä.",
        is_public=False,
    )
    members_entry = world.pilot_internal_entry
    other = factories.UserFactory()
    factories.MembershipFactory(user=other, group=world.sub_group)
    others_client = client_for(world, "member")
    others_client.force_login(other)
    log = world.pilot.get_log_url()
    # Each in turn, on the same cached content version.
    for _ in range(2):
        as_member = _html(client_for(world, "member"), log)
        assert _edit_url(world, members_entry) in as_member
        assert _edit_url(world, managers_entry) not in as_member
        as_manager = _html(client_for(world, "manager"), log)
        assert _edit_url(world, members_entry) in as_manager
        assert _edit_url(world, managers_entry) in as_manager
        as_other = _html(others_client, log)
        assert _edit_url(world, members_entry) not in as_other
        assert "Päällikön merkintä." in as_other


def test_the_blank_form_is_not_shared_with_a_refused_one(world):
    member = client_for(world, "member")
    log = world.pilot.get_log_url()
    _html(member, log)
    response = member.post(
        log,
        {
            "pilot": world.pilot.pk,
            "version": world.pilot.version,
            "date": "2022-07-01",
            "text": "",
            "visibility": "public",
            "indicator": world.indicator.pk,
            "value": "12,5",
        },
    )
    assert "Kirjoita, mitä tapahtui" in response.content.decode()
    assert 'value="12,5"' in response.content.decode()
    blank = _html(member, log)
    assert "Kirjoita, mitä tapahtui" not in blank
    assert 'value="12,5"' not in blank
    assert Decimal("12.5") not in [m.value for m in world.indicator.measurements.all()]


def test_each_page_of_the_log_is_its_own(world, settings):
    settings.PORTAL_PAGE_SIZE = 1
    member = client_for(world, "member")
    log = world.pilot.get_log_url()
    for _ in range(2):
        first, second = _html(member, log), _html(member, log + "?page=2")
        assert "Sisäinen merkintä." in first and "Julkinen merkintä." not in first
        assert "Julkinen merkintä." in second and "Sisäinen merkintä." not in second
        # The page links keep the other parameters of the address they are on.
        assert "?page=1&amp;x=1" in _html(member, log + "?page=2&x=1")
        assert "x=1" not in _html(member, log + "?page=2")
