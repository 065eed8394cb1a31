"""Role × URL matrix: what each role gets from every URL of the portal.

Later issues add their URLs to ``MATRIX``. Codes: 200 shown, 302 sent to log
in (or onwards), 404 hidden (outsiders cannot tell a draft from nothing).
"""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.conftest import ROLES, World, build_world, client_for
from tests.factories import GroupFactory


def _codes(**overrides: int) -> dict[str, int]:
    """200 for every role unless overridden."""
    codes = dict.fromkeys(ROLES, 200)
    codes.update(overrides)
    return codes


LOGIN_ONLY = _codes(anonymous=302)
STAFF_ONLY = _codes(anonymous=302, outsider=302, member=302, steering=302, manager=302)
DRAFT = _codes(anonymous=404, outsider=404, member=404, steering=404)

# (name, url builder, expected code per role)
MATRIX = [
    ("home", lambda w: reverse("portal:home"), _codes()),
    ("project_list", lambda w: reverse("projects:list"), _codes()),
    (
        "project_detail",
        lambda w: reverse("projects:detail", kwargs={"slug": w.project.slug}),
        _codes(),
    ),
    (
        "draft_project_detail",
        lambda w: reverse("projects:detail", kwargs={"slug": w.draft.slug}),
        DRAFT,
    ),
    ("group", lambda w: w.sub_group.get_absolute_url(), _codes()),
    ("draft_group", lambda w: w.draft.groups.get().get_absolute_url(), DRAFT),
    ("workspace", lambda w: reverse("portal:workspace"), LOGIN_ONLY),
    (
        "login",
        lambda w: reverse("portal:login"),
        _codes(outsider=302, member=302, steering=302, manager=302, admin=302),
    ),
    ("accessibility", lambda w: reverse("portal:accessibility"), _codes()),
    ("privacy", lambda w: reverse("portal:privacy"), _codes()),
    ("demo_outbox", lambda w: reverse("portal:demo-outbox"), STAFF_ONLY),
    ("admin", lambda w: reverse("admin:index"), STAFF_ONLY),
]

CASES = [
    pytest.param(
        name, build, role, codes[role], language, id=f"{language}-{name}-{role}"
    )
    for name, build, codes in MATRIX
    for role in ROLES
    for language in ("fi", "sv")
]


@pytest.fixture(scope="module")
def matrix_world(django_db_setup, django_db_blocker):  # noqa: ARG001
    with django_db_blocker.unblock():
        from django.db import transaction

        # Built once for the module and rolled back at its end.
        atomic = transaction.atomic()
        atomic.__enter__()
        world = build_world()
        GroupFactory(project=world.draft, name_fi="Luonnosryhmä")
        try:
            yield world
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.mark.parametrize(("name", "build", "role", "expected", "language"), CASES)
def test_role_gets_expected_status(
    matrix_world: World, db, name, build, role, expected, language
):  # noqa: ARG001
    with translation.override(language):
        url = build(matrix_world)
    response = client_for(matrix_world, role).get(url)
    assert response.status_code == expected, f"{role} {url}"
    if expected == 404:
        assert f'<html lang="{language}">' in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_logout_refuses_get_and_logs_out_on_post(matrix_world, db, role):  # noqa: ARG001
    client = client_for(matrix_world, role)
    with translation.override("fi"):
        url = reverse("portal:logout")
    assert client.get(url).status_code == 405
    response = client.post(url)
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
