"""Joining the developer community: double opt-in, same answer for known
addresses, bad input, rate limits and the honeypot."""

import pytest
from django.test import Client

from newsletters.models import ConsentEvent, Subscriber
from portal.models import OutboundEmail
from tests.newsletters.helpers import member

PAGES = {"fi": "/fi/kehittajayhteiso/", "sv": "/sv/utvecklargemenskap/"}


def _post(client: Client, lang: str, areas, **overrides):  # noqa: ANN001, ANN003, ANN202
    data = {
        "email": "uusi.jasen@example.fi",
        "language": lang,
        "interests": [areas["perheet"].pk],
        "kind": "citizen",
        "consent": "on",
        "website": "",
        **overrides,
    }
    return client.post(PAGES[lang], data)


@pytest.mark.parametrize(
    ("lang", "subject"),
    [
        ("fi", "Vahvista liittymisesi kehittäjäyhteisöön"),
        ("sv", "Bekräfta att du vill ansluta dig till utvecklargemenskapen"),
    ],
)
def test_it_sends_only_a_confirmation_in_the_chosen_language(
    client, areas, lang, subject, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        response = _post(client, lang, areas)
    assert response.status_code == 302
    subscriber = Subscriber.objects.get()
    assert subscriber.confirmed_at is None and subscriber.language == lang
    assert subscriber.consent_version == "2021-1"
    mail = OutboundEmail.objects.get()
    assert mail.subject == subject
    assert mail.to == ["uusi.jasen@example.fi"]
    assert f"/{lang}/" in mail.body
    assert ConsentEvent.objects.get().kind == "subscribe"


def test_the_page_language_is_the_default_language(client, areas):
    response = client.get(PAGES["sv"])
    assert response.context["form"]["language"].value() == "sv"


def test_a_known_address_gets_the_same_answer_and_a_manage_link(
    client, areas, django_capture_on_commit_callbacks
):
    member("uusi.jasen@example.fi", "sv", [areas["perheet"]])
    with django_capture_on_commit_callbacks(execute=False):
        known = _post(client, "fi", areas)
    with django_capture_on_commit_callbacks(execute=False):
        new = _post(client, "fi", areas, email="toinen@example.fi")
    assert known.status_code == new.status_code == 302
    assert known["Location"] == new["Location"]
    mails = {m.to[0]: m for m in OutboundEmail.objects.all()}
    assert mails["uusi.jasen@example.fi"].subject == (
        "Du är redan medlem i utvecklargemenskapen"
    )
    assert "/sv/utvecklargemenskap/medlemskap/" in mails["uusi.jasen@example.fi"].body
    assert Subscriber.objects.filter(email="uusi.jasen@example.fi").count() == 1


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"email": "ei-osoite"}, "email", "Syötä kelvollinen sähköpostiosoite."),
        ({"email": "a" * 250 + "@example.fi"}, "email", None),
        (
            {"interests": ["999999"]},
            "interests",
            "Valitse kiinnostuksen kohteet listalta.",
        ),
        (
            {"interests": ["abc"]},
            "interests",
            "Valitse kiinnostuksen kohteet listalta.",
        ),
        ({"consent": ""}, "consent", "Liittyminen edellyttää suostumustasi."),
        ({"language": "en"}, "language", None),
    ],
)
def test_bad_input_shows_errors_and_stores_nothing(
    client, areas, overrides, field, message
):
    response = _post(client, "fi", areas, **overrides)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    if message:
        assert message in response.content.decode()
    assert Subscriber.objects.count() == 0
    assert OutboundEmail.objects.count() == 0


def test_errors_are_in_swedish_on_the_swedish_page(client, areas):
    response = _post(client, "sv", areas, consent="")
    assert "Ditt samtycke behövs för att ansluta dig." in response.content.decode()


def test_the_honeypot_pretends_and_stores_nothing(client, areas):
    response = _post(client, "fi", areas, website="http://spam.example")
    assert response.status_code == 302
    assert Subscriber.objects.count() == 0
    assert OutboundEmail.objects.count() == 0


def test_too_many_sign_ups_for_one_address_get_a_429_in_swedish(
    client, areas, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        for _ in range(3):
            assert _post(client, "sv", areas).status_code == 302
        response = _post(client, "sv", areas)
    assert response.status_code == 429
    assert "Too many" not in response.content.decode()
    assert '<html lang="sv">' in response.content.decode()
    assert OutboundEmail.objects.count() == 3


def test_too_many_sign_ups_from_one_address_get_a_429(
    client, areas, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        for i in range(10):
            _post(client, "fi", areas, email=f"j{i}@example.fi")
        response = _post(client, "fi", areas, email="viimeinen@example.fi")
    assert response.status_code == 429
    assert not Subscriber.objects.filter(email="viimeinen@example.fi").exists()


def test_rate_limit_keys_hold_no_address(
    client, areas, django_capture_on_commit_callbacks
):
    from django.core.cache import cache

    with django_capture_on_commit_callbacks(execute=False):
        _post(client, "fi", areas, email="salainen@example.fi")
    keys = cache._cache.get_client().keys("*")
    assert keys
    assert not any(b"salainen" in key or b"127.0.0.1" in key for key in keys)
