"""The newsletter editor in a real Chromium: formatting from the keyboard,
links, saving, the strict CSP, axe, and the form without JavaScript."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from newsletters.models import NewsletterIssue
from tests.browser.conftest import LANGUAGES, Site, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"],
    }
}

TEXT = {
    "fi": {
        "body": "Teksti suomeksi",
        "toolbar": "Muotoilu: Teksti suomeksi",
        "heading": "Väliotsikko",
        "bold": "Lihavointi",
        "list": "Luettelo",
        "link": "Linkki",
        "address": "Verkko-osoite",
        "save_link": "Tallenna linkki",
        "link_error": "Kirjoita osoite, joka alkaa https://",
        "save": "Tallenna luonnos",
        "saved": "Infokirjeen luonnos on tallennettu.",
    },
    "sv": {
        "body": "Text på finska",
        "toolbar": "Formatering: Text på finska",
        "heading": "Mellanrubrik",
        "bold": "Fetstil",
        "list": "Punktlista",
        "link": "Länk",
        "address": "Webbadress",
        "save_link": "Spara länken",
        "link_error": "Skriv en adress som börjar med https://",
        "save": "Spara utkastet",
        "saved": "Utkastet till infobrevet har sparats.",
    },
}

# Records what the CSP blocks, with the script that tried it. Playwright adds
# this through the DevTools protocol, which the page's CSP does not govern.
WATCH_CSP = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__csp.push([e.violatedDirective, e.sourceFile, e.blockedURI]);
});
"""


def _open_draft(page: Page, site: Site, lang: str) -> NewsletterIssue:
    log_in(page.context, site, site.manager)
    draft = NewsletterIssue.objects.get(number=8, year=2021)
    page.add_init_script(WATCH_CSP)
    page.goto(site.url(lang, "newsletters:ws-detail", draft.pk))
    return draft


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_manager_formats_the_text_from_the_keyboard_and_saves_it(
    page: Page, site: Site, lang: str
):
    t = TEXT[lang]
    draft = _open_draft(page, site, lang)
    body = page.get_by_role("textbox", name=t["body"], exact=True)
    expect(body).to_be_visible()
    expect(body).to_have_attribute("lang", "fi")
    # The textarea is hidden, and the old text-format body opened as HTML.
    expect(page.locator("#id_body_fi")).to_be_hidden()
    expect(body.locator("li").first).to_be_visible()
    toolbar = page.get_by_role("toolbar", name=t["toolbar"])
    violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
    assert not violations, [(v["id"], v["nodes"][0]["html"]) for v in violations]

    body.click()
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.press("Delete")
    page.keyboard.type("Syksyn tapahtumat")
    # Alt+F10 moves to the toolbar; its first button is the heading.
    page.keyboard.press("Alt+F10")
    heading = toolbar.get_by_role("button", name=t["heading"], exact=True)
    expect(heading).to_be_focused()
    page.keyboard.press("Enter")
    expect(heading).to_have_attribute("aria-pressed", "true")
    expect(body.locator("h2")).to_have_text("Syksyn tapahtumat")
    # A button's action returns to the text; Alt+F10 comes back to that button.
    expect(body).to_be_focused()
    page.keyboard.press("Alt+F10")
    expect(heading).to_be_focused()
    # One tab stop: the arrow keys move along the toolbar, Escape goes back.
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    expect(toolbar.get_by_role("button", name=t["bold"])).to_be_focused()
    page.keyboard.press("Escape")
    expect(body).to_be_focused()
    page.keyboard.press("End")
    page.keyboard.press("Enter")
    page.keyboard.type("Kokeilu oli ")
    page.keyboard.press("ControlOrMeta+b")
    page.keyboard.type("onnistunut")
    page.keyboard.press("ControlOrMeta+b")
    page.keyboard.type(". Lue lisää ")
    # Ctrl+K: a dialog asks for the address; a script address is refused.
    page.keyboard.press("ControlOrMeta+k")
    dialog = page.get_by_role("dialog", name=t["link"])
    address = dialog.get_by_label(t["address"])
    expect(address).to_be_focused()
    address.fill("javascript:alert(1)")
    page.keyboard.press("Enter")
    expect(dialog.get_by_text(t["link_error"])).to_be_visible()
    expect(address).to_have_attribute("aria-invalid", "true")
    address.fill("https://example.fi/kokeilu")
    dialog.get_by_role("button", name=t["save_link"]).click()
    expect(dialog).to_be_hidden()
    expect(body).to_be_focused()
    expect(body.locator('a[href="https://example.fi/kokeilu"]')).to_be_visible()
    page.keyboard.press("Enter")
    page.keyboard.press("Alt+F10")
    page.keyboard.press("Home")
    for _ in range(4):
        page.keyboard.press("ArrowRight")
    list_button = toolbar.get_by_role("button", name=t["list"], exact=True)
    expect(list_button).to_be_focused()
    page.keyboard.press("Space")
    page.keyboard.type("Ensimmäinen kohta")
    page.keyboard.press("Enter")
    page.keyboard.type("Toinen kohta")
    # Tab leaves the text, even from a list item; Shift+Tab comes back.
    page.keyboard.press("Tab")
    expect(page.locator("#id_title_sv")).to_be_focused()
    page.keyboard.press("Shift+Tab")
    expect(body).to_be_focused()

    page.get_by_role("button", name=t["save"]).last.click()
    expect(page.get_by_text(t["saved"])).to_be_visible()
    draft.refresh_from_db()
    assert draft.body_fi == (
        "<h2>Syksyn tapahtumat</h2><p>Kokeilu oli <strong>onnistunut</strong>. "
        'Lue lisää <a href="https://example.fi/kokeilu" rel="noopener noreferrer">'
        "https://example.fi/kokeilu</a></p><ul><li><p>Ensimmäinen kohta</p></li>"
        "<li><p>Toinen kohta</p></li></ul>"
    )
    blocked = page.evaluate("window.__csp")
    mine = [v for v in blocked if re.search(r"prose_editor|newsletter-editor", v[1])]
    assert not mine, mine


def test_the_form_works_without_javascript(browser, site: Site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    log_in(context, site, site.manager)
    draft = NewsletterIssue.objects.get(number=8, year=2021)
    page.goto(site.url("fi", "newsletters:ws-detail", draft.pk))
    textarea = page.get_by_label(TEXT["fi"]["body"], exact=True)
    expect(textarea).to_be_visible()
    # The old text-format body is offered as the HTML it is shown as.
    assert textarea.input_value().startswith("<p>")
    textarea.fill(
        "<h2>Otsikko</h2><p onclick=alert(1)>Hei <script>alert(2)</script>"
        '<a href="javascript:alert(3)">linkki</a></p>'
    )
    page.get_by_label("Teksti ruotsiksi", exact=True).fill(
        "Första stycket.\n\n- punkt ett\n- punkt två"
    )
    page.get_by_role("button", name=TEXT["fi"]["save"]).last.click()
    expect(page.get_by_text(TEXT["fi"]["saved"])).to_be_visible()
    draft.refresh_from_db()
    assert draft.body_fi == "<h2>Otsikko</h2><p>Hei linkki</p>"
    assert draft.body_sv == (
        "<p>Första stycket.</p>\n<ul><li>punkt ett</li><li>punkt två</li></ul>"
    )
    context.close()
