"""The projects domain's URLs in the role × URL matrix."""

from django.urls import reverse

from tests.matrix import DRAFT, codes

MATRIX = [
    ("project_list", lambda w: reverse("projects:list"), codes()),
    (
        "project_detail",
        lambda w: reverse("projects:detail", kwargs={"slug": w.project.slug}),
        codes(),
    ),
    (
        "draft_project_detail",
        lambda w: reverse("projects:detail", kwargs={"slug": w.draft.slug}),
        DRAFT,
    ),
    ("group", lambda w: w.sub_group.get_absolute_url(), codes()),
    ("draft_group", lambda w: w.draft_group.get_absolute_url(), DRAFT),
]
