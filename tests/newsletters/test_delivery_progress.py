"""The workspace's delivery progress counts sent, failed, skipped and
waiting members apart, and says when sending has stalled."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone, translation

from newsletters import selectors
from newsletters.models import Delivery
from tests.conftest import client_for
from tests.newsletters.helpers import member


def _deliveries(issue, statuses: dict[str, int]) -> None:  # noqa: ANN001
    n = 0
    for status, count in statuses.items():
        for _ in range(count):
            n += 1
            Delivery.objects.create(
                issue=issue,
                subscriber=member(f"jasen{n}@example.fi"),
                status=status,
                sent_at=timezone.now() if status == "sent" else None,
            )


def _progress(world, language: str = "fi") -> str:  # noqa: ANN001
    with translation.override(language):
        url = reverse("newsletters:ws-progress", args=[world.newsletter.pk])
    return (
        client_for(world, "manager").get(url, HTTP_HX_REQUEST="true").content.decode()
    )


def test_failed_and_skipped_members_are_not_counted_as_sent(world):
    _deliveries(world.newsletter, {"sent": 5, "failed": 2, "skipped": 1, "queued": 3})
    counts = selectors.delivery_counts(issue=world.newsletter)
    assert (counts["sent"], counts["failed"], counts["skipped"]) == (5, 2, 1)
    assert (counts["done"], counts["pending"], counts["total"]) == (8, 3, 11)
    page = _progress(world)
    assert "Lähetetty 5/11; epäonnistui 2; ohitettu 1; odottaa 3." in page
    assert "Skickat 5 av 11; misslyckades 2; hoppades över 1; väntar 3." in _progress(
        world, "sv"
    )


def test_a_stalled_sending_says_so_and_a_moving_one_does_not(world, settings):
    settings.NEWSLETTER_SENDING_TIMEOUT = 60
    _deliveries(world.newsletter, {"sent": 2, "queued": 2})
    assert "keskeytynyt" not in _progress(world)
    long_ago = timezone.now() - timedelta(minutes=5)
    world.newsletter.deliveries.update(created_at=long_ago, sent_at=long_ago)
    assert "Lähetys on keskeytynyt; se jatkuu automaattisesti." in _progress(world)
    # Members held back by a retry pause are waiting, not stalled.
    world.newsletter.deliveries.filter(status="queued").update(
        not_before=timezone.now() + timedelta(minutes=1)
    )
    assert "keskeytynyt" not in _progress(world)
