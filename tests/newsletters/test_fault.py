"""A worker killed with SIGKILL in the middle of sending loses nothing and
sends nothing twice: a new worker and the sweeper finish the job."""

import os
import signal
import subprocess
import threading
import time

import pytest
from django.utils import timezone

from newsletters import services
from newsletters.models import Delivery, Subscriber
from tests.newsletters.helpers import issue_for
from tests.newsletters.helpers import start_worker as _worker
from tests.waiting import until

COUNT = 2000


@pytest.mark.django_db(transaction=True)
def test_a_killed_worker_neither_loses_nor_repeats_a_message(world, areas, smtp_server):
    from portal.celery import app

    app.control.purge()
    now = timezone.now()
    Subscriber.objects.bulk_create(
        [
            Subscriber(
                email=f"jasen{i:04d}@example.fi",
                language="sv" if i % 3 == 0 else "fi",
                confirmed_at=now,
                consent_version="2021-1",
                secret=f"secret-{i:04d}",
            )
            for i in range(COUNT)
        ]
    )
    issue = issue_for(world.project)  # no interest areas: everyone
    first = _worker(smtp_server.port)
    try:
        assert services.issue_publish(issue=issue) == COUNT
        until(lambda: len(smtp_server.messages) >= 300, 60, "the first messages")
        # Hold the server at the next RCPT, so the worker is killed in the
        # middle of an SMTP transaction, then kill it.
        smtp_server.gate = threading.Event()
        time.sleep(0.5)
        os.kill(first.pid, signal.SIGKILL)
        first.wait(timeout=10)
    finally:
        if first.poll() is None:
            first.kill()
    smtp_server.gate.set()
    received_before = len(smtp_server.messages)
    assert received_before < COUNT
    assert Delivery.objects.filter(status=Delivery.Status.SENDING).exists()

    second = _worker(smtp_server.port, NEWSLETTER_SENDING_TIMEOUT="1")
    try:
        time.sleep(1.5)
        from newsletters.tasks import newsletter_sweep

        newsletter_sweep.delay()
        until(
            lambda: (
                Delivery.objects.filter(status=Delivery.Status.SENT).count() == COUNT
            ),
            120,
            "every delivery to be sent",
        )
        smtp_server.wait_for(COUNT, timeout=10)
        time.sleep(0.5)
    finally:
        second.send_signal(signal.SIGTERM)
        try:
            second.wait(timeout=15)
        except subprocess.TimeoutExpired:
            second.kill()

    per_address: dict[str, int] = {}
    for rcpts, _msg in smtp_server.messages:
        for address in rcpts:
            per_address[address] = per_address.get(address, 0) + 1
    assert len(per_address) == COUNT
    assert set(per_address.values()) == {1}
    assert Delivery.objects.exclude(status=Delivery.Status.SENT).count() == 0
