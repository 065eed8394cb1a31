"""Mail leaves through the outbox exactly once, even when tasks repeat or
a worker dies."""

from datetime import timedelta

import pytest
from django.utils import timezone

from portal import services
from portal.models import OutboundEmail


def _queue(**overrides) -> OutboundEmail:  # noqa: ANN003
    fields = {"to": ["vastaanottaja@example.fi"], "subject": "Aihe", "body": "Teksti"}
    return services.email_queue(**{**fields, **overrides})


def test_a_repeated_task_sends_the_message_once(
    db, smtp_inbox, django_capture_on_commit_callbacks
):  # noqa: ARG001
    with django_capture_on_commit_callbacks(execute=False):
        email = _queue()
    assert services.email_deliver(email_id=email.pk, token="task-1") is True
    assert services.email_deliver(email_id=email.pk, token="task-1") is False
    assert len(smtp_inbox.wait_for(1, timeout=2)) == 1
    email.refresh_from_db()
    assert (email.status, email.attempts) == (OutboundEmail.Status.SENT, 1)


def test_a_failed_send_goes_back_to_the_queue_with_its_reason(
    db, settings, django_capture_on_commit_callbacks
):  # noqa: ARG001
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 1  # nothing listens
    with django_capture_on_commit_callbacks(execute=False):
        email = _queue()
    with pytest.raises(services.SendLater) as later:
        services.email_deliver(email_id=email.pk, token="task-1")
    assert later.value.countdown == settings.EMAIL_RETRY_BACKOFF
    email.refresh_from_db()
    assert email.status == OutboundEmail.Status.QUEUED
    assert email.attempts == 1
    assert email.last_error.startswith("ConnectionRefusedError")


def test_a_refused_recipient_fails_at_once_with_the_servers_words(
    db, smtp_inbox, django_capture_on_commit_callbacks
):  # noqa: ARG001
    smtp_inbox.answer(
        "vastaanottaja@example.fi", "550 5.1.1 Recipient address rejected"
    )
    with django_capture_on_commit_callbacks(execute=False):
        email = _queue()
    assert services.email_deliver(email_id=email.pk, token="task-1") is False
    email.refresh_from_db()
    assert email.status == OutboundEmail.Status.FAILED
    assert email.last_error == "550 5.1.1 Recipient address rejected"
    # Final: neither the task again nor the sweeper sends it.
    assert services.email_deliver(email_id=email.pk, token="task-1") is False
    assert services.email_requeue_stale() == []


def test_a_deferred_message_is_retried_and_its_error_cleared_when_sent(
    db, smtp_inbox, django_capture_on_commit_callbacks
):  # noqa: ARG001
    smtp_inbox.answer("vastaanottaja@example.fi", "451 4.3.0 Try again later")
    with django_capture_on_commit_callbacks(execute=False):
        email = _queue()
    with pytest.raises(services.SendLater):
        services.email_deliver(email_id=email.pk, token="task-1")
    email.refresh_from_db()
    assert email.last_error == "451 4.3.0 Try again later"
    assert services.email_deliver(email_id=email.pk, token="task-1") is True
    email.refresh_from_db()
    assert (email.status, email.attempts, email.last_error) == ("sent", 2, "")
    assert len(smtp_inbox.wait_for(1, timeout=2)) == 1


def test_a_message_deferred_every_time_ends_failed_after_its_attempts(
    db, smtp_inbox, django_capture_on_commit_callbacks
):  # noqa: ARG001
    limit = services.OUTBOX.max_attempts
    smtp_inbox.answer("vastaanottaja@example.fi", *["451 4.3.0 Busy"] * limit)
    with django_capture_on_commit_callbacks(execute=False):
        email = _queue()
    for _ in range(limit - 1):
        with pytest.raises(services.SendLater):
            services.email_deliver(email_id=email.pk, token="task-1")
    assert services.email_deliver(email_id=email.pk, token="task-1") is False
    email.refresh_from_db()
    assert (email.status, email.attempts) == (OutboundEmail.Status.FAILED, limit)
    assert email.last_error == "451 4.3.0 Busy"
    assert services.email_requeue_stale() == []


def test_mail_claimed_by_a_dead_worker_is_sent_again(
    db, smtp_inbox, django_capture_on_commit_callbacks
):  # noqa: ARG001
    with django_capture_on_commit_callbacks(execute=False):
        stale, fresh = _queue(), _queue()
    long_ago = timezone.now() - timedelta(hours=1)
    OutboundEmail.objects.filter(pk=stale.pk).update(
        status=OutboundEmail.Status.SENDING, claimed_at=long_ago, attempts=1
    )
    OutboundEmail.objects.filter(pk=fresh.pk).update(
        status=OutboundEmail.Status.SENDING, claimed_at=timezone.now(), attempts=1
    )
    assert services.email_requeue_stale() == [stale.pk]
    assert services.email_deliver(email_id=stale.pk, token="sweeper") is True
    assert services.email_deliver(email_id=fresh.pk, token="sweeper") is False
    assert len(smtp_inbox.wait_for(1, timeout=2)) == 1


def test_nothing_is_queued_when_the_transaction_rolls_back(
    db, django_capture_on_commit_callbacks
):  # noqa: ARG001
    from django.db import transaction

    with (
        django_capture_on_commit_callbacks() as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        _queue()
        raise RuntimeError
    assert callbacks == []
    assert OutboundEmail.objects.count() == 0


def test_tasks_acknowledge_late_so_a_killed_worker_loses_nothing():
    from portal.celery import app
    from portal.tasks import email_requeue_stale, email_send

    assert email_send.acks_late and email_requeue_stale.acks_late
    assert app.conf.task_reject_on_worker_lost is True
    assert app.conf.worker_prefetch_multiplier == 1
    schedule = app.conf.beat_schedule["email-requeue-stale"]
    assert schedule["task"] == "portal.tasks.email_requeue_stale"


def test_mail_that_never_reached_the_broker_is_sent_by_the_sweeper(
    db, django_capture_on_commit_callbacks
):  # noqa: ARG001
    with django_capture_on_commit_callbacks(execute=False):
        old, _recent = _queue(), _queue()
    OutboundEmail.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - timedelta(hours=1)
    )
    assert services.email_requeue_stale() == [old.pk]


def test_feedback_is_kept_when_the_broker_is_down(client, db, broker_down):  # noqa: ARG001
    from portal.models import AccessibilityFeedback

    response = client.post(
        "/fi/saavutettavuusseloste/", {"message": "Linkki ei erotu."}
    )
    assert response.status_code == 302
    assert AccessibilityFeedback.objects.count() == 1
    assert OutboundEmail.objects.get().status == OutboundEmail.Status.QUEUED
