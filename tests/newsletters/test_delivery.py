"""Publishing fills the outbox in one transaction; sending gives each
matching member one copy in their language, with one-click unsubscribe."""

import email
import email.policy
import time
from datetime import timedelta

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from newsletters import delivery, services, tokens
from newsletters.emails import IssueMessages
from newsletters.models import Delivery, NewsletterIssue, Subscriber
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


def _links(msg) -> tuple[str, str]:  # noqa: ANN001
    """The manage and leave links of a received newsletter's text part."""
    lines = [line for line in text_part(msg).splitlines() if line.strip()]
    manage, leave = (line.rsplit(" ", 1)[1] for line in lines[-2:])
    return manage, leave


def test_each_members_links_are_their_own(
    world, areas, cast, smtp_server, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://hankeportaali.example.fi"
    issue = issue_for(world.project, interests=[areas["perheet"]])
    _publish(issue, django_capture_on_commit_callbacks)
    delivery.issue_deliver(issue_id=issue.pk)
    for key in ("fi_family", "sv_family", "sv_all"):
        subscriber = cast[key]
        (msg,) = smtp_server.to(subscriber.email)
        assert msg["To"] == subscriber.email
        manage, leave = _links(msg)
        assert str(msg["List-Unsubscribe"]).strip() == f"<{leave}>"
        assert f'href="{manage}"' in html_part(msg)
        assert f'href="{leave}"' in html_part(msg)
        manage_token = manage.rstrip("/").rsplit("/", 1)[1]
        leave_token = leave.rstrip("/").rsplit("/", 1)[1]
        assert tokens.check(tokens.MANAGE, manage_token).secret == subscriber.secret
        assert tokens.check(tokens.LEAVE, leave_token).secret == subscriber.secret
    message_ids = {m["Message-ID"] for _, m in smtp_server.messages}
    assert len(message_ids) == 3


def test_a_long_paragraph_arrives_whole(
    world, areas, cast, smtp_server, django_capture_on_commit_callbacks
):
    # Over the 998-byte line limit of SMTP: the part must be encoded.
    paragraph = "Pitkä kappale, jossa on paljon sanoja äöå. " * 40
    issue = issue_for(
        world.project, interests=[areas["perheet"]], body_fi=paragraph.strip()
    )
    _publish(issue, django_capture_on_commit_callbacks)
    delivery.issue_deliver(issue_id=issue.pk)
    (msg,) = smtp_server.to("perhe@example.fi")
    assert paragraph.strip() in text_part(msg)
    assert paragraph.strip() in html_part(msg)
    for part in (msg.get_body(("plain",)), msg.get_body(("html",))):
        assert part["Content-Transfer-Encoding"] == "quoted-printable"
    assert _links(msg)[1].startswith("http")


def test_a_member_with_an_internationalised_domain_gets_their_copy(
    world, areas, smtp_server, django_capture_on_commit_callbacks
):
    member("lukija@bücher.fi", "sv", [areas["perheet"]])
    issue = issue_for(world.project, interests=[areas["perheet"]])
    _publish(issue, django_capture_on_commit_callbacks)
    assert delivery.issue_deliver(issue_id=issue.pk)["sent"] == 1
    (msg,) = smtp_server.to("lukija@xn--bcher-kva.fi")
    assert msg["Subject"] == "Infobrev 8/2021: Höstens nyheter"


def _without_links(text: str, msg) -> str:  # noqa: ANN001
    manage, leave = _links(msg)
    return text.replace(manage, "MANAGE").replace(leave, "LEAVE")


def test_the_prepared_message_reads_like_one_built_by_django(
    world, areas, cast, settings
):
    """The SMTP path sends bytes prepared once per language; other backends
    (the demo's files) get a message built by Django. Both read the same."""
    settings.SITE_URL = "https://hankeportaali.example.fi"
    issue = issue_for(world.project, interests=[areas["perheet"]])
    messages = IssueMessages(issue)
    for subscriber in (cast["fi_family"], cast["sv_family"]):
        recipient, data = messages.prepare(subscriber)
        assert recipient == subscriber.email
        prepared = email.message_from_bytes(data, policy=email.policy.default)
        built = email.message_from_bytes(
            messages.build(subscriber).message().as_bytes(linesep="\r\n"),
            policy=email.policy.default,
        )
        for header in ("Subject", "From", "To", "List-Unsubscribe-Post"):
            assert prepared[header] == built[header]
        assert str(prepared["List-Unsubscribe"]).strip() == (f"<{_links(prepared)[1]}>")
        assert prepared["Date"] and prepared["Message-ID"]
        assert _without_links(text_part(prepared), prepared) == _without_links(
            text_part(built), built
        )
        assert _without_links(html_part(prepared), prepared) == _without_links(
            html_part(built), built
        )


def test_other_mail_backends_get_the_newsletter_too(
    world, areas, cast, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    issue = issue_for(world.project, interests=[areas["perheet"]])
    _publish(issue, django_capture_on_commit_callbacks)
    assert delivery.issue_deliver(issue_id=issue.pk)["sent"] == 3
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert subjects == {
        "perhe@example.fi": "Infokirje 8/2021: Syksyn kuulumiset",
        "familj@example.fi": "Infobrev 8/2021: Höstens nyheter",
        "allt@example.fi": "Infobrev 8/2021: Höstens nyheter",
    }
    assert all("List-Unsubscribe" in m.extra_headers for m in mail.outbox)


@pytest.mark.django_db(transaction=True)
def test_a_member_who_leaves_while_the_newsletter_goes_out_gets_nothing(
    world, areas, smtp_server
):
    import threading

    from django.db import connection

    from portal.celery import app

    for i in range(3):
        member(f"jasen{i}@example.fi", "fi", [areas["perheet"]])
    issue = issue_for(world.project, interests=[areas["perheet"]])
    services.issue_publish(issue=issue)
    last = issue.deliveries.order_by("pk").last().subscriber

    def leave_while_the_first_message_waits() -> None:
        time.sleep(0.3)
        try:
            services.subscriber_leave(subscriber=last, source="web")
        finally:
            connection.close()
            smtp_server.gate.set()

    # The server holds the first recipient until the member has left: by
    # then the worker has claimed and loaded every delivery of the chunk.
    smtp_server.gate = threading.Event()
    thread = threading.Thread(target=leave_while_the_first_message_waits)
    thread.start()
    try:
        outcome = delivery.issue_deliver(issue_id=issue.pk)
    finally:
        thread.join()
        app.control.purge()  # the send task enqueued on publishing
    assert (outcome["sent"], outcome["skipped"]) == (2, 1)
    assert not smtp_server.to(last.email)
    assert len(smtp_server.messages) == 2
    assert issue.deliveries.get(subscriber=last).status == "skipped"


def test_the_rate_cap_spaces_the_deliveries(
    world, areas, cast, smtp_server, settings, django_capture_on_commit_callbacks
):
    settings.NEWSLETTER_RATE_LIMIT = 10
    issue = issue_for(world.project, interests=[areas["perheet"]])
    _publish(issue, django_capture_on_commit_callbacks)
    start = time.monotonic()
    assert delivery.issue_deliver(issue_id=issue.pk)["sent"] == 3
    assert time.monotonic() - start >= 0.2
    assert issue.deliveries.filter(status="sent").count() == 3


def test_an_address_no_message_can_carry_fails_alone(
    world, areas, cast, smtp_server, django_capture_on_commit_callbacks
):
    broken = member("rikki@example.fi", "fi", [areas["perheet"]])
    Subscriber.objects.filter(pk=broken.pk).update(email="rikki\n@example.fi")
    issue = issue_for(world.project, interests=[areas["perheet"]])
    _publish(issue, django_capture_on_commit_callbacks)
    outcome = delivery.issue_deliver(issue_id=issue.pk)
    assert (outcome["sent"], outcome["failed"]) == (3, 1)
    failed = issue.deliveries.get(subscriber=broken)
    assert (failed.status, failed.last_error) == ("failed", "invalid address")
