"""The manage page from the secret link: change choices, download own data,
leave for good; the one-click unsubscribe of RFC 8058; erasure."""

import json

import pytest
from django.test import Client

from newsletters import emails, services
from newsletters.models import ConsentEvent, Subscriber
from tests.newsletters.helpers import member


def _path(url: str) -> str:
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


@pytest.fixture
def jasen(areas):  # noqa: ANN201
    return member("jasen@example.fi", "fi", [areas["perheet"]])


def test_it_changes_language_and_interests(client, jasen, areas):
    url = _path(emails.manage_url(jasen))
    response = client.post(
        url,
        {
            "language": "sv",
            "interests": [areas["tyoikaiset"].pk, areas["ikaantyneet"].pk],
        },
    )
    assert response.status_code == 302
    jasen.refresh_from_db()
    assert jasen.language == "sv"
    assert set(jasen.interests.values_list("slug", flat=True)) == {
        "tyoikaiset",
        "ikaantyneet",
    }
    assert jasen.consent_events.filter(kind="change").exists()
    page = client.get(url).content.decode()
    assert "Valintasi on tallennettu." in page


def test_an_unknown_interest_is_refused(client, jasen):
    url = _path(emails.manage_url(jasen))
    response = client.post(url, {"language": "fi", "interests": ["424242"]})
    assert "Valitse kiinnostuksen kohteet listalta." in response.content.decode()
    assert list(jasen.interests.values_list("slug", flat=True)) == ["perheet"]


def test_it_downloads_own_data_as_json(client, jasen):
    url = _path(emails.manage_url(jasen))
    response = client.get(url + "omat-tiedot.json")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["email"] == "jasen@example.fi"
    assert data["interests"] == ["perheet"]


def test_the_leave_link_asks_first_then_leaves_with_one_post(jasen):
    url = _path(emails.leave_url(jasen))
    client = Client(enforce_csrf_checks=True)
    page = client.get(url)
    assert "Eroa nyt" in page.content.decode()
    jasen.refresh_from_db()
    assert jasen.left_at is None
    # As a mail provider does it: no cookie, no CSRF token.
    response = client.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    jasen.refresh_from_db()
    assert jasen.left_at is not None
    event = jasen.consent_events.get(kind="leave")
    assert event.source == ConsentEvent.Source.ONE_CLICK


def test_leaving_is_final(client, jasen):
    manage = _path(emails.manage_url(jasen))
    client.post(_path(emails.leave_url(jasen)))
    response = client.get(manage)
    assert "Olet eronnut kehittäjäyhteisöstä" in response.content.decode()
    client.post(manage, {"language": "sv", "interests": []})
    jasen.refresh_from_db()
    assert jasen.language == "fi"


def test_only_the_leave_view_is_csrf_exempt():
    from django.urls import get_resolver

    exempt = []

    def walk(patterns, prefix=""):  # noqa: ANN001, ANN202
        for p in patterns:
            if hasattr(p, "url_patterns"):
                walk(p.url_patterns, prefix + str(p.pattern))
            elif getattr(p.callback, "csrf_exempt", False):
                exempt.append(p.callback.__module__ + "." + p.callback.__name__)

    walk(get_resolver().url_patterns)
    mine = [name for name in exempt if name.startswith("newsletters.")]
    assert mine == ["newsletters.views.leave"]


def test_a_tampered_manage_link_is_a_clear_page(client):
    response = client.get("/sv/utvecklargemenskap/medlemskap/abc:def/")
    assert response.status_code == 400
    assert "Länken fungerar inte" in response.content.decode()


def test_erasure_keeps_only_anonymous_counts(jasen):
    services.subscriber_leave(subscriber=jasen, source="web")
    services.subscriber_erase(subscriber=jasen)
    assert not Subscriber.objects.filter(email="jasen@example.fi").exists()
    kinds = sorted(ConsentEvent.objects.values_list("kind", flat=True))
    assert kinds == ["erase", "leave"]
    assert not ConsentEvent.objects.filter(subscriber__isnull=False).exists()


def test_a_member_who_left_can_rejoin_only_through_double_opt_in(
    client, jasen, areas, django_capture_on_commit_callbacks
):
    services.subscriber_leave(subscriber=jasen, source="web")
    with django_capture_on_commit_callbacks(execute=False):
        client.post(
            "/fi/kehittajayhteiso/",
            {
                "email": "jasen@example.fi",
                "language": "fi",
                "interests": [areas["perheet"].pk],
                "kind": "citizen",
                "consent": "on",
            },
        )
    new = Subscriber.objects.get(email="jasen@example.fi", left_at__isnull=True)
    assert new.pk != jasen.pk and new.confirmed_at is None
