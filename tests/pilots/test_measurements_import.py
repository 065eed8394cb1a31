"""Measurements from a CSV file: validated row by row, saved all or nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from projects.models import Measurement
from tests.conftest import client_for


def _upload(world, text: str, role: str = "member", **data):  # noqa: ANN001, ANN003
    url = reverse("pilots:measurements-import", args=[world.pilot.pk])
    fields = {
        "pilot": world.pilot.pk,
        "indicator": world.indicator.pk,
        "file": SimpleUploadedFile("mittaukset.csv", text.encode("utf-8")),
    }
    fields.update(data)
    return client_for(world, role).post(url, fields)


def test_valid_rows_are_saved_in_both_formats(world):
    before = Measurement.objects.filter(indicator=world.indicator).count()
    response = _upload(
        world,
        "päivämäärä;arvo;huomautus\n7.6.2022;12,5;alku\n2022-08-01;10.25;\n",
    )
    assert response.status_code == 302
    saved = Measurement.objects.filter(indicator=world.indicator).order_by("-pk")[:2]
    assert {str(m.value) for m in saved} == {"12.50", "10.25"}
    assert Measurement.objects.filter(indicator=world.indicator).count() == before + 2


@pytest.mark.parametrize(
    ("language", "texts"),
    [
        (
            "fi",
            [
                "2 rivillä on virheitä",
                "”huomenna” ei ole päivämäärä.",
                "”paljon” ei ole luku.",
            ],
        ),
        (
            "sv",
            [
                "2 rader har fel",
                "”huomenna” är inte ett datum.",
                "”paljon” är inte ett tal.",
            ],
        ),
    ],
)
def test_a_bad_row_saves_nothing_and_each_error_names_its_row(world, language, texts):
    before = Measurement.objects.count()
    with translation.override(language):
        response = _upload(
            world, "7.6.2022;12\nhuomenna;3\n8.6.2022;paljon\n9.6.2022;11\n"
        )
    html = response.content.decode()
    assert response.status_code == 200
    for text in texts:
        assert text in html
    assert '<th scope="row" translate="no">2</th>' in html
    assert '<th scope="row" translate="no">3</th>' in html
    assert Measurement.objects.count() == before


def test_rows_outside_the_period_need_confirmation(world):
    before = Measurement.objects.count()
    response = _upload(world, "7.6.2022;12\n1.1.2024;9\n")
    assert "1 rivi on päivätty pilotin ajanjakson" in response.content.decode()
    assert Measurement.objects.count() == before
    response = _upload(world, "7.6.2022;12\n1.1.2024;9\n", confirm_dates="on")
    assert response.status_code == 302
    assert Measurement.objects.count() == before + 2


def test_a_percentage_over_100_is_out_of_range(world):
    world.indicator.unit_fi = "%"
    world.indicator.save(update_fields=["unit_fi"])
    response = _upload(world, "7.6.2022;120\n")
    assert "Prosenttiluvun on oltava välillä 0–100." in response.content.decode()


def test_a_file_that_is_not_csv_is_refused(world):
    url = reverse("pilots:measurements-import", args=[world.pilot.pk])
    response = client_for(world, "member").post(
        url,
        {
            "pilot": world.pilot.pk,
            "indicator": world.indicator.pk,
            "file": SimpleUploadedFile("mittaukset.csv", b"%PDF-1.4 binary\x00"),
        },
    )
    assert "Tiedosto ei ole CSV-tiedosto." in response.content.decode()


def test_an_indicator_of_another_pilot_is_refused(world):
    from tests import factories

    other = factories.IndicatorFactory(project=world.project)
    before = Measurement.objects.count()
    response = _upload(world, "7.6.2022;12\n", indicator=other.pk)
    assert response.status_code == 200
    assert Measurement.objects.count() == before


@pytest.mark.parametrize(("role", "code"), [("steering", 403), ("outsider", 403)])
def test_only_insiders_may_import(world, role, code):
    before = Measurement.objects.count()
    assert _upload(world, "7.6.2022;12\n", role=role).status_code == code
    assert Measurement.objects.count() == before
