"""Report document → tagged PDF with WeasyPrint. Imported only in the
``pdf`` worker (by ``reports.services.report_render_run``), never by the web
process: a test holds it to that."""

import logging
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher

logger = logging.getLogger(__name__)

PDF_OPTIONS = {"pdf_variant": "pdf/ua-1", "pdf_tags": True}

# ``<th scope>`` → the PDF's /Scope attribute of a /TH.
TH_SCOPES = {"col": "/Column", "colgroup": "/Column", "row": "/Row", "rowgroup": "/Row"}


class SiteFilesOnly(URLFetcher):
    """Fetches only the site's own static and media files, from disk.

    ``/static/…`` and ``/media/…`` (relative, or on SITE_URL) are read from
    the files Django would serve; a ``file://`` path must lie inside those
    folders. Every other URL — another host, ``data:``, a file elsewhere —
    is refused, so a report cannot make the worker read local secrets or
    call out to the network.
    """

    def __init__(self) -> None:
        super().__init__(allowed_protocols={"file"}, allow_redirects=False)
        roots = [Path(settings.MEDIA_ROOT), Path(settings.STATIC_ROOT)]
        roots += [Path(p) for p in settings.STATICFILES_DIRS]
        self.roots = [root.resolve() for root in roots]

    def _allowed(self, path: Path) -> bool:
        resolved = path.resolve()
        return resolved.is_file() and any(
            resolved.is_relative_to(root) for root in self.roots
        )

    def _site_path(self, url: str) -> Path | None:
        parts = urlsplit(url)
        site = urlsplit(settings.SITE_URL)
        if parts.scheme in ("http", "https") and parts.netloc != site.netloc:
            return None
        path = unquote(parts.path)
        if path.startswith(settings.STATIC_URL):
            try:
                found = finders.find(path.removeprefix(settings.STATIC_URL))
            except SuspiciousFileOperation:  # "../" out of the static folders
                return None
            return Path(found) if found else None
        if path.startswith(settings.MEDIA_URL):
            return Path(settings.MEDIA_ROOT) / path.removeprefix(settings.MEDIA_URL)
        return None

    def fetch(self, url: str, headers: dict | None = None):  # noqa: ANN201
        scheme = urlsplit(url).scheme.lower()
        if scheme in ("http", "https"):
            path = self._site_path(url)
        elif scheme == "file":
            path = Path(unquote(urlsplit(url).path))
        else:
            path = None
        if path is None or not self._allowed(path):
            logger.warning("report PDF: refused to fetch %s", url.split("?")[0][:200])
            raise ValueError("Only the site's own static and media files are used.")
        return super().fetch(path.resolve().as_uri(), headers)


def sources(context: dict, language: str) -> tuple[str, str]:
    """The HTML and CSS of a report document (see ``reports.document``)."""
    context = {**context, "language": language, "for_pdf": True}
    with translation.override(language):
        # For the page footer "Sivu 3 / 12" (makemessages does not read .css).
        context["page_label"] = gettext("Page")
        html = render_to_string("reports/document/pdf.html", context)
        css = render_to_string("reports/document/pdf.css", context)
    return html, css


def header_scopes(document, pdf) -> None:  # noqa: ANN001
    """Give each /TH the /Scope (Column or Row) of its ``<th scope>``.

    WeasyPrint 70 tags a ``<th>`` as /TH with an /ID, and lists those IDs in
    the /Headers of each /TD, but does not write /Scope: PDF/UA checkers
    (pdfua, PAC) then report header cells that nothing associates with their
    data, since they look at the /TH. Its tagger leaves each cell's structure
    element on the cell's box as ``mark``; this finisher (WeasyPrint's own
    hook, run after tagging and before the file is written) adds
    ``/A << /O /Table /Scope /Column >>`` from the HTML attribute itself.
    """
    for page in document.pages:
        for box in page._page_box.descendants(placeholders=True):
            element = getattr(box, "mark", None)
            if element is None or box.element_tag != "th":
                continue
            scope = TH_SCOPES.get(box.element.get("scope", "").lower())
            if scope:
                element["A"]["Scope"] = scope


def build_from_html(html: str, css: str, on_laid_out=None) -> tuple[bytes, int]:  # noqa: ANN001
    document = HTML(
        string=html, base_url=settings.SITE_URL + "/", url_fetcher=SiteFilesOnly()
    ).render(stylesheets=[CSS(string=css)], **PDF_OPTIONS)
    if on_laid_out:
        on_laid_out()
    data = document.write_pdf(finisher=header_scopes, **PDF_OPTIONS)
    return data, len(document.pages)


def render_pdf(context: dict, *, language: str, on_laid_out=None) -> tuple[bytes, int]:  # noqa: ANN001
    """Document in, PDF bytes and page count out: no database, no files.
    The job around it (claim, steps, storing, failing) is
    ``reports.services.report_render_run``."""
    html, css = sources(context, language)
    return build_from_html(html, css, on_laid_out=on_laid_out)
