"""A body written in the editor reaches the issue page, both parts of the
email and the Atom feed as formatting, in Finnish and Swedish."""

import xml.etree.ElementTree as ET  # noqa: S405 - our own feed

import pytest
from django.utils import timezone

from newsletters import delivery, services
from newsletters.models import NewsletterIssue
from tests.newsletters.helpers import html_part, issue_for, member, text_part

ATOM = "{http://www.w3.org/2005/Atom}"
BODY = {
    "fi": (
        "<h2>Syksyn tapahtumat</h2><p>Kokeilu oli <strong>onnistunut</strong>."
        ' <a href="https://example.fi/a">Lue lisää</a></p>'
        "<ul><li><p>yksi</p></li><li><p>kaksi</p></li></ul>"
        "<blockquote><p>Lainaus.</p></blockquote>"
    ),
    "sv": (
        "<h2>Höstens händelser</h2><p>Försöket var <strong>lyckat</strong>."
        ' <a href="https://example.fi/a">Läs mer</a></p>'
        "<ul><li><p>ett</p></li><li><p>två</p></li></ul>"
        "<blockquote><p>Citat.</p></blockquote>"
    ),
}
TEXT = {
    "fi": (
        "Syksyn tapahtumat\n\nKokeilu oli onnistunut. Lue lisää "
        "(https://example.fi/a)\n\n- yksi\n- kaksi\n\n> Lainaus."
    ),
    "sv": (
        "Höstens händelser\n\nFörsöket var lyckat. Läs mer "
        "(https://example.fi/a)\n\n- ett\n- två\n\n> Citat."
    ),
}
PAGE = {"fi": "/fi/infokirjeet/yhteinen/2021/8/", "sv": "/sv/infobrev/yhteinen/2021/8/"}
FEED = {"fi": "/fi/infokirjeet/feed/", "sv": "/sv/infobrev/feed/"}
MARKUP = {
    "fi": "<h2>Syksyn tapahtumat</h2><p>Kokeilu oli <strong>onnistunut</strong>."
    ' <a href="https://example.fi/a" rel="noopener noreferrer">Lue lisää</a></p>',
    "sv": "<h2>Höstens händelser</h2><p>Försöket var <strong>lyckat</strong>."
    ' <a href="https://example.fi/a" rel="noopener noreferrer">Läs mer</a></p>',
}


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_a_rich_body_shows_as_formatting_on_page_email_and_feed(
    client, world, areas, smtp_server, django_capture_on_commit_callbacks, lang
):
    member("lukija@example.fi", lang, [areas["kaikki"]])
    issue = issue_for(world.project, body_fi=BODY["fi"], body_sv=BODY["sv"])
    services.issue_save(issue=issue, interests=[], by=None)
    with django_capture_on_commit_callbacks(execute=False):
        services.issue_publish(issue=issue)
    delivery.issue_deliver(issue_id=issue.pk)
    mail = smtp_server.messages[0][1]
    assert MARKUP[lang] in html_part(mail)
    assert "<blockquote><p>" in html_part(mail)
    assert TEXT[lang] in text_part(mail).replace("\r\n", "\n")
    page = client.get(PAGE[lang]).content.decode()
    assert MARKUP[lang] in page
    root = ET.fromstring(client.get(FEED[lang]).content)  # noqa: S314
    summary = root.find(f"{ATOM}entry").find(f"{ATOM}summary").text
    assert MARKUP[lang] in summary
    assert NewsletterIssue.objects.get(pk=issue.pk).published_at <= timezone.now()
