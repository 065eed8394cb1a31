"""/healthz tells what it checked, and names the part that is down."""

import pytest
from django.db import connection


def test_healthz_reports_database_and_broker(client, db):  # noqa: ARG001
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "broker": "ok"},
    }


def test_healthz_names_the_broker_when_it_is_down(client, db, broker_down):  # noqa: ARG001
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"] == {"database": "ok", "broker": "down"}


@pytest.fixture
def database_down(transactional_db, monkeypatch):  # noqa: ARG001
    """Point the connection at a port where no PostgreSQL listens."""
    monkeypatch.setitem(connection.settings_dict, "PORT", "1")
    connection.close()
    yield
    monkeypatch.undo()
    connection.close()


def test_healthz_names_the_database_when_it_is_down(client, database_down):  # noqa: ARG001
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["database"] == "down"
    assert response.json()["checks"]["broker"] == "ok"


def test_liveness_answers_without_checks(client):
    response = client.get("/healthz/live")
    assert response.status_code == 200
    assert response.content == b"ok"


def test_pages_show_the_500_page_in_the_pages_language_when_the_database_is_down(
    database_down,  # noqa: ARG001
):
    from django.test import Client

    response = Client(raise_request_exception=False).get("/sv/projekt/")
    assert response.status_code == 500
    html = response.content.decode()
    assert '<html lang="sv">' in html
    assert "Något gick fel" in html
