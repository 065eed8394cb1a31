"""Role × URL matrix: what each role gets from every URL of the portal.

The rows come from every app's ``tests/<app>/matrix.py`` (see
``tests/matrix.py``); each is checked for every role in both languages.
"""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.conftest import World, build_world, client_for
from tests.matrix import ROLES, matrix

MATRIX = matrix()

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
