"""The confirmation mail through a real worker and a real SMTP server that
refuses or defers it: it ends failed with the server's words, or sent with
no error left, within the retry limit."""

from newsletters import services as newsletter_services
from newsletters.models import Subscriber
from portal.models import OutboundEmail
from tests.waiting import until


def _sign_up(address: str) -> None:
    newsletter_services.subscriber_subscribe(
        email=address,
        language="fi",
        interests=[],
        kind=Subscriber.Kind.CITIZEN,
    )


def test_a_confirmation_the_server_refuses_ends_failed_with_its_reply(
    celery_worker_real, smtp_inbox, settings
):  # noqa: ARG001
    settings.EMAIL_RETRY_BACKOFF = 0
    smtp_inbox.answer(
        "ei-ole@example.fi", "550 5.1.1 <ei-ole@example.fi>: no such user"
    )
    _sign_up("ei-ole@example.fi")
    email = OutboundEmail.objects.get()
    until(
        lambda: OutboundEmail.objects.filter(pk=email.pk, status="failed").exists(),
        15,
        "the refused message to be marked failed",
    )
    email.refresh_from_db()
    assert email.attempts == 1
    assert email.last_error.startswith("550 5.1.1")
    assert smtp_inbox.messages == []


def test_a_deferred_confirmation_is_sent_on_a_later_attempt_with_no_error_left(
    celery_worker_real, smtp_inbox, settings
):  # noqa: ARG001
    settings.EMAIL_RETRY_BACKOFF = 0
    smtp_inbox.answer(
        "myohemmin@example.fi", "451 4.3.0 Try later", "421 4.7.0 Busy, come back"
    )
    _sign_up("myohemmin@example.fi")
    email = OutboundEmail.objects.get()
    until(
        lambda: OutboundEmail.objects.filter(pk=email.pk, status="sent").exists(),
        20,
        "the deferred message to be sent",
    )
    email.refresh_from_db()
    assert (email.attempts, email.last_error) == (3, "")
    assert len(smtp_inbox.wait_for(1)) == 1
