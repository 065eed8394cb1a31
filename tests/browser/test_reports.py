"""Reports in Chromium, in fi and sv, with axe: the steering group asks for
a PDF, watches the bar reach 100 % (hearing each step through the live
region) and downloads it; approves through the confirmation page; the
manager's editor; the public approved report."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth import get_user_model
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import Page, expect

from reports.models import Report, ReportRender
from tests.browser.conftest import LANGUAGES, Site, log_in
from tests.reports.helpers import start_pdf_worker, stop

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"],
    }
}
axe = Axe()
NATIVE = {"fi": "Suomi", "sv": "Svenska"}


def _t(lang: str, text: str) -> str:
    with translation.override(lang):
        return gettext(text)


def _assert_axe_clean(page: Page) -> None:
    violations = axe.run(page, options=AXE_OPTIONS).response["violations"]
    assert not violations, [
        (v["id"], [n["target"] for n in v["nodes"]]) for v in violations
    ]


def _final(site: Site) -> Report:  # noqa: ARG001
    return Report.objects.select_related("project").get(
        project__slug="yhteispalvelu", kind=Report.Kind.FINAL
    )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_steering_group_creates_watches_and_downloads_the_pdf(
    page: Page, site: Site, lang: str
):
    report = _final(site)
    log_in(page.context, site, get_user_model().objects.get(username="steering"))
    page.goto(site.base + _url(lang, report))
    expect(page.locator("html")).to_have_attribute("lang", lang)
    _assert_axe_clean(page)
    # A live-region log of what the progress page announces.
    page.add_init_script(
        "window.__announced = [];"
        "new MutationObserver(() => {"
        "  const el = document.getElementById('render-announce');"
        "  if (el) window.__announced.push(el.textContent.trim());"
        "}).observe(document, {subtree: true, childList: true, characterData: true});"
    )
    other = "sv" if lang == "fi" else "fi"
    page.get_by_label(NATIVE[other]).check()
    worker = start_pdf_worker()
    try:
        page.get_by_role("button", name=_t(lang, "Create PDF")).click()
        expect(page.locator("#render-progress")).to_be_visible()
        _assert_axe_clean(page)
        expect(page.locator("#render-announce")).to_have_text(
            _t(lang, "The PDF is ready."), timeout=60_000
        )
        expect(page.locator("#render-progress")).to_have_attribute("value", "100")
    finally:
        stop(worker)
    announced = page.evaluate("window.__announced")
    assert _t(lang, "The PDF is ready.") in announced
    _assert_axe_clean(page)
    with page.expect_download() as download:
        page.get_by_role("link", name=_t(lang, "Download the PDF")).click()
    assert download.value.suggested_filename.endswith(f"-{other}.pdf")
    render = ReportRender.objects.get(report=report, language=other)
    assert render.status == ReportRender.Status.DONE
    # A second request for the same text and language is answered at once.
    page.goto(site.base + _url(lang, report))
    page.get_by_label(NATIVE[other]).check()
    page.get_by_role("button", name=_t(lang, "Create PDF")).click()
    expect(page.locator("#render-announce")).to_have_text(_t(lang, "The PDF is ready."))
    assert ReportRender.objects.filter(report=report).count() == 1


def _url(lang: str, report: Report, name: str = "reports:detail", **kw) -> str:  # noqa: ANN003
    from django.urls import reverse

    with translation.override(lang):
        return reverse(
            name, kwargs={"slug": report.project.slug, "pk": report.pk, **kw}
        )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_manager_edits_a_section_and_sees_it_in_the_report(
    page: Page, site: Site, lang: str
):
    report = _final(site)
    log_in(page.context, site, site.manager)
    page.goto(site.base + _url(lang, report))
    page.get_by_role(
        "link", name=_t(lang, "Edit: %(title)s") % {"title": _t(lang, "Outputs")}
    ).click()
    expect(page.locator("html")).to_have_attribute("lang", lang)
    _assert_axe_clean(page)
    field = "In Finnish" if lang == "fi" else "In Swedish"
    page.get_by_label(_t(lang, field)).fill("Uusi tuotosteksti.\n\n- kohta")
    page.get_by_role("button", name=_t(lang, "Save the section")).click()
    expect(page.get_by_text("Uusi tuotosteksti.")).to_be_visible()
    _assert_axe_clean(page)
    # The list and the creation form.
    page.goto(site.url(lang, "reports:list", slug=report.project.slug))
    _assert_axe_clean(page)
    page.get_by_role("link", name=_t(lang, "Start a new report")).click()
    _assert_axe_clean(page)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_anyone_reads_the_approved_administrative_report(
    page: Page, site: Site, lang: str
):
    report = Report.objects.get(project__slug="kotona-hyvin")
    page.goto(site.base + _url(lang, report))
    expect(page.locator("html")).to_have_attribute("lang", lang)
    with translation.override(lang):
        title = report.title
    expect(page.get_by_role("heading", level=1)).to_contain_text(title)
    _assert_axe_clean(page)
    # Keyboard: the table of contents leads to the appendices.
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text(_t(lang, "Skip to content"))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_steering_group_approves_through_the_confirmation_page(
    page: Page, site: Site, lang: str
):
    report = _final(site)
    log_in(page.context, site, get_user_model().objects.get(username="steering"))
    page.goto(site.base + _url(lang, report))
    expect(page.locator(".report-live")).to_be_visible()
    page.get_by_role("link", name=_t(lang, "Approve the report…")).click()
    expect(page.locator("html")).to_have_attribute("lang", lang)
    expect(
        page.get_by_role("heading", name=_t(lang, "What will be frozen"))
    ).to_be_visible()
    _assert_axe_clean(page)
    # Keyboard alone: the meeting choice, then the approve button.
    page.get_by_role("button", name=_t(lang, "Approve and freeze the report")).focus()
    page.keyboard.press("Enter")
    expect(page.locator(".report-frozen")).to_be_visible()
    expect(
        page.get_by_role("heading", name=_t(lang, "Approval record"))
    ).to_be_visible()
    _assert_axe_clean(page)
    report.refresh_from_db()
    assert report.status == Report.Status.APPROVED
    assert (
        report.snapshot.content_hash[:14] in page.locator(".report-frozen").inner_text()
    )
