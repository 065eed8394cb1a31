"""The rich-text newsletter editor: what the workspace form sends to the
browser, what is stored when saved, the HTML → text of the email's text part,
and the migration of bodies written in the old text format."""

import importlib
import json
import re

import pytest
from django.apps import apps
from django.utils import translation

from newsletters import services
from newsletters.models import NewsletterIssue
from portal.lib import sanitize
from tests.conftest import client_for
from tests.newsletters.helpers import issue_for

RICH = (
    "<h2>Syksyn tapahtumat</h2>"
    "<p>Kokeilu oli <strong>onnistunut</strong> ja <em>nopea</em>.<br>Toinen rivi.</p>"
    '<ul><li><p>yksi</p></li><li><p>kaksi <a href="https://example.fi/a">linkki</a>'
    "</p><ol><li><p>alakohta</p></li></ol></li></ul>"
    "<h3>Seuraavaksi</h3>"
    "<ol><li><p>ensin</p></li><li><p>sitten</p></li></ol>"
    "<blockquote><p>Lainattu lause.</p></blockquote>"
    '<p>Kysy: <a href="mailto:hanke@example.fi">hanke@example.fi</a></p>'
)


def test_the_allow_list_keeps_every_element_the_editor_makes():
    cleaned = sanitize.clean_rich(RICH)
    for tag in ("h2", "h3", "p", "strong", "em", "br", "ul", "ol", "li", "blockquote"):
        assert f"<{tag}>" in cleaned, tag
    assert '<a href="https://example.fi/a" rel="noopener noreferrer">' in cleaned
    assert '<a href="mailto:hanke@example.fi" rel="noopener noreferrer">' in cleaned


@pytest.mark.parametrize(
    ("dirty", "clean"),
    [
        ('<p style="color:red" class="x" id="y">teksti</p>', "<p>teksti</p>"),
        ("<h1>Iso</h1><h4>Pieni</h4>", "IsoPieni"),
        ("<p><b>b</b> <i>i</i> <u>u</u> <span>s</span></p>", "<p>b i u s</p>"),
        ('<p><a href="/fi/pilotit/">suhteellinen</a></p>', "<p>suhteellinen</p>"),
        (
            '<p><a href="https://a.fi" target="_blank">a</a></p>',
            '<p><a href="https://a.fi" rel="noopener noreferrer">a</a></p>',
        ),
        ("<p></p>", ""),
        ("<p><br></p><p> </p>", ""),
        ("<p>a</p><p></p>", "<p>a</p>"),
        ("", ""),
        (None, ""),
    ],
)
def test_anything_outside_the_allow_list_is_removed(dirty, clean):
    assert sanitize.clean_rich(dirty) == clean


def test_text_format_bodies_become_the_html_they_were_shown_as():
    text = "Ensimmäinen kappale.\nRivi https://example.fi/x.\n\n- yksi\n- kaksi"
    assert sanitize.clean_rich(text) == (
        "<p>Ensimmäinen kappale.<br>Rivi "
        '<a href="https://example.fi/x" rel="noopener noreferrer">'
        "https://example.fi/x</a>.</p>\n<ul><li>yksi</li><li>kaksi</li></ul>"
    )
    # Formats already sanitised either way are left as they are.
    assert sanitize.as_rich(RICH) == RICH
    # And render() keeps its meaning for the text-format fields of pilots
    # and reports: markup is shown as text, never as markup.
    assert (
        sanitize.render("<strong>x</strong>") == "<p>&lt;strong&gt;x&lt;/strong&gt;</p>"
    )


def test_the_text_part_reads_like_the_newsletter():
    assert sanitize.plain_rich(RICH) == (
        "Syksyn tapahtumat\n\n"
        "Kokeilu oli onnistunut ja nopea.\nToinen rivi.\n\n"
        "- yksi\n"
        "- kaksi linkki (https://example.fi/a)\n"
        "  1. alakohta\n\n"
        "Seuraavaksi\n\n"
        "1. ensin\n"
        "2. sitten\n\n"
        "> Lainattu lause.\n\n"
        "Kysy: hanke@example.fi"
    )
    # A body in the text format is its own text part, as before.
    assert sanitize.plain_rich("Kappale.\n\n- yksi") == "Kappale.\n\n- yksi"
    assert sanitize.plain_rich("<p>&lt;script&gt; &amp; &quot;</p>") == '<script> & "'


def test_saving_sanitises_the_body_and_keeps_lead_and_title_plain(world):
    issue = issue_for(world.project)
    issue.body_fi = RICH + '<p onclick="alert(1)">x<script>alert(2)</script></p>'
    issue.body_sv = "<p></p>"
    issue.lead_fi = "<em>Ingressi</em>"
    services.issue_save(issue=issue, interests=[], by=world.manager)
    issue.refresh_from_db()
    assert issue.body_fi == sanitize.clean_rich(RICH) + "<p>x</p>"
    assert issue.body_sv == ""
    assert issue.lead_fi == "Ingressi"


@pytest.mark.parametrize(
    ("lang", "labels"),
    [
        (
            "fi",
            {"bold": "Lihavointi", "toolbar": "Muotoilu: %(field)s", "link": "Linkki"},
        ),
        (
            "sv",
            {"bold": "Fetstil", "toolbar": "Formatering: %(field)s", "link": "Länk"},
        ),
    ],
)
def test_the_workspace_form_loads_the_editor_in_the_pages_language(world, lang, labels):
    issue = issue_for(world.project, body_sv="")
    with translation.override(lang):
        from django.urls import reverse

        url = reverse("newsletters:ws-detail", args=[issue.pk])
    page = client_for(world, "manager").get(url).content.decode()
    assert '<script src="/static/js/newsletter-editor.js" type="module">' in page
    assert 'href="/static/css/editor.css"' in page
    assert "<noscript>" in page
    textarea = re.search(r'<textarea name="body_fi"[^>]*>', page).group(0)
    assert 'lang="fi"' in textarea
    sent = json.loads(
        re.search(r'data-rich-editor="([^"]*)"', textarea)
        .group(1)
        .replace("&quot;", '"')
        .replace("&amp;", "&")
    )
    assert {key: sent[key] for key in labels} == labels
    # The text-format body opens in the editor as HTML.
    body = page.split('name="body_fi"', 1)[1].split("</textarea>", 1)[0]
    assert "&lt;ul&gt;&lt;li&gt;kohta yksi&lt;/li&gt;" in body


def test_the_form_without_javascript_takes_html_or_text(world):
    from django.urls import reverse

    issue = issue_for(world.project)
    client = client_for(world, "manager")
    response = client.post(
        reverse("newsletters:ws-detail", args=[issue.pk]),
        {
            "number": issue.number,
            "year": issue.year,
            "title_fi": "Otsikko",
            "body_fi": '<p>Hei <a href="javascript:alert(1)">x</a></p><img src=x>',
            "body_sv": "Stycke.\n\n- punkt",
        },
    )
    assert response.status_code == 302
    issue.refresh_from_db()
    assert issue.body_fi == "<p>Hei x</p>"
    assert issue.body_sv == "<p>Stycke.</p>\n<ul><li>punkt</li></ul>"


def test_the_migration_converts_text_bodies_to_html_and_back(world):
    migration = importlib.import_module("newsletters.migrations.0002_issue_body_html")
    text = issue_for(world.project, number=41)
    rich = issue_for(world.project, number=42, body_fi=RICH, body_sv="")
    migration.text_to_html(apps, None)
    text.refresh_from_db()
    rich.refresh_from_db()
    assert text.body_fi == (
        "<p>Ensimmäinen kappale.</p>\n<ul><li>kohta yksi</li><li>kohta kaksi</li></ul>"
    )
    assert text.body_sv.startswith("<p>Första stycket.</p>")
    assert rich.body_fi == RICH  # already HTML: untouched
    assert rich.body_sv == ""
    migration.html_to_text(apps, None)
    text.refresh_from_db()
    assert text.body_fi == "Ensimmäinen kappale.\n\n- kohta yksi\n- kohta kaksi"
    assert NewsletterIssue.objects.get(pk=rich.pk).body_fi.startswith(
        "Syksyn tapahtumat\n\n"
    )
