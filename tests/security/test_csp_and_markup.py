"""Every page carries a strict CSP and has no inline script or style."""

import re

import pytest
from django.utils import translation

from tests.conftest import client_for
from tests.matrix import matrix, page_role

PAGES = {name: (build, page_role(codes)) for name, build, codes in matrix()}

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)
STYLE_ATTR = re.compile(r"\sstyle=", re.I)
EVENT_ATTR = re.compile(r"\son[a-z]+=", re.I)
EXTERNAL = re.compile(r"""(?:src|href)=["'](?:https?:)?//""", re.I)


@pytest.mark.parametrize("language", ["fi", "sv"])
@pytest.mark.parametrize("name", [n for n, (_, role) in PAGES.items() if role])
def test_page_has_strict_csp_and_no_inline_code(world, name, language):
    build, role = PAGES[name]
    with translation.override(language):
        url = build(world)
    response = client_for(world, role).get(url)
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp
    html = response.content.decode()
    if name == "admin":
        return  # Django's own admin templates: CSP still applies, markup is theirs.
    assert not INLINE_SCRIPT.findall(html)
    assert not STYLE_ATTR.findall(html)
    assert not EVENT_ATTR.findall(html)
    assert not EXTERNAL.findall(html.replace('href="https://innokyla.fi', ""))


def test_security_headers_are_sent(client, db):  # noqa: ARG001
    response = client.get("/fi/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.parametrize(
    ("url", "text"),
    [
        ("/fi/saavutettavuusseloste/", "Lomakkeen voimassaolo"),
        ("/sv/tillganglighetsutlatande/", "Formuläret"),
    ],
)
def test_forms_without_csrf_token_are_refused_in_the_pages_language(db, url, text):  # noqa: ARG001
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post(url, {"message": "x"})
    assert response.status_code == 403
    assert text in response.content.decode()
