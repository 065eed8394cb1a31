"""Publishing fills the outbox in one transaction; sending gives each
matching member one copy in their language, with one-click unsubscribe."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from newsletters import delivery, services
from newsletters.models import Delivery, NewsletterIssue
from tests.newsletters.helpers import html_part, issue_for, member, text_part


@pytest.fixture
def cast(world, areas):  # noqa: ANN201
    return {
        "fi_family": member("perhe@example.fi", "fi", [areas["perheet"]]),
        "sv_family": member("familj@example.fi", "sv", [areas["perheet"]]),
        "sv_all": member("allt@example.fi", "sv", [areas["kaikki"]]),
        "fi_work": member("tyo@example.fi", "fi", [areas["tyoikaiset"]]),
        "unconfirmed": member(
            "odottaa@example.fi", "fi", [areas["perheet"]], confirmed=False
        ),
        "left": member("pois@example.fi", "fi", [areas["perheet"]], left=True),
    }


def _publish(issue: NewsletterIssue, capture) -> int:  # noqa: ANN001
    with capture(execute=False):
        return services.issue_publish(issue=issue)


def test_publishing_creates_one_delivery_per_matching_member(
    world, areas, cast, django_capture_on_commit_callbacks
):
    issue = issue_for(world.project, interests=[areas["perheet"]])
    assert _publish(issue, django_capture_on_commit_callbacks) == 3
    emails = set(issue.deliveries.values_list("subscriber__email", flat=True))
    assert emails == {"perhe@example.fi", "familj@example.fi", "allt@example.fi"}
    issue.refresh_from_db()
    assert issue.status == "published" and issue.published_at is not None
    with pytest.raises(IntegrityError), transaction.atomic():
        Delivery.objects.create(issue=issue, subscriber=cast["fi_family"])
    with pytest.raises(services.IssueStateError):
        services.issue_publish(issue=issue)


def test_sending_is_enqueued_only_after_commit(
    world, areas, cast, django_capture_on_commit_callbacks
):
    issue = issue_for(world.project, interests=[areas["perheet"]])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.issue_publish(issue=issue)
    assert len(callbacks) == 1


def test_each_member_gets_one_copy_in_their_language(
    world, areas, cast, smtp_server, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://hankeportaali.example.fi"
    issue = issue_for(world.project, interests=[areas["perheet"]])
    _publish(issue, django_capture_on_commit_callbacks)
    outcome = delivery.issue_deliver(issue_id=issue.pk)
    assert outcome["sent"] == 3
    fi = smtp_server.to("perhe@example.fi")
    sv = smtp_server.to("familj@example.fi")
    assert len(fi) == len(sv) == len(smtp_server.to("allt@example.fi")) == 1
    assert fi[0]["Subject"] == "Infokirje 8/2021: Syksyn kuulumiset"
    assert sv[0]["Subject"] == "Infobrev 8/2021: Höstens nyheter"
    assert "Första stycket." in text_part(sv[0])
    assert "<li>punkt ett</li>" in html_part(sv[0])
    assert "<" not in text_part(sv[0]).split("https://")[0]
    for msg in (fi[0], sv[0]):
        unsubscribe = str(msg["List-Unsubscribe"]).strip()
        assert unsubscribe.startswith("<https://hankeportaali.example.fi/")
        assert unsubscribe.endswith(">")
        assert msg["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "/sv/utvecklargemenskap/lamna/" in sv[0]["List-Unsubscribe"]
    assert not smtp_server.to("odottaa@example.fi") and not smtp_server.to(
        "pois@example.fi"
    )
    assert not smtp_server.to("tyo@example.fi")
    issue.refresh_from_db()
    assert issue.status == "sent"
    # Repeating the task sends nothing more.
    assert delivery.issue_deliver(issue_id=issue.pk)["sent"] == 0
    assert len(smtp_server.messages) == 3


def test_swedish_mail_says_when_it_falls_back_to_finnish(
    world, areas, cast, smtp_server, django_capture_on_commit_callbacks
):
    issue = issue_for(
        world.project, interests=[areas["perheet"]], body_sv="", title_sv=""
    )
    _publish(issue, django_capture_on_commit_callbacks)
    delivery.issue_deliver(issue_id=issue.pk)
    sv = smtp_server.to("familj@example.fi")[0]
    assert (
        "Det här infobrevet finns inte på svenska. Det skickas på finska."
        in text_part(sv)
    )
    assert "Ensimmäinen kappale." in text_part(sv)
    assert '<div lang="fi">' in html_part(sv)
    assert "Det här infobrevet finns inte på svenska" not in text_part(
        smtp_server.to("perhe@example.fi")[0]
    )


def test_permanent_failures_are_marked_with_the_reason_and_temporary_ones_retried(
    world, areas, cast, smtp_server, django_capture_on_commit_callbacks
):
    smtp_server.refuse["familj@example.fi"] = "550 5.1.1 Mailbox unavailable"
    smtp_server.refuse["allt@example.fi"] = "451 4.3.0 Try again later"
    issue = issue_for(world.project, interests=[areas["perheet"]])
    _publish(issue, django_capture_on_commit_callbacks)
    outcome = delivery.issue_deliver(issue_id=issue.pk)
    assert (outcome["sent"], outcome["failed"], outcome["retry"]) == (1, 1, 1)
    assert outcome["retry_in"] > 30
    failed = issue.deliveries.get(subscriber=cast["sv_family"])
    assert failed.status == "failed"
    assert failed.last_error == "550 5.1.1 Mailbox unavailable"
    later = issue.deliveries.get(subscriber=cast["sv_all"])
    assert later.status == "queued" and later.not_before > timezone.now()
    # When the wait is over, the retry goes through.
    del smtp_server.refuse["allt@example.fi"]
    Delivery.objects.filter(pk=later.pk).update(not_before=timezone.now())
    assert delivery.issue_deliver(issue_id=issue.pk)["sent"] == 1
    # The manager's retry button puts the failed one back.
    del smtp_server.refuse["familj@example.fi"]
    with django_capture_on_commit_callbacks(execute=False):
        assert services.delivery_retry(delivery=failed)
    assert delivery.issue_deliver(issue_id=issue.pk)["sent"] == 1
    assert len(smtp_server.to("familj@example.fi")) == 1


def test_a_member_who_leaves_after_publishing_gets_nothing(
    world, areas, cast, smtp_server, django_capture_on_commit_callbacks
):
    issue = issue_for(world.project, interests=[areas["perheet"]])
    _publish(issue, django_capture_on_commit_callbacks)
    services.subscriber_leave(subscriber=cast["sv_family"], source="web")
    delivery.issue_deliver(issue_id=issue.pk)
    assert not smtp_server.to("familj@example.fi")
    assert issue.deliveries.get(subscriber=cast["sv_family"]).status == "skipped"


def test_deliveries_of_a_dead_worker_are_requeued(
    world, areas, cast, django_capture_on_commit_callbacks
):
    issue = issue_for(world.project, interests=[areas["perheet"]])
    _publish(issue, django_capture_on_commit_callbacks)
    ids = delivery.deliveries_claim(issue_id=issue.pk, limit=2)
    assert len(ids) == 2
    # A second worker cannot claim them.
    assert set(delivery.deliveries_claim(issue_id=issue.pk, limit=5)).isdisjoint(ids)
    Delivery.objects.filter(pk=ids[0]).update(
        claimed_at=timezone.now() - timedelta(hours=1)
    )
    assert delivery.deliveries_requeue_stale() == [issue.pk]
    assert Delivery.objects.get(pk=ids[0]).status == "queued"
    assert Delivery.objects.get(pk=ids[1]).status == "sending"


def test_the_rate_cap_spaces_the_messages():
    import time

    throttle = delivery.Throttle(50)
    start = time.monotonic()
    for _ in range(11):
        throttle.wait()
    assert time.monotonic() - start >= 0.19


def test_scheduled_issues_are_published_when_due(
    world, areas, cast, django_capture_on_commit_callbacks
):
    issue = issue_for(world.project, interests=[areas["perheet"]])
    services.issue_schedule(
        issue=issue, at=timezone.now() + timedelta(hours=1), by=None
    )
    assert services.issues_publish_due() == []
    NewsletterIssue.objects.filter(pk=issue.pk).update(publish_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=False):
        assert services.issues_publish_due() == [issue.pk]
    issue.refresh_from_db()
    assert issue.status == "published" and issue.deliveries.count() == 3


def test_tasks_ack_late_and_beat_runs_the_sweeper_and_the_scheduler():
    from newsletters.tasks import newsletter_send, newsletter_sweep
    from portal.celery import app

    assert newsletter_send.acks_late and newsletter_sweep.acks_late
    assert newsletter_send.reject_on_worker_lost
    tasks = {entry["task"] for entry in app.conf.beat_schedule.values()}
    assert {
        "newsletters.tasks.newsletter_sweep",
        "newsletters.tasks.newsletter_publish_due",
    } <= tasks
