"""Logging progress: htmx and plain posts, phase changes, edits, bad input."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from pilots import services
from pilots.demo import tiny_png
from pilots.models import AuditLine, Phase, ProgressEntry
from tests.conftest import client_for


def _post(client, target, htmx: bool = False, **data):  # noqa: ANN001, ANN003
    fields = {
        "pilot": target.pk,
        "version": target.version,
        "date": "2022-07-01",
        "text": "Ajanvarauksia oli viikolla 40.",
        "visibility": "internal",
        "new_phase": "",
    }
    fields.update(data)
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    return client.post(target.get_log_url(), fields, **headers)


def test_member_logs_an_entry_without_javascript(world):
    response = _post(client_for(world, "member"), world.pilot)
    assert response.status_code == 302
    assert response["Location"] == world.pilot.get_log_url()
    entry = world.pilot.entries.get(text="Ajanvarauksia oli viikolla 40.")
    assert entry.author == world.member and not entry.is_public
    assert AuditLine.objects.filter(entry=entry, action="created").exists()


@pytest.mark.parametrize(
    ("language", "announced"),
    [("fi", "Merkintä tallennettiin."), ("sv", "Anteckningen sparades.")],
)
def test_htmx_post_returns_the_log_with_the_new_entry_and_an_announcement(
    world, language, announced
):
    client = client_for(world, "member")
    with translation.override(language):
        response = _post(client, world.pilot, htmx=True)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html  # only the partial
    assert 'hx-swap-oob="innerHTML"' in html and announced in html
    entry = world.pilot.entries.get(text="Ajanvarauksia oli viikolla 40.")
    assert f'id="entry-{entry.pk}-heading" tabindex="-1" data-new-entry' in html
    assert html.index("Ajanvarauksia oli viikolla 40.") < html.index(
        "Sisäinen merkintä."
    )
    assert entry.language == language


def _later_entries(world, count: int) -> None:
    for day in range(1, count + 1):
        services.entry_create(
            pilot=world.pilot,
            author=world.member,
            date=date(2022, 8, day),
            text=f"Elokuun {day}. merkintä.",
            is_public=False,
        )


def test_back_dated_entry_takes_its_place_by_date_on_the_first_page(world):
    response = _post(
        client_for(world, "member"),
        world.pilot,
        htmx=True,
        date="2022-06-07",
        text="Takautuva merkintä.",
    )
    html = response.content.decode()
    assert "Merkintä tallennettiin." in html
    # Under the newer internal entry (8.6.), above the older one of its day.
    assert (
        html.index("Sisäinen merkintä.")
        < html.index("Takautuva merkintä.")
        < html.index("Julkinen merkintä.")
    )
    assert "HX-Replace-Url" not in response


def test_back_dated_entry_on_a_later_page_is_shown_there_without_javascript(
    world, settings
):
    settings.PORTAL_PAGE_SIZE = 3
    _later_entries(world, 3)
    client = client_for(world, "member")
    response = _post(client, world.pilot, date="2022-06-10", text="Takautuva.")
    assert response["Location"] == world.pilot.get_log_url() + "?page=2"
    html = client.get(response["Location"]).content.decode()
    assert (
        "Merkintä tallennettiin. Päivämääränsä mukaan se on edistymislokin "
        "sivulla 2." in html
    )
    assert "Elokuun 1. merkintä." not in html  # page 1
    assert html.index("Takautuva.") < html.index("Sisäinen merkintä.")


@pytest.mark.parametrize(
    ("language", "announced"),
    [
        ("fi", "Päivämääränsä mukaan se on edistymislokin sivulla 2."),
        ("sv", "Enligt sitt datum finns den på sida 2 i framstegsloggen."),
    ],
)
def test_back_dated_entry_on_a_later_page_is_shown_there_with_htmx(
    world, settings, language, announced
):
    settings.PORTAL_PAGE_SIZE = 3
    _later_entries(world, 3)
    client = client_for(world, "member")
    with translation.override(language):
        response = _post(
            client, world.pilot, htmx=True, date="2022-06-10", text="Takautuva."
        )
    html = response.content.decode()
    entry = world.pilot.entries.get(text="Takautuva.")
    assert announced in html  # in the live region
    assert f'id="entry-{entry.pk}-heading" tabindex="-1" data-new-entry' in html
    assert html.index("Takautuva.") < html.index("Sisäinen merkintä.")
    assert "Elokuun 1. merkintä." not in html
    with translation.override(language):
        assert response["HX-Replace-Url"] == world.pilot.get_log_url() + "?page=2"


def test_public_entry_shows_on_the_public_page_and_internal_does_not(world, client):
    member = client_for(world, "member")
    _post(member, world.pilot, text="Julkinen uutinen.", visibility="public")
    _post(member, world.pilot, text="Vain ryhmälle.", visibility="internal")
    page = client.get(world.pilot.get_absolute_url()).content.decode()
    assert "Julkinen uutinen." in page
    assert "Vain ryhmälle." not in page
    assert "Sisäinen merkintä." not in page


def test_the_same_entry_on_an_unpublished_pilot_stays_hidden(world, client):
    _post(client_for(world, "member"), world.draft_pilot, visibility="public")
    assert client.get(world.draft_pilot.get_absolute_url()).status_code == 404


@pytest.mark.parametrize(
    ("language", "text"),
    [("fi", "Kirjoita, mitä tapahtui"), ("sv", "Skriv vad som hände")],
)
def test_empty_entry_is_refused_in_the_pages_language(world, language, text):
    with translation.override(language):
        response = _post(client_for(world, "member"), world.pilot, text="  ")
    assert response.status_code == 200
    assert text in response.content.decode()
    assert world.pilot.entries.count() == 2


def test_forged_pilot_id_is_refused(world):
    response = _post(
        client_for(world, "member"),
        world.pilot,
        pilot=world.draft_pilot.pk,
        text="Väärä pilotti.",
    )
    assert "Lomake kuuluu toiseen pilottiin" in response.content.decode()
    assert not ProgressEntry.objects.filter(text="Väärä pilotti.").exists()


def test_date_outside_the_period_needs_confirmation(world):
    client = client_for(world, "member")
    response = _post(client, world.pilot, date="2023-01-10", text="Myöhässä.")
    html = response.content.decode()
    assert "ajanjakson (7.6.2022–30.11.2022) ulkopuolella" in html
    assert 'name="confirm_date"' in html
    assert "Myöhässä." in html  # the text stays in the form
    assert not world.pilot.entries.filter(text="Myöhässä.").exists()
    response = _post(
        client, world.pilot, date="2023-01-10", text="Myöhässä.", confirm_date="on"
    )
    assert response.status_code == 302
    assert world.pilot.entries.filter(text="Myöhässä.").exists()


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("paljon", "Syötä luku."),
        ("1e20", "enintään 14 numeroa"),
        ("9999999999999", "enintään 12 numeroa ennen desimaalipilkkua"),
    ],
)
def test_bad_measurement_is_refused_and_nothing_is_saved(world, value, message):
    response = _post(
        client_for(world, "member"),
        world.pilot,
        indicator=world.indicator.pk,
        value=value,
        text="Mittaus.",
    )
    assert message in response.content.decode()
    assert not ProgressEntry.objects.filter(text="Mittaus.").exists()


def test_measurement_with_a_decimal_comma_is_saved_with_the_entry(world):
    response = _post(
        client_for(world, "member"),
        world.pilot,
        indicator=world.indicator.pk,
        value="8,5",
        text="Mittaus.",
    )
    assert response.status_code == 302
    entry = ProgressEntry.objects.get(text="Mittaus.")
    (measurement,) = entry.measurements.all()
    assert (str(measurement.value), measurement.date) == ("8.50", date(2022, 7, 1))


def test_phase_change_moves_the_pilot_and_its_timeline(world, client):
    _post(client_for(world, "member"), world.pilot, new_phase=Phase.EVALUATING)
    world.pilot.refresh_from_db()
    assert (world.pilot.phase, world.pilot.version) == (Phase.EVALUATING, 2)
    page = client.get(world.pilot.get_absolute_url()).content.decode()
    assert 'aria-current="step"><time datetime="2022-07-01"' in page


def test_second_phase_change_from_the_same_version_gets_a_conflict(world):
    first, second = client_for(world, "member"), client_for(world, "manager")
    version = world.pilot.version
    assert _post(first, world.pilot, new_phase=Phase.EVALUATING).status_code == 302
    response = _post(
        second,
        world.pilot,
        version=version,
        new_phase=Phase.STOPPED,
        text="Keskeytetään.",
    )
    html = response.content.decode()
    assert "Joku muu muutti pilotin vaiheeksi ”Arviointi”" in html
    assert "Keskeytetään." in html
    world.pilot.refresh_from_db()
    assert world.pilot.phase == Phase.EVALUATING
    assert not ProgressEntry.objects.filter(text="Keskeytetään.").exists()
    # Sent again, it applies to the phase now shown.
    assert f'name="version" value="{world.pilot.version}"' in html


def test_conflict_in_the_service_leaves_nothing_behind(world):
    with pytest.raises(services.PhaseConflictError):
        services.entry_create(
            pilot=world.pilot,
            author=world.member,
            date=date(2022, 7, 1),
            text="Ei tallennu.",
            is_public=False,
            new_phase=Phase.STOPPED,
            expected_version=world.pilot.version - 1 or 99,
            files=[
                services.CheckedFile(
                    SimpleUploadedFile("a.png", tiny_png()), "image/png"
                )
            ],
        )
    assert not ProgressEntry.objects.filter(text="Ei tallennu.").exists()


def test_author_edits_and_the_change_is_audited(world):
    entry = world.pilot_internal_entry
    url = reverse("pilots:entry-edit", args=[world.pilot.pk, entry.pk])
    response = client_for(world, "member").post(
        url,
        {
            "pilot": world.pilot.pk,
            "date": "2022-06-08",
            "text": "Korjattu.",
            "visibility": "internal",
        },
    )
    assert response.status_code == 302
    line = AuditLine.objects.get(entry=entry, action="edited")
    assert line.actor == world.member
    assert line.details == {"before": {"text": "Sisäinen merkintä."}}


def test_other_group_member_cannot_edit_and_manager_can_delete(world):
    from tests import factories

    other = factories.UserFactory()
    factories.MembershipFactory(user=other, group=world.sub_group)
    entry = world.pilot_internal_entry
    edit = reverse("pilots:entry-edit", args=[world.pilot.pk, entry.pk])
    delete = reverse("pilots:entry-delete", args=[world.pilot.pk, entry.pk])
    client = client_for(world, "member")
    client.force_login(other)
    assert client.get(edit).status_code == 403
    assert client_for(world, "manager").post(delete).status_code == 302
    assert not ProgressEntry.objects.filter(pk=entry.pk).exists()
    line = AuditLine.objects.get(entry_number=entry.pk, action="deleted")
    assert line.actor == world.manager
    assert line.details["before"]["text"] == "Sisäinen merkintä."


@pytest.mark.parametrize(
    ("role", "code"),
    [("anonymous", 302), ("outsider", 403), ("steering", 403), ("member", 302)],
)
def test_write_actions_are_refused_to_non_members(world, role, code):
    response = _post(client_for(world, role), world.pilot, text="Yritys.")
    assert response.status_code == code
    saved = ProgressEntry.objects.filter(text="Yritys.").exists()
    assert saved == (role == "member")


def test_write_to_a_hidden_pilot_is_not_found(world):
    response = _post(client_for(world, "outsider"), world.draft_pilot)
    assert response.status_code == 404


def test_steering_cannot_delete_entries(world):
    entry = world.pilot_public_entry
    url = reverse("pilots:entry-delete", args=[world.pilot.pk, entry.pk])
    assert client_for(world, "steering").post(url).status_code == 403
    assert client_for(world, "steering").get(url).status_code == 404
    assert ProgressEntry.objects.filter(pk=entry.pk).exists()


def test_log_urls_refuse_other_methods(world):
    entry = world.pilot_public_entry
    url = reverse("pilots:entry-delete", args=[world.pilot.pk, entry.pk])
    assert client_for(world, "member").put(url).status_code == 405
    assert client_for(world, "member").post(reverse("pilots:list")).status_code == 405
