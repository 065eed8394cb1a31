"""Pilots in the browser: axe on every page in fi and sv, the htmx flow with
its live-region announcement and focus, and the same form without JavaScript."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import translation
from playwright.sync_api import Browser, Page, expect

from pilots.models import Pilot, ProgressEntry
from tests.browser.conftest import LANGUAGES, Site, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"],
    }
}
axe = Axe()


def _t(lang: str, text: str) -> str:
    with translation.override(lang):
        return translation.gettext(text)


def _remote(site: Site) -> Pilot:
    return Pilot.objects.get(name_fi="Etävastaanotto")


def _assert_no_violations(page: Page) -> None:
    violations = axe.run(page, options=AXE_OPTIONS).response["violations"]
    assert not violations, [
        (v["id"], [n["target"] for n in v["nodes"]]) for v in violations
    ]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_public_pilot_pages_have_no_axe_violations(page: Page, site: Site, lang):
    pilot = _remote(site)
    for url in (
        site.url(lang, "pilots:list"),
        site.url(lang, "pilots:list") + "?phase=running",
        site.url(lang, "pilots:detail", pk=pilot.pk),
        site.url(lang, "projects:detail", slug=pilot.project.slug),
    ):
        response = page.goto(url)
        assert response is not None and response.status == 200, url
        expect(page.locator("html")).to_have_attribute("lang", lang)
        _assert_no_violations(page)
    page.goto(site.url(lang, "pilots:detail", pk=pilot.pk))
    expect(page.locator("svg.chart").first).to_be_visible()
    expect(page.locator("svg.chart title").first).to_have_count(1)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_member_logs_an_entry_with_htmx(page: Page, site: Site, lang):
    pilot = _remote(site)
    log_in(page.context, site, site.member)
    page.goto(site.url(lang, "pilots:workspace"))
    _assert_no_violations(page)
    page.goto(site.url(lang, "pilots:log", pk=pilot.pk))
    _assert_no_violations(page)
    url = page.url

    # An empty entry: the error summary takes the focus, nothing reloads.
    page.get_by_role("button", name=_t(lang, "Save entry")).click()
    expect(page.locator("#log-status")).to_have_text(
        _t(lang, "The entry was not saved. Check the errors in the form.")
    )
    expect(page.locator(".error-summary")).to_be_focused()
    _assert_no_violations(page)

    page.locator("#id_date").fill("2022-07-04")
    page.get_by_label(_t(lang, "What happened")).fill("Selaintesti kirjasi tämän.")
    page.get_by_label(_t(lang, "Public: shown on the pilot's public page")).check()
    page.get_by_role("button", name=_t(lang, "Save entry")).click()
    expect(page.locator("#log-status")).to_have_text(_t(lang, "The entry was saved."))
    new = page.locator("[data-new-entry]")
    expect(new).to_be_focused()
    # The log is in date order; the new entry takes its place in it.
    expect(page.locator(".entry", has=new)).to_contain_text(
        "Selaintesti kirjasi tämän."
    )
    assert page.url == url  # no reload, no navigation
    assert ProgressEntry.objects.filter(text="Selaintesti kirjasi tämän.").exists()
    _assert_no_violations(page)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_back_dated_entry_is_shown_on_its_page_and_announced(
    page: Page, site: Site, settings, lang
):
    # Three entries are newer than 10.6.2022: by its date, the entry goes
    # on page 2.
    settings.PORTAL_PAGE_SIZE = 3
    pilot = _remote(site)
    log_in(page.context, site, site.member)
    page.goto(site.url(lang, "pilots:log", pk=pilot.pk))
    page.evaluate("window.notReloaded = true")
    page.locator("#id_date").fill("2022-06-10")
    page.get_by_label(_t(lang, "What happened")).fill("Takautuva merkintä.")
    page.get_by_role("button", name=_t(lang, "Save entry")).click()
    with translation.override(lang):
        announced = translation.gettext(
            "The entry was saved. By its date, it is on page %(number)s of the log."
        ) % {"number": 2}
    expect(page.locator("#log-status")).to_have_text(announced)
    new = page.locator("[data-new-entry]")
    expect(new).to_be_focused()
    expect(page.locator(".entry", has=new)).to_contain_text("Takautuva merkintä.")
    # Between the newer entries (page 1) and the older one of 7.6.2022.
    expect(page.locator(".entry time").first).to_have_attribute(
        "datetime", "2022-06-10"
    )
    expect(page.locator(".entry time").nth(1)).to_have_attribute(
        "datetime", "2022-06-07"
    )
    assert page.url.endswith("?page=2")  # a reload shows the same page
    assert page.evaluate("window.notReloaded === true")
    _assert_no_violations(page)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_member_logs_an_entry_without_javascript(browser: Browser, site: Site, lang):
    pilot = _remote(site)
    context = browser.new_context(java_script_enabled=False)
    try:
        log_in(context, site, site.member)
        page = context.new_page()
        page.goto(site.url(lang, "pilots:log", pk=pilot.pk))
        page.locator("#id_date").fill("2022-07-05")
        page.get_by_label(_t(lang, "What happened")).fill("Ilman skriptejä.")
        page.get_by_role("button", name=_t(lang, "Save entry")).click()
        expect(page.locator(".message-success")).to_have_text(
            _t(lang, "The entry was saved.")
        )
        expect(page.locator(".entry-list")).to_contain_text("Ilman skriptejä.")
    finally:
        context.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_entry_forms_have_no_axe_violations(page: Page, site: Site, lang):
    pilot = _remote(site)
    entry = pilot.entries.filter(author=site.member).first()
    log_in(page.context, site, site.member)
    for name, kwargs in (
        ("pilots:entry-edit", {"pk": pilot.pk, "entry_pk": entry.pk}),
        ("pilots:entry-delete", {"pk": pilot.pk, "entry_pk": entry.pk}),
        ("pilots:measurements-import", {"pk": pilot.pk}),
    ):
        response = page.goto(site.url(lang, name, **kwargs))
        assert response is not None and response.status == 200
        _assert_no_violations(page)


def test_keyboard_alone_reaches_and_sends_the_form(page: Page, site: Site):
    pilot = _remote(site)
    log_in(page.context, site, site.member)
    page.goto(site.url("fi", "pilots:log", pk=pilot.pk))
    page.locator("#id_date").fill("2022-07-06")
    page.get_by_label("Mitä tapahtui").focus()
    page.keyboard.type("Näppäimistöllä.")
    page.get_by_role("button", name="Tallenna merkintä").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#log-status")).to_have_text("Merkintä tallennettiin.")
