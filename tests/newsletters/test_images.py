"""Images of a newsletter in the workspace: checked by their content, always
with alternative text, shown on the issue page; only the project's managers."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from newsletters.models import IssueImage, NewsletterIssue
from pilots.demo import tiny_png
from tests.conftest import client_for
from tests.newsletters.helpers import issue_for


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _add_url(issue: NewsletterIssue, language: str = "fi") -> str:
    with translation.override(language):
        return reverse("newsletters:ws-image-add", kwargs={"pk": issue.pk})


def _png(name: str = "kuva.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, tiny_png(), content_type="image/png")


def test_a_manager_adds_an_image_with_alt_text_and_it_shows_on_the_page(world):
    issue = issue_for(world.project)
    client = client_for(world, "manager")
    response = client.post(
        _add_url(issue),
        {"image": _png(), "alt_fi": "Työryhmä koolla", "alt_sv": "Arbetsgruppen"},
    )
    assert response.status_code == 302
    image = IssueImage.objects.get(issue=issue)
    assert (image.alt_fi, image.alt_sv) == ("Työryhmä koolla", "Arbetsgruppen")
    assert image.image.storage.exists(image.image.name)
    with translation.override("fi"):
        page = client.get(reverse("newsletters:ws-detail", kwargs={"pk": issue.pk}))
    assert "Työryhmä koolla" in page.content.decode()
    issue.status = NewsletterIssue.Status.PUBLISHED
    issue.save()
    with translation.override("sv"):
        public = client_for(world, "anonymous").get(issue.get_absolute_url())
    assert 'alt="Arbetsgruppen"' in public.content.decode()


@pytest.mark.parametrize(
    ("upload", "data", "message"),
    [
        (
            SimpleUploadedFile("kuva.png", b"<script>x</script>", "image/png"),
            {"alt_fi": "Kuva"},
            "Tiedosto ei ole kuva",
        ),
        (None, {"alt_fi": ""}, "Tämä kenttä vaaditaan"),
    ],
    ids=["lies-about-its-type", "no-alt-text"],
)
def test_a_bad_image_is_refused_with_a_message_and_nothing_is_saved(
    world, upload, data, message
):
    issue = issue_for(world.project)
    response = client_for(world, "manager").post(
        _add_url(issue), {"image": upload or _png(), **data}
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not IssueImage.objects.exists()


def test_removing_an_image_removes_its_file(world, django_capture_on_commit_callbacks):
    issue = issue_for(world.project)
    client = client_for(world, "manager")
    client.post(_add_url(issue), {"image": _png(), "alt_fi": "Kuva"})
    image = IssueImage.objects.get()
    storage, name = image.image.storage, image.image.name
    with translation.override("fi"):
        url = reverse(
            "newsletters:ws-image-remove", kwargs={"pk": issue.pk, "image_pk": image.pk}
        )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 302
    assert not IssueImage.objects.exists()
    assert not storage.exists(name)


@pytest.mark.parametrize("role", ["anonymous", "outsider", "member", "steering"])
def test_only_the_projects_managers_add_images(world, role):
    issue = issue_for(world.project)
    response = client_for(world, role).post(
        _add_url(issue), {"image": _png(), "alt_fi": "Kuva"}
    )
    assert response.status_code == (302 if role == "anonymous" else 404)
    assert not IssueImage.objects.exists()


def test_a_published_newsletter_keeps_its_images(world):
    issue = issue_for(world.project, status=NewsletterIssue.Status.PUBLISHED)
    response = client_for(world, "manager").post(
        _add_url(issue), {"image": _png(), "alt_fi": "Kuva"}
    )
    assert response.status_code == 302
    assert not IssueImage.objects.exists()
