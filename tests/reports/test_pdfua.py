"""The demo's report PDFs pass ``pdfua``, the machine-checkable part of
PDF/UA-1: no finding at all that is an error, and no warning about table
headers or tables that are a caption alone; the contents list numbers each
entry once. Rendered in-process, without a worker."""

import re
import subprocess
from pathlib import Path

import pikepdf
import pytest
from django.core.management import call_command
from pdfua import Severity, validate
from pdfua.rules import structure

from reports import document, pdf
from reports.models import Report

# Warnings this test refuses (pdfua's texts, lower-cased): /TH cells that
# nothing ties to their data cells (no /Scope, no /Headers), a /Table with
# no rows (its caption alone, its rows left in another /Table on the next
# page), or a table with no header cell.
TABLE_WARNINGS = ("header", "scope", "/tr rows", "caption")

FIRST_TITLE = {"fi": "Tausta", "sv": "Bakgrund"}


@pytest.fixture
def pdfua_headings(monkeypatch):
    """pdfua 0.1.3's empty-heading rule (UA-14-001) asks every ``/K`` for
    ``is_integer`` with ``getattr(..., False)``, but pikepdf (8 to 10 alike)
    raises ValueError, not AttributeError, for an attribute of an array, and
    WeasyPrint's ``/K`` are arrays: the rule would be skipped on every file.
    With that error read as "not a number" the rule runs."""
    as_integer = structure.as_integer

    def tolerant(value: object) -> int | None:
        try:
            return as_integer(value)
        except ValueError:
            return None

    monkeypatch.setattr(structure, "as_integer", tolerant)


def _header_scopes(path: Path) -> set[str]:
    """The /Scope of every /TH in the structure tree ("None" for none)."""
    scopes = set()
    with pikepdf.open(path) as opened:
        todo = [opened.Root.StructTreeRoot]
        while todo:
            node = todo.pop()
            if node.get("/S") == "/TH":
                scopes.add(str(node.get("/A", {}).get("/Scope")))
            kids = node.get("/K")
            kids = kids if isinstance(kids, pikepdf.Array) else [kids]
            todo += [kid for kid in kids if isinstance(kid, pikepdf.Dictionary)]
    return scopes


def _text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


@pytest.mark.django_db
def test_the_demo_report_pdfs_pass_pdfua(tmp_path, pdfua_headings):  # noqa: ARG001
    call_command("load_demo", verbosity=0)
    reports = list(
        Report.objects.select_related("project").filter(
            project__slug__in=("yhteispalvelu", "kotona-hyvin")
        )
    )
    assert len(reports) == 2

    problems = []
    for report in reports:
        doc = document.build(report=report)
        for lang in ("fi", "sv"):
            ctx = {
                **document.context(doc, language=lang),
                "report": report,
                "snapshot": None,
                "approval": None,
            }
            data, pages = pdf.render_pdf(ctx, language=lang)
            path = tmp_path / f"{report.project.slug}-{lang}.pdf"
            path.write_bytes(data)
            assert pages > 1

            result = validate(str(path))
            assert not result.skipped, [o.skipped_reason for o in result.skipped]
            for finding in result.findings:
                text = finding.message.lower()
                if finding.severity == Severity.ERROR or (
                    finding.severity == Severity.WARNING
                    and any(word in text for word in TABLE_WARNINGS)
                ):
                    problems.append(
                        f"{path.name}: {finding.rule_id} {finding.severity.name} "
                        f"{finding.location.describe()}: {finding.message}"
                    )

            # Every header cell says what it heads (pdfua is content with one
            # per table).
            assert _header_scopes(path) == {"/Column", "/Row"}, path.name

            # The contents: "1. Tausta", numbered once (no list marker before
            # the number in the text).
            text = _text(path)
            title = FIRST_TITLE[lang]
            toc = text[: text.index(title) + len(title)]
            assert "1. 1." not in text, path.name
            assert re.search(rf"(?m)^\s*1\. {title}\b", toc), toc[-300:]
            assert toc.count("1. ") == 1, toc[-300:]

    assert not problems, "\n".join(problems)
