"""The portal works with the keyboard alone: skip link, language switch, login.

Nothing here evaluates JavaScript of its own (the CSP forbids unsafe-eval):
focus is read with ``:focus`` locators and ``expect(...).to_be_focused()``.
"""

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.browser.conftest import Site

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MAX_TABS = 30


def tab_to(page: Page, target: Locator) -> None:
    """Press Tab until ``target`` has the focus (it may have it already)."""
    for _ in range(MAX_TABS):
        if target.and_(page.locator(":focus")).count() == 1:
            break
        page.keyboard.press("Tab")
    expect(target).to_be_focused()


def expect_focus_visible(target: Locator) -> None:
    """The focused element draws an outline (the computed style, no eval)."""
    expect(target).to_be_focused()
    expect(target).not_to_have_css("outline-style", "none")
    expect(target).not_to_have_css("outline-width", "0px")


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_first_tab_reaches_a_visible_skip_link_that_moves_focus_to_main(
    page: Page, site: Site, lang: str
):
    page.goto(site.url(lang, "projects:detail", slug=site.projects[0].slug))
    page.keyboard.press("Tab")
    skip = page.locator("a.skip-link")
    expect(skip).to_be_focused()
    expect(skip).to_have_attribute("href", "#main")
    expect(skip).to_be_visible()
    expect(skip).to_be_in_viewport()
    expect_focus_visible(skip)
    page.keyboard.press("Enter")
    expect(page.locator("#main")).to_be_focused()
    # The next Tab continues inside the content, not back in the header.
    page.keyboard.press("Tab")
    expect(page.locator("#main :focus")).to_have_count(1)


@pytest.mark.parametrize(
    ("lang", "other"), [("fi", "sv"), ("sv", "fi")], ids=["fi-to-sv", "sv-to-fi"]
)
def test_language_switcher_opens_the_same_page_in_the_other_language(
    page: Page, site: Site, lang: str, other: str
):
    slug = site.projects[0].slug
    page.goto(site.url(lang, "projects:detail", slug=slug))
    switcher = page.locator(f'.language-switcher a[hreflang="{other}"]')
    tab_to(page, switcher)
    expect_focus_visible(switcher)
    page.keyboard.press("Enter")
    expect(page).to_have_url(site.url(other, "projects:detail", slug=slug))
    expect(page.locator("html")).to_have_attribute("lang", other)


def test_language_switcher_keeps_the_filters_of_the_project_list(
    page: Page, site: Site
):
    page.goto(site.url("fi", "projects:list") + "?status=ongoing")
    switcher = page.locator('.language-switcher a[hreflang="sv"]')
    tab_to(page, switcher)
    page.keyboard.press("Enter")
    expect(page).to_have_url(site.url("sv", "projects:list") + "?status=ongoing")
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    expect(page.locator("#id_status")).to_have_value("ongoing")


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_login_form_works_with_the_keyboard_alone(page: Page, site: Site, lang: str):
    page.goto(site.url(lang, "portal:login"))
    username = page.locator("#id_username")
    password = page.locator("#id_password")
    tab_to(page, username)
    expect_focus_visible(username)
    page.keyboard.type(site.manager.username)
    page.keyboard.press("Tab")
    expect(password).to_be_focused()
    expect_focus_visible(password)
    page.keyboard.type(site.password)
    page.keyboard.press("Enter")
    expect(page).to_have_url(site.url(lang, "portal:workspace"))
    expect(page.locator("html")).to_have_attribute("lang", lang)
    expect(page.locator("main h1")).to_be_visible()
