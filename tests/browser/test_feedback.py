"""Feedback surveys in Chromium: answering on a phone and a desktop, with and
without JavaScript, and the builder and results, with axe in fi and sv."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.cache import cache
from playwright.sync_api import Browser, Page, expect

from feedback.demo import MAIN_TOKEN, SMALL_TOKEN
from feedback.models import Response, Survey
from portal.lib import ratelimit
from tests.browser.conftest import LANGUAGES, Site, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"],
    }
}
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
SEND = {"fi": "Lähetä vastaukset", "sv": "Skicka svaren"}
THANKS = {"fi": "Kiitos palautteestasi", "sv": "Tack för din respons"}
CLOSED = {"fi": "Kysely on päättynyt", "sv": "Enkäten har stängts"}
CHECK = {"fi": "Tarkista vastauksesi", "sv": "Kontrollera dina svar"}
TOO_FEW = {"fi": "Liian vähän vastauksia", "sv": "För få svar"}

axe = Axe()


@pytest.fixture(autouse=True)
def _no_rate_limit():
    for address in ("127.0.0.1", "::1"):
        cache.delete(ratelimit._key("feedback-answer", address))


def _assert_axe_clean(page: Page) -> None:
    violations = axe.run(page, options=AXE_OPTIONS).response["violations"]
    assert not violations, [
        (v["id"], [n["target"] for n in v["nodes"]]) for v in violations
    ]


def _new_page(browser: Browser, viewport: dict, **kwargs) -> Page:  # noqa: ANN003
    context = browser.new_context(viewport=viewport, **kwargs)
    return context.new_page()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_client_answers_and_sees_the_thanks(
    browser: Browser, site: Site, lang: str, viewport: dict
):
    page = _new_page(browser, viewport)
    survey = Survey.objects.get(token=MAIN_TOKEN)
    before = Response.objects.filter(survey=survey).count()
    page.goto(site.url(lang, "feedback:answer", token=MAIN_TOKEN))
    expect(page.locator("html")).to_have_attribute("lang", lang)
    _assert_axe_clean(page)
    # Sending without the required answer shows the errors in the page's language.
    page.get_by_role("button", name=SEND[lang]).click()
    expect(page.get_by_role("heading", name=CHECK[lang])).to_be_visible()
    _assert_axe_clean(page)
    fieldsets = page.locator("fieldset.question")
    fieldsets.nth(0).get_by_label("9", exact=True).check()
    fieldsets.nth(1).get_by_label("4", exact=True).check()
    page.locator("textarea").fill("Yhteys toimi hyvin.")
    target = page.get_by_label("10", exact=True)
    box = target.locator("xpath=..").bounding_box()
    assert box["height"] >= 44 and box["width"] >= 44
    page.get_by_role("button", name=SEND[lang]).click()
    expect(page.get_by_role("heading", name=THANKS[lang])).to_be_visible()
    _assert_axe_clean(page)
    assert Response.objects.filter(survey=survey).count() == before + 1
    cookies = {c["name"] for c in page.context.cookies()}
    assert cookies <= {"csrftoken"}


def test_answering_works_without_javascript(browser: Browser, site: Site):
    page = _new_page(browser, PHONE, java_script_enabled=False)
    page.goto(site.url("fi", "feedback:answer", token=MAIN_TOKEN))
    page.locator("fieldset.question").nth(0).get_by_label("7", exact=True).check()
    page.get_by_role("button", name=SEND["fi"]).click()
    expect(page.get_by_role("heading", name=THANKS["fi"])).to_be_visible()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_closed_survey_says_so(page: Page, site: Site, lang: str):
    page.set_viewport_size(PHONE)
    page.goto(site.url(lang, "feedback:answer", token=SMALL_TOKEN))
    expect(page.get_by_role("heading", name=CLOSED[lang])).to_be_visible()
    _assert_axe_clean(page)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_builder_and_results_pass_axe(page: Page, site: Site, lang: str):
    log_in(page.context, site, site.manager)
    survey = Survey.objects.get(token=MAIN_TOKEN)
    small = Survey.objects.get(token=SMALL_TOKEN)
    for url in (
        site.url(lang, "feedback:list"),
        site.url(lang, "feedback:survey", pk=survey.pk),
        site.url(lang, "feedback:edit", pk=survey.pk),
        site.url(
            lang,
            "feedback:question-edit",
            pk=survey.pk,
            qpk=survey.questions.first().pk,
        ),
        site.url(lang, "feedback:preview", pk=survey.pk),
        site.url(lang, "feedback:results", pk=survey.pk),
    ):
        response = page.goto(url)
        assert response.status == 200, url
        _assert_axe_clean(page)
    expect(page.locator("svg.chart").first).to_be_visible()
    page.goto(site.url(lang, "feedback:results", pk=small.pk))
    expect(page.locator(".suppressed").first).to_contain_text(TOO_FEW[lang])
    _assert_axe_clean(page)


def test_reordering_questions_in_the_builder_without_a_reload(page: Page, site: Site):
    log_in(page.context, site, site.manager)
    survey = Survey.objects.get(token=MAIN_TOKEN)
    copy_id = None
    page.goto(site.url("fi", "feedback:survey", pk=survey.pk))
    # The demo survey has responses: the builder offers a copy instead.
    page.get_by_role("button", name="Kopioi kysely").click()
    expect(page.get_by_role("link", name="Lisää kysymys")).to_be_visible()
    copy_id = page.url.rstrip("/").split("/")[-1]
    first = page.locator(".question-list li").first.inner_text()
    page.locator(".question-list li").nth(1).get_by_role(
        "button", name="Siirrä ylös"
    ).click()
    expect(page.locator(".question-list li").nth(1)).to_contain_text(
        first.split("(")[0].strip()
    )
    assert copy_id.isdigit()
    _assert_axe_clean(page)
