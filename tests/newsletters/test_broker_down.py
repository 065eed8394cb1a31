"""With the broker down, joining still works and the confirmation goes out
once the broker is back."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from newsletters.models import Subscriber
from portal.models import OutboundEmail
from tests.newsletters.helpers import celery_call, start_worker


def _reset_pools(app) -> None:  # noqa: ANN001
    # Only forget the pools: kombu keeps them in a registry keyed by broker
    # URL, so closing the real broker's pool would break later tests.
    app._pool = None
    app.amqp._producer_pool = None


@pytest.mark.django_db(transaction=True)
def test_sign_up_survives_a_broker_outage_and_the_mail_follows(areas, smtp_server):
    from portal.celery import app

    original = app.conf.broker_url
    app.conf.broker_url = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    _reset_pools(app)
    try:
        response = Client().post(
            "/sv/utvecklargemenskap/",
            {
                "email": "nere@example.fi",
                "language": "sv",
                "interests": [areas["perheet"].pk],
                "kind": "professional",
                "consent": "on",
            },
        )
    finally:
        app.conf.broker_url = original
        _reset_pools(app)
    assert response.status_code == 302
    assert Subscriber.objects.filter(email="nere@example.fi").exists()
    assert OutboundEmail.objects.get().status == OutboundEmail.Status.QUEUED
    assert not smtp_server.messages

    # The broker is back; beat's sweeper runs a while later.
    OutboundEmail.objects.update(created_at=timezone.now() - timedelta(hours=1))
    worker = start_worker(smtp_server.port)
    try:
        celery_call("portal.tasks.email_requeue_stale")
        messages = smtp_server.wait_for(1, timeout=30)
    finally:
        worker.terminate()
        worker.wait(timeout=15)
    assert [str(m["Subject"]).strip() for _, m in messages] == [
        "Bekräfta att du vill ansluta dig till utvecklargemenskapen"
    ]
    assert [r for r, _ in messages] == [["nere@example.fi"]]
