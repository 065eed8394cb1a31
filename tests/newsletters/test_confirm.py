"""The confirmation link: GET shows a button, POST confirms; expired,
tampered and reused links get a clear page, never a 500."""

import time
import types

import pytest
from django.core import signing

from newsletters import emails, tokens
from newsletters.models import ConsentEvent
from portal.models import OutboundEmail
from tests.newsletters.helpers import member


def _old_token(monkeypatch, kind: str, secret: str, days: int) -> str:  # noqa: ANN001
    past = time.time() - days * 86400
    monkeypatch.setattr(signing, "time", types.SimpleNamespace(time=lambda: past))
    token = tokens.make(kind, secret)
    monkeypatch.undo()
    return token


def _path(url: str) -> str:
    return url.split("://", 1)[1].split("/", 1)[1].join(["/", ""])


@pytest.fixture
def pending(areas):  # noqa: ANN201
    return member("odottaa@example.fi", "fi", [areas["perheet"]], confirmed=False)


def test_get_shows_a_button_and_changes_nothing(client, pending):
    response = client.get(_path(emails.confirm_url(pending)))
    assert response.status_code == 200
    assert "Vahvista liittyminen" in response.content.decode()
    pending.refresh_from_db()
    assert pending.confirmed_at is None


def test_post_confirms(client, pending):
    response = client.post(_path(emails.confirm_url(pending)))
    assert "Jäsenyytesi on vahvistettu." in response.content.decode()
    pending.refresh_from_db()
    assert pending.confirmed_at is not None
    assert list(pending.consent_events.values_list("kind", flat=True)) == ["confirm"]


def test_a_reused_link_says_it_is_already_confirmed(client, pending):
    url = _path(emails.confirm_url(pending))
    client.post(url)
    response = client.post(url)
    assert "Jäsenyytesi oli jo vahvistettu." in response.content.decode()
    assert ConsentEvent.objects.filter(kind="confirm").count() == 1


def test_a_tampered_link_gets_a_clear_page(client, pending):
    url = _path(emails.confirm_url(pending))
    response = client.get(url[:-3] + "xyz/")
    assert response.status_code == 400
    assert "Linkki ei toimi" in response.content.decode()
    response = client.post("/sv/utvecklargemenskap/bekrafta/nonsense/")
    assert response.status_code == 400
    assert "Länken fungerar inte" in response.content.decode()


def test_an_expired_link_offers_a_new_one(
    client, pending, monkeypatch, django_capture_on_commit_callbacks
):
    token = _old_token(monkeypatch, tokens.CONFIRM, pending.secret, days=8)
    url = f"/fi/kehittajayhteiso/vahvista/{token}/"
    response = client.post(url)
    assert "Vahvistuslinkki on vanhentunut" in response.content.decode()
    pending.refresh_from_db()
    assert pending.confirmed_at is None
    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(url, {"action": "resend"})
    assert response.status_code == 302
    assert OutboundEmail.objects.get().to == ["odottaa@example.fi"]


def test_a_six_day_old_link_still_works(client, pending, monkeypatch):
    token = _old_token(monkeypatch, tokens.CONFIRM, pending.secret, days=6)
    client.post(f"/fi/kehittajayhteiso/vahvista/{token}/")
    pending.refresh_from_db()
    assert pending.confirmed_at is not None


def test_a_member_who_left_cannot_be_confirmed_by_an_old_link(client, areas):
    gone = member(
        "pois@example.fi", "fi", [areas["perheet"]], confirmed=False, left=True
    )
    response = client.post(_path(emails.confirm_url(gone)))
    assert "Olet eronnut kehittäjäyhteisöstä" in response.content.decode()
    gone.refresh_from_db()
    assert gone.confirmed_at is None


def test_a_manage_token_does_not_confirm(client, pending):
    manage_token = tokens.make(tokens.MANAGE, pending.secret)
    response = client.post(f"/fi/kehittajayhteiso/vahvista/{manage_token}/")
    assert response.status_code == 400
