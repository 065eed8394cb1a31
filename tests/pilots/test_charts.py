"""The shared SVG chart module: valid, accessible, CSP-safe markup."""

import xml.etree.ElementTree as ET
from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation

from portal.lib.charts import bar_chart, format_number, line_chart

SVG = "{http://www.w3.org/2000/svg}"

SERIES = [
    (date(2024, 6, 7), Decimal("12.5")),
    (date(2024, 8, 1), Decimal("9")),
    (date(2024, 11, 30), Decimal("1234.75")),
]


def parse(markup: str) -> ET.Element:
    return ET.fromstring(markup)  # noqa: S314 - our own markup


def assert_accessible(root: ET.Element, title: str) -> None:
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    title_el = root.find(f"{SVG}title")
    desc_el = root.find(f"{SVG}desc")
    assert title_el is not None and title_el.text == title
    assert desc_el is not None and desc_el.text
    assert root.get("aria-labelledby") == f"{title_el.get('id')} {desc_el.get('id')}"


def assert_no_styles_or_scripts(root: ET.Element) -> None:
    for element in root.iter():
        assert element.tag not in (f"{SVG}style", f"{SVG}script")
        assert "style" not in element.attrib
        assert not any(name.startswith("on") for name in element.attrib)


def test_it_draws_a_line_chart_with_baseline_and_target() -> None:
    markup = line_chart(
        SERIES, title="Waiting time", baseline=Decimal(14), target=Decimal(7), unit="d"
    )
    root = parse(markup)
    assert_accessible(root, "Waiting time")
    assert_no_styles_or_scripts(root)
    assert len(root.findall(f".//{SVG}circle")) == 3
    assert len(root.findall(f".//{SVG}line[@class='chart-reference']")) == 2


def test_it_draws_a_bar_chart() -> None:
    root = parse(bar_chart([("Agree", 12), ("Disagree", 3)], title="Answers"))
    assert_accessible(root, "Answers")
    assert_no_styles_or_scripts(root)
    assert len(root.findall(f".//{SVG}rect")) == 2


def test_it_escapes_text() -> None:
    evil = '<script>alert("x")</script> & "quotes"'
    for markup in (
        line_chart(SERIES, title=evil, unit="<b>"),
        bar_chart([(evil, 1)], title=evil, desc=evil),
    ):
        assert "<script>" not in markup
        root = parse(markup)
        assert root.find(f"{SVG}title").text == evil
        assert_no_styles_or_scripts(root)


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_it_formats_numbers_the_nordic_way(language: str) -> None:
    with translation.override(language):
        assert format_number(Decimal("1234.75")) == "1\xa0234,75"
        markup = line_chart(SERIES, title="T")
    desc = parse(markup).find(f"{SVG}desc").text
    assert "1\xa0234,75" in desc
    assert "30.11.2024" in desc


def test_it_handles_empty_and_single_point_series() -> None:
    assert_accessible(parse(line_chart([], title="Empty")), "Empty")
    one = parse(line_chart([(date(2024, 1, 1), 5)], title="One", target=5))
    assert len(one.findall(f".//{SVG}circle")) == 1
    assert_accessible(parse(bar_chart([], title="Nothing")), "Nothing")


def test_it_draws_negative_bars() -> None:
    root = parse(bar_chart([("NPS", -20), ("Other", 40)], title="NPS"))
    widths = [float(r.get("width")) for r in root.findall(f".//{SVG}rect")]
    assert all(w > 0 for w in widths)
