"""The accessibility statement's feedback form reaches the site admins."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from portal.models import AccessibilityFeedback, OutboundEmail


def _url(language: str) -> str:
    with translation.override(language):
        return reverse("portal:accessibility")


@pytest.mark.parametrize(
    ("language", "heading", "thanks"),
    [
        ("fi", "Saavutettavuusseloste", "Kiitos"),
        ("sv", "Tillgänglighetsutlåtande", "Tack"),
    ],
)
def test_statement_page_is_in_the_pages_language(client, db, language, heading, thanks):  # noqa: ARG001
    response = client.get(_url(language))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert heading in html
    response = client.post(
        _url(language), {"message": "Painike ei toimi.", "page": "/fi/"}, follow=True
    )
    assert thanks in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_feedback_reaches_site_admins_with_a_14_day_reply_date(
    client, smtp_inbox, celery_worker_real, settings
):  # noqa: ARG001
    settings.SITE_ADMINS = ["yllapito@example.fi"]
    response = client.post(
        _url("sv"),
        {"message": "Kontrasten är för svag.", "email": "asiakas@example.fi"},
    )
    assert response.status_code == 302

    feedback = AccessibilityFeedback.objects.get()
    assert (feedback.reply_due - feedback.created_at).days == 14
    assert feedback.language == "sv"

    messages = smtp_inbox.wait_for(1)
    assert len(messages) == 1
    recipients, message = messages[0]
    assert recipients == ["yllapito@example.fi"]
    local = timezone.localtime(feedback.reply_due)  # the date as the county reads it
    due = f"{local.day}.{local.month}.{local.year}"
    assert due in message["Subject"]
    assert message["Reply-To"] == "asiakas@example.fi"
    assert "Kontrasten är för svag." in message.get_body(("plain",)).get_content()
    assert OutboundEmail.objects.get().status == OutboundEmail.Status.SENT


def test_empty_feedback_shows_the_error_and_sends_nothing(client, db):  # noqa: ARG001
    response = client.post(_url("fi"), {"message": ""})
    assert response.status_code == 200
    assert "has-error" in response.content.decode()
    assert AccessibilityFeedback.objects.count() == 0
    assert len(mail.outbox) == 0


def test_honeypot_submission_is_dropped_silently(client, db):  # noqa: ARG001
    response = client.post(_url("fi"), {"message": "roskaa", "website": "x"})
    assert response.status_code == 302
    assert AccessibilityFeedback.objects.count() == 0


def test_too_many_submissions_get_a_friendly_429(client, db):  # noqa: ARG001
    from django.core.cache import cache

    cache.clear()
    for _ in range(5):
        client.post(_url("sv"), {"message": "Hej"})
    response = client.post(_url("sv"), {"message": "Hej"})
    assert response.status_code == 429
    assert "För många försök" in response.content.decode()
    cache.clear()
