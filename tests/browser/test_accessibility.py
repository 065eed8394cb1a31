"""axe-core finds no WCAG 2.2 A/AA violation on any page, in Finnish or Swedish."""

from collections.abc import Callable

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth.models import AnonymousUser
from django.test import Client, RequestFactory
from django.utils import translation
from playwright.sync_api import Page, expect

from portal.views import permission_denied
from tests.browser.conftest import LANGUAGES, Site, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"],
    }
}

axe = Axe()


def _open(page: Page, url: str, status: int = 200) -> None:
    response = page.goto(url)
    assert response is not None
    assert response.status == status, f"{url} answered {response.status}"


def home(page: Page, site: Site, lang: str) -> list[str]:
    _open(page, site.url(lang, "portal:home"))
    return [page.url]


def project_list(page: Page, site: Site, lang: str) -> list[str]:
    _open(page, site.url(lang, "projects:list"))
    return [page.url]


def project_list_filtered(page: Page, site: Site, lang: str) -> list[str]:
    _open(page, site.url(lang, "projects:list") + "?status=ongoing")
    expect(page.get_by_role("link", name=_t(lang, "Clear filters"))).to_be_visible()
    return [page.url]


def project_list_invalid_filter(page: Page, site: Site, lang: str) -> list[str]:
    _open(page, site.url(lang, "projects:list") + "?status=bogus")
    expect(page.locator(".message-error")).to_be_visible()
    return [page.url]


def project_list_no_results(page: Page, site: Site, lang: str) -> list[str]:
    url = site.url(lang, "projects:list") + f"?region={site.empty_region.code}"
    _open(page, url)
    expect(page.locator("main .empty")).to_be_visible()
    return [page.url]


def project_detail(page: Page, site: Site, lang: str) -> list[str]:
    """Every published project: the pages differ in which sections they have."""
    assert site.projects
    return [
        site.url(lang, "projects:detail", slug=project.slug)
        for project in site.projects
    ]


def group(page: Page, site: Site, lang: str) -> list[str]:
    _open(
        page, site.url(lang, "projects:group", site.group.project.slug, site.group.pk)
    )
    return [page.url]


def sub_group(page: Page, site: Site, lang: str) -> list[str]:
    g = site.sub_group
    _open(page, site.url(lang, "projects:group", g.project.slug, g.pk))
    return [page.url]


def workspace_manager(page: Page, site: Site, lang: str) -> list[str]:
    log_in(page.context, site, site.manager)
    _open(page, site.url(lang, "portal:workspace"))
    return [page.url]


def workspace_member(page: Page, site: Site, lang: str) -> list[str]:
    log_in(page.context, site, site.member)
    _open(page, site.url(lang, "portal:workspace"))
    return [page.url]


def login(page: Page, site: Site, lang: str) -> list[str]:
    _open(page, site.url(lang, "portal:login"))
    return [page.url]


def login_failed(page: Page, site: Site, lang: str) -> list[str]:
    _open(page, site.url(lang, "portal:login"))
    page.locator("#id_username").fill("manager")
    page.locator("#id_password").fill("not-the-password")
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".error-summary")).to_be_visible()
    return [page.url]


def accessibility_statement(page: Page, site: Site, lang: str) -> list[str]:
    _open(page, site.url(lang, "portal:accessibility"))
    return [page.url]


def accessibility_feedback_errors(page: Page, site: Site, lang: str) -> list[str]:
    _open(page, site.url(lang, "portal:accessibility"))
    page.locator("main form button[type=submit]").click()
    expect(page.locator("main .has-error").first).to_be_visible()
    return [page.url]


def privacy_statement(page: Page, site: Site, lang: str) -> list[str]:
    _open(page, site.url(lang, "portal:privacy"))
    return [page.url]


def demo_outbox(page: Page, site: Site, lang: str) -> list[str]:
    log_in(page.context, site, site.admin)
    _open(page, site.url(lang, "portal:demo-outbox"))
    expect(page.locator("main table")).to_be_visible()
    return [page.url]


def demo_outbox_message(page: Page, site: Site, lang: str) -> list[str]:
    log_in(page.context, site, site.admin)
    _open(page, site.url(lang, "portal:demo-outbox-message", name=site.mail_name))
    return [page.url]


def not_found(page: Page, site: Site, lang: str) -> list[str]:
    _open(page, site.url(lang, "projects:detail", slug="ei-ole-olemassa"), 404)
    return [page.url]


def forbidden(page: Page, site: Site, lang: str) -> list[str]:
    """No view answers 403 yet: serve the real handler's page from the site."""
    request = RequestFactory().get(f"/{lang}/")
    request.user = AnonymousUser()
    with translation.override(lang):
        response = permission_denied(request)
    headers = {
        "Content-Type": response["Content-Type"],
        "Content-Security-Policy": Client().get(site.url(lang, "portal:home"))[
            "Content-Security-Policy"
        ],
    }
    url = f"{site.base}/{lang}/403/"
    page.route(
        url,
        lambda route: route.fulfill(status=403, headers=headers, body=response.content),
    )
    _open(page, url, 403)
    return [page.url]


def _t(lang: str, text: str) -> str:
    with translation.override(lang):
        return translation.gettext(text)


PAGES: dict[str, Callable[[Page, Site, str], list[str]]] = {
    f.__name__: f
    for f in (
        home,
        project_list,
        project_list_filtered,
        project_list_invalid_filter,
        project_list_no_results,
        project_detail,
        group,
        sub_group,
        workspace_manager,
        workspace_member,
        login,
        login_failed,
        accessibility_statement,
        accessibility_feedback_errors,
        privacy_statement,
        demo_outbox,
        demo_outbox_message,
        not_found,
        forbidden,
    )
}


def _report(url: str, violations: list[dict]) -> str:
    lines = [f"{url}: {len(violations)} axe violation(s)"]
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']} <{v['helpUrl']}>")
        for node in v["nodes"]:
            summary = " ".join((node.get("failureSummary") or "").split())
            lines.append(f"    {node['target']}: {summary}")
    return "\n".join(lines)


@pytest.mark.parametrize("name", list(PAGES))
@pytest.mark.parametrize("lang", LANGUAGES)
def test_page_has_no_axe_violations(page: Page, site: Site, lang: str, name: str):
    urls = PAGES[name](page, site, lang)
    reports = []
    for url in urls:
        if page.url != url:
            _open(page, url)
        expect(page.locator("html")).to_have_attribute("lang", lang)
        violations = axe.run(page, options=AXE_OPTIONS).response["violations"]
        if violations:
            reports.append(_report(url, violations))
    assert not reports, "\n\n".join(reports)
