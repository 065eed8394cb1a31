"""On the real stack: a manager publishes, a real Celery worker sends through
a real SMTP server, a mail provider unsubscribes with one POST."""

import pytest
from django.test import Client
from django.urls import reverse

from newsletters.models import Delivery
from tests.conftest import client_for
from tests.newsletters.helpers import issue_for, member, text_part


def _wait_sent(issue, count: int, timeout: float = 30.0) -> None:  # noqa: ANN001
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if issue.deliveries.filter(status=Delivery.Status.SENT).count() >= count:
            return
        time.sleep(0.1)
    raise AssertionError("deliveries not sent in time")


@pytest.mark.django_db(transaction=True)
def test_each_member_gets_one_copy_and_one_click_unsubscribe_holds(
    world, areas, smtp_server, celery_worker_real, settings
):
    settings.SITE_URL = "http://testserver"
    fi = member("lukija@example.fi", "fi", [areas["perheet"]])
    sv = member("lasare@example.fi", "sv", [areas["perheet"], areas["ikaantyneet"]])
    member("eri-aihe@example.fi", "sv", [areas["tyoikaiset"]])
    member("odottaa@example.fi", "fi", [areas["perheet"]], confirmed=False)
    member("pois@example.fi", "sv", [areas["perheet"]], left=True)
    first = issue_for(world.project, number=8, interests=[areas["perheet"]])
    manager = client_for(world, "manager")
    response = manager.post(reverse("newsletters:ws-publish", args=[first.pk]))
    assert response.status_code == 302

    _wait_sent(first, 2)
    smtp_server.wait_for(2)
    assert sorted(r[0] for r, _ in smtp_server.messages) == [
        "lasare@example.fi",
        "lukija@example.fi",
    ]
    swedish = smtp_server.to("lasare@example.fi")[0]
    assert swedish["Subject"] == "Infobrev 8/2021: Höstens nyheter"
    assert "Första stycket." in text_part(swedish)
    assert smtp_server.to("lukija@example.fi")[0]["Subject"].startswith(
        "Infokirje 8/2021"
    )
    assert swedish["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    # The mail provider's one-click POST: no cookie, no CSRF token.
    url = str(swedish["List-Unsubscribe"]).strip().strip("<>")
    provider = Client(enforce_csrf_checks=True)
    response = provider.post(
        url.removeprefix("http://testserver"),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    sv.refresh_from_db()
    assert sv.left_at is not None

    second = issue_for(world.project, number=9, interests=[areas["perheet"]])
    manager.post(reverse("newsletters:ws-publish", args=[second.pk]))
    _wait_sent(second, 1)
    assert second.deliveries.count() == 1
    assert len(smtp_server.to("lasare@example.fi")) == 1
    assert len(smtp_server.to("lukija@example.fi")) == 2
    assert not smtp_server.to("odottaa@example.fi")
    assert not smtp_server.to("pois@example.fi")
    assert not smtp_server.to("eri-aihe@example.fi")
    fi.refresh_from_db()
    assert fi.left_at is None
