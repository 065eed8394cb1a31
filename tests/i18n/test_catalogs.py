"""Every UI string is translated into Finnish and Swedish, and the pages
use them: a Swedish page shows no Finnish (or English) UI text."""

import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.utils import translation

from tests.conftest import client_for
from tests.matrix import matrix, page_role

PAGES = {name: (build, page_role(codes)) for name, build, codes in matrix()}

ROOT = Path(__file__).resolve().parents[2]
VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_catalog_has_no_fuzzy_or_untranslated_entries(language):
    po = ROOT / "locale" / language / "LC_MESSAGES" / "django.po"
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(po)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "fuzzy" not in result.stderr, result.stderr
    assert "untranslated" not in result.stderr, result.stderr
    assert "#, fuzzy" not in po.read_text().split("\n\n", 1)[1]


class _Text(HTMLParser):
    """Collects visible text nodes, except content marked as another
    language (``lang``) or as not to be translated (``translate="no"``)."""

    def __init__(self, language: str) -> None:
        super().__init__()
        self.language = language
        self.stack: list[bool] = []  # True where the text is excluded
        self.texts: list[str] = []

    def handle_starttag(self, tag, attrs):  # noqa: ANN001
        if tag in VOID:
            return
        attrs = dict(attrs)
        excluded = (
            bool(self.stack and self.stack[-1])
            or tag in {"script", "style", "title"}
            or attrs.get("translate") == "no"
            or ("lang" in attrs and tag != "html" and attrs["lang"] != self.language)
        )
        self.stack.append(excluded)

    def handle_endtag(self, tag):  # noqa: ANN001
        if tag not in VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):  # noqa: ANN001
        text = " ".join(data.split())
        if (
            text
            and re.search(r"[^\W\d_]{2,}", text)
            and not (self.stack and self.stack[-1])
        ):
            self.texts.append(text)


def visible_texts(html: str, language: str) -> set[str]:
    parser = _Text(language)
    parser.feed(html)
    return set(parser.texts)


@pytest.mark.parametrize(
    "name", [n for n, (_, role) in PAGES.items() if role and n != "admin"]
)
def test_swedish_page_has_no_text_left_from_the_finnish_page(world, name):
    build, role = PAGES[name]
    client = client_for(world, role)
    pages = {}
    for language in ("fi", "sv"):
        with translation.override(language):
            response = client.get(build(world))
        assert response.status_code == 200
        pages[language] = visible_texts(response.content.decode(), language)
    shared = pages["fi"] & pages["sv"]
    assert not shared, f"Text not translated on the Swedish page: {sorted(shared)}"
