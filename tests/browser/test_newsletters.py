"""Browser journeys of the developer community and the newsletter workspace,
with axe-core on every page, in Finnish and Swedish."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from newsletters.models import NewsletterIssue, Subscriber
from portal.models import OutboundEmail
from tests.browser.conftest import LANGUAGES, Site, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"],
    }
}
axe = Axe()

TEXT = {
    "fi": {
        "join": "Liity",
        "families": "Lapset, nuoret ja perheet",
        "older": "Ikääntyneet ja vammaispalvelut",
        "consent": "Hyväksyn",
        "confirm": "Vahvista liittyminen",
        "welcome": "Tervetuloa kehittäjäyhteisöön",
        "manage": "Vaihda kieli tai kiinnostuksen kohteet tai eroa",
        "save": "Tallenna muutokset",
        "saved": "Valintasi on tallennettu.",
        "leave": "Eroa nyt",
        "left": "Olet eronnut kehittäjäyhteisöstä",
        "publish": "Julkaise ja lähetä nyt",
        "preview": "Verkkosivuna ja sähköpostina ruotsiksi",
        "schedule": "Ajasta",
        "scheduled": "Infokirje julkaistaan valittuna aikana.",
        "unschedule": "Peru ajastus",
    },
    "sv": {
        "join": "Anslut dig",
        "families": "Barn, unga och familjer",
        "older": "Äldre och funktionshinderservice",
        "consent": "Jag godkänner",
        "confirm": "Bekräfta anslutningen",
        "welcome": "Välkommen till utvecklargemenskapen",
        "manage": "Byt språk eller intresseområden, eller lämna",
        "save": "Spara ändringarna",
        "saved": "Dina val har sparats.",
        "leave": "Lämna nu",
        "left": "Du har lämnat utvecklargemenskapen",
        "publish": "Publicera och skicka nu",
        "preview": "Som webbsida och e-post på svenska",
        "schedule": "Schemalägg",
        "scheduled": "Infobrevet publiceras vid den valda tidpunkten.",
        "unschedule": "Avbryt schemaläggningen",
    },
}


def _axe(page: Page) -> None:
    violations = axe.run(page, options=AXE_OPTIONS).response["violations"]
    found = [(v["id"], v["nodes"][0]["html"]) for v in violations]
    assert not violations, (page.url, found)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_member_joins_confirms_changes_interests_and_leaves(
    page: Page, site: Site, lang: str
):
    t = TEXT[lang]
    response = page.goto(site.url(lang, "newsletters:signup"))
    assert response.status == 200, (page.url, response.status)
    _axe(page)
    page.get_by_role("button", name=t["join"]).click()
    expect(page.locator(".error-summary")).to_be_visible()
    _axe(page)
    page.get_by_label(re.compile("Sähköpostiosoite|E-postadress")).fill(
        f"selain-{lang}@example.fi"
    )
    page.get_by_label(t["families"]).check()
    page.get_by_label(re.compile(t["consent"])).check()
    page.get_by_role("button", name=t["join"]).click()
    expect(page.locator("h1")).to_be_visible()
    _axe(page)
    subscriber = Subscriber.objects.get(email=f"selain-{lang}@example.fi")
    assert subscriber.language == lang and subscriber.confirmed_at is None
    mail = OutboundEmail.objects.get(to=[f"selain-{lang}@example.fi"])
    link = re.search(r"https?://\S+", mail.body).group(0)
    page.goto(site.base + "/" + link.split("/", 3)[3])
    assert "chrome-error" not in page.url, link
    _axe(page)
    page.get_by_role("button", name=t["confirm"]).click()
    expect(page.get_by_role("heading", name=t["welcome"])).to_be_visible()
    _axe(page)
    page.get_by_role("link", name=t["manage"]).click()
    _axe(page)
    page.get_by_label(t["older"]).check()
    page.get_by_role("button", name=t["save"]).click()
    expect(page.get_by_text(t["saved"])).to_be_visible()
    _axe(page)
    page.get_by_role("button", name=t["leave"]).click()
    expect(page.get_by_role("heading", name=t["left"])).to_be_visible()
    _axe(page)
    subscriber.refresh_from_db()
    assert subscriber.left_at is not None
    assert subscriber.interests.count() == 2


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_manager_previews_schedules_and_publishes(page: Page, site: Site, lang: str):
    t = TEXT[lang]
    log_in(page.context, site, site.manager)
    draft = NewsletterIssue.objects.get(number=8, year=2021)
    page.goto(site.url(lang, "newsletters:ws-list"))
    _axe(page)
    page.goto(site.url(lang, "newsletters:ws-detail", draft.pk))
    _axe(page)
    page.get_by_role("link", name=t["preview"]).click()
    _axe(page)
    page.go_back()
    page.locator("#id_publish_at").fill("2030-01-01T09:00")
    page.get_by_role("button", name=t["schedule"], exact=True).click()
    expect(page.get_by_text(t["scheduled"])).to_be_visible()
    page.get_by_role("button", name=t["unschedule"]).click()
    page.get_by_role("button", name=t["publish"]).click()
    expect(page.locator("#progress-bar")).to_be_visible()
    expect(page.locator("#progress")).to_have_attribute("aria-live", "polite")
    _axe(page)
    draft.refresh_from_db()
    assert draft.status in ("published", "sent")
    page.goto(site.url(lang, "newsletters:archive"))
    _axe(page)
    page.goto(
        site.url(
            lang,
            "newsletters:issue",
            slug=draft.project.slug,
            year=draft.year,
            number=draft.number,
        )
    )
    _axe(page)
