"""The newsletters' URLs in the role × URL matrix."""

from django.urls import reverse
from django.utils import timezone

from tests.matrix import LOGIN_ONLY, codes

MANAGERS_ONLY = codes(anonymous=302, outsider=404, member=404, steering=404)


def extend_world(world) -> None:  # noqa: ANN001
    from newsletters.models import InterestArea, NewsletterIssue

    area = InterestArea.objects.create(
        slug="matriisi", name_fi="Työikäiset", name_sv="Personer i arbetsför ålder"
    )
    now = timezone.now()
    world.newsletter = NewsletterIssue.objects.create(
        project=world.project,
        number=1,
        year=2021,
        title_fi="Ensimmäinen infokirje",
        title_sv="Första infobrevet",
        body_fi="Hankkeen uutisia.",
        body_sv="Nyheter från projektet.",
        status=NewsletterIssue.Status.PUBLISHED,
        published_at=now,
        publish_at=now,
    )
    world.newsletter.interests.set([area])
    world.newsletter_draft = NewsletterIssue.objects.create(
        project=world.project,
        number=2,
        year=2021,
        title_fi="Luonnosinfokirje",
        title_sv="Infobrev i utkast",
    )


def _issue(w, issue) -> str:  # noqa: ANN001
    return reverse(
        "newsletters:issue",
        kwargs={"slug": issue.project.slug, "year": issue.year, "number": issue.number},
    )


MATRIX = [
    ("newsletter_signup", lambda w: reverse("newsletters:signup"), codes()),
    ("newsletter_archive", lambda w: reverse("newsletters:archive"), codes()),
    (
        "newsletter_project_archive",
        lambda w: reverse("newsletters:project-archive", args=[w.project.slug]),
        codes(),
    ),
    (
        "newsletter_draft_project_archive",
        lambda w: reverse("newsletters:project-archive", args=[w.draft.slug]),
        codes(
            anonymous=404,
            outsider=404,
            member=404,
            steering=404,
            manager=404,
            admin=404,
        ),
    ),
    ("newsletter_issue", lambda w: _issue(w, w.newsletter), codes()),
    (
        "newsletter_unpublished_issue",
        lambda w: _issue(w, w.newsletter_draft),
        codes(
            anonymous=404,
            outsider=404,
            member=404,
            steering=404,
            manager=404,
            admin=404,
        ),
    ),
    ("newsletter_ws_list", lambda w: reverse("newsletters:ws-list"), LOGIN_ONLY),
    (
        "newsletter_ws_detail",
        lambda w: reverse("newsletters:ws-detail", args=[w.newsletter_draft.pk]),
        MANAGERS_ONLY,
    ),
    (
        "newsletter_ws_create",
        lambda w: reverse("newsletters:ws-create", args=[w.project.slug]),
        MANAGERS_ONLY,
    ),
    (
        "newsletter_ws_create_draft_project",
        lambda w: reverse("newsletters:ws-create", args=[w.draft.slug]),
        MANAGERS_ONLY,
    ),
    (
        "newsletter_ws_preview",
        lambda w: reverse("newsletters:ws-preview", args=[w.newsletter_draft.pk, "sv"]),
        MANAGERS_ONLY,
    ),
    (
        "newsletter_ws_progress",
        lambda w: reverse("newsletters:ws-progress", args=[w.newsletter.pk]),
        MANAGERS_ONLY,
    ),
]
