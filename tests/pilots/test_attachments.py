"""Attachments: type from the content, size limit, permission-checked files."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from pilots.demo import tiny_png
from pilots.models import Attachment, ProgressEntry
from tests.conftest import client_for

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _post(client, pilot, *files, **data):  # noqa: ANN001, ANN002, ANN003
    fields = {
        "pilot": pilot.pk,
        "version": pilot.version,
        "date": "2022-07-01",
        "text": "Liitteen kanssa.",
        "visibility": "public",
        "attachments": list(files),
    }
    fields.update(data)
    return client.post(pilot.get_log_url(), fields)


def test_pdf_and_image_are_accepted_with_their_detected_type(world, client):
    member = client_for(world, "member")
    response = _post(
        member,
        world.pilot,
        SimpleUploadedFile("raportti.pdf", PDF),
        SimpleUploadedFile("kuva.png", tiny_png()),
    )
    assert response.status_code == 302
    files = {
        a.name: a for a in Attachment.objects.filter(entry__text="Liitteen kanssa.")
    }
    assert files["raportti.pdf"].content_type == "application/pdf"
    assert files["kuva.png"].content_type == "image/png"
    response = client.get(files["raportti.pdf"].get_absolute_url())
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert "private" in response["Cache-Control"]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("ohjelma.pdf", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00"),  # an .exe
        ("kuva.png", PDF),  # a PDF calling itself an image
        ("taulukko.csv", tiny_png()),
    ],
)
def test_a_file_that_lies_about_its_type_is_refused_and_the_text_stays(
    world, name, content
):
    response = _post(
        client_for(world, "member"), world.pilot, SimpleUploadedFile(name, content)
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert f"Tiedostoa ”{name}” ei hyväksytty" in html
    assert "Liitteen kanssa." in html
    assert not ProgressEntry.objects.filter(text="Liitteen kanssa.").exists()


def test_a_file_over_the_size_limit_is_refused(world, settings):
    settings.PILOTS_ATTACHMENT_MAX_BYTES = 50
    response = _post(
        client_for(world, "member"),
        world.pilot,
        SimpleUploadedFile("iso.pdf", PDF + b" " * 100),
    )
    assert "on liian suuri" in response.content.decode()
    assert not ProgressEntry.objects.filter(text="Liitteen kanssa.").exists()


@pytest.mark.parametrize(
    ("attr", "codes"),
    [
        (
            "pilot_public_file",
            {"anonymous": 200, "outsider": 200, "steering": 200, "member": 200},
        ),
        (
            "pilot_internal_file",
            {"anonymous": 404, "outsider": 404, "steering": 404, "member": 200},
        ),
        (
            "draft_pilot_public_file",
            {"anonymous": 404, "outsider": 404, "steering": 404, "member": 200},
        ),
        (
            "draft_pilot_internal_file",
            {"anonymous": 404, "outsider": 404, "manager": 200, "admin": 200},
        ),
    ],
)
def test_files_are_served_only_to_those_who_see_their_entry(world, attr, codes):
    attachment = getattr(world, attr)
    for role, code in codes.items():
        response = client_for(world, role).get(attachment.get_absolute_url())
        assert response.status_code == code, role


def test_a_file_is_not_under_the_public_media_root(world, settings):
    path = world.pilot_public_file.file.path
    assert not path.startswith(str(settings.MEDIA_ROOT))


def test_a_wrong_name_in_the_address_is_not_found(world, client):
    url = world.pilot_public_file.get_absolute_url().replace(".png", ".pdf")
    assert client.get(url).status_code == 404
