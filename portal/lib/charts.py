"""Server-side SVG charts: plain SVG 1.1 markup, no scripts, no styles.

The charts are shown inline on pages under a strict CSP (so no ``<style>``
element and no ``style`` attribute: only presentation attributes such as
``fill`` and ``stroke``, and classes from portal.css) and reused by the
WeasyPrint report. Every chart carries ``<title>`` and ``<desc>`` as its text
alternative; pages show an accessible data table next to it as well.

All text is escaped here, so the result is returned as a ``SafeString``.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from html import escape

from django.utils.formats import number_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

Number = int | float | Decimal

# Colours with at least 3:1 contrast against white (WCAG 1.4.11).
INK = "#1a1a1a"
GRID = "#d0d0d0"
SERIES = "#00508c"
BASELINE = "#8a4b00"
TARGET = "#1d6b2f"
FONT = "DejaVu Sans, Arial, sans-serif"


def format_number(value: Number, *, unit: str = "") -> str:
    """1234.5 → "1 234,5" in fi and sv, with the unit after a no-break space."""
    value = Decimal(str(value))
    places = 0 if value == value.to_integral_value() else 2
    if places and value.quantize(Decimal("0.1")) == value:
        places = 1
    text = number_format(value, decimal_pos=places, use_l10n=True, force_grouping=True)
    if not unit:
        return text
    if unit == "%":
        return f"{text}\N{NO-BREAK SPACE}%"
    return f"{text}\N{NO-BREAK SPACE}{unit}"


def format_date(value: date) -> str:
    """7.6.2024: the short date used in Finland in both languages."""
    return f"{value.day}.{value.month}.{value.year}"


def _esc(text: object) -> str:
    return escape(str(text), quote=True)


def _chart_id(kind: str, title: str, data: object) -> str:
    digest = hashlib.sha256(f"{kind}|{title}|{data!r}".encode()).hexdigest()
    return f"chart-{digest[:10]}"


def _nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values (1, 2 or 5 × 10ⁿ apart) covering low…high."""
    if high <= low:
        high = low + 1
    raw = (high - low) / max(count - 1, 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    start = math.floor(low / step) * step
    ticks = []
    value = start
    while value < high + step / 2:
        ticks.append(round(value, 10))
        value += step
    return ticks


def _open(chart_id: str, width: int, height: int, title: str, desc: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" class="chart" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'font-family="{FONT}" font-size="13">',
        f'<title id="{chart_id}-title">{_esc(title)}</title>',
        f'<desc id="{chart_id}-desc">{_esc(desc)}</desc>',
    ]


def line_chart(
    series: Sequence[tuple[date, Number]],
    *,
    title: str,
    baseline: Number | None = None,
    target: Number | None = None,
    unit: str = "",
    desc: str | None = None,
    width: int = 640,
    height: int = 300,
) -> SafeString:
    """Dated values as a line with points, plus dashed baseline/target lines."""
    points = sorted((d, float(v)) for d, v in series)
    chart_id = _chart_id("line", title, (points, baseline, target, unit))
    if desc is None:
        desc = line_chart_description(
            series, baseline=baseline, target=target, unit=unit
        )

    # Room on the right for the last date label, centred on the last point.
    left, right, top, bottom = 72, 48, 16, 64
    plot_w, plot_h = width - left - right, height - top - bottom
    values = [v for _d, v in points]
    references = [float(x) for x in (baseline, target) if x is not None]
    everything = values + references or [0.0]
    low, high = min(everything), max(everything)
    if low >= 0:
        low = 0.0
    if high == low:
        high = low + 1
    ticks = _nice_ticks(low, high)
    y_low, y_high = ticks[0], ticks[-1]

    def y(value: float) -> float:
        return top + plot_h - (value - y_low) / (y_high - y_low) * plot_h

    if points:
        first, last = points[0][0].toordinal(), points[-1][0].toordinal()
    else:
        first = last = 0

    def x(day: date) -> float:
        if last == first:
            return left + plot_w / 2
        return left + (day.toordinal() - first) / (last - first) * plot_w

    out = _open(chart_id, width, height, title, desc)
    out.append('<g class="chart-axes" aria-hidden="true">')
    for tick in ticks:
        ty = y(tick)
        out.append(
            f'<line x1="{left}" y1="{ty:.1f}" x2="{left + plot_w}" y2="{ty:.1f}" '
            f'stroke="{GRID}" stroke-width="1"/>'
        )
        out.append(
            f'<text x="{left - 8}" y="{ty + 4:.1f}" text-anchor="end" fill="{INK}">'
            f"{_esc(format_number(Decimal(str(tick)), unit=unit))}</text>"
        )
    out.append(
        f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" '
        f'y2="{top + plot_h}" stroke="{INK}" stroke-width="1"/>'
    )
    labelled = points if len(points) <= 6 else [points[0], points[-1]]
    for day, _v in labelled:
        out.append(
            f'<text x="{x(day):.1f}" y="{top + plot_h + 18}" text-anchor="middle" '
            f'fill="{INK}">{_esc(format_date(day))}</text>'
        )
    out.append("</g>")

    legend_y = height - 12
    legend_x = left
    for value, colour, label, dash in (
        (baseline, BASELINE, _("Baseline"), "6 4"),
        (target, TARGET, _("Target"), "2 3"),
    ):
        if value is None:
            continue
        ly = y(float(value))
        out.append(
            f'<line class="chart-reference" x1="{left}" y1="{ly:.1f}" '
            f'x2="{left + plot_w}" y2="{ly:.1f}" stroke="{colour}" '
            f'stroke-width="2" stroke-dasharray="{dash}"/>'
        )
        out.append(
            f'<line x1="{legend_x}" y1="{legend_y - 4}" x2="{legend_x + 24}" '
            f'y2="{legend_y - 4}" stroke="{colour}" stroke-width="2" '
            f'stroke-dasharray="{dash}" aria-hidden="true"/>'
        )
        text = f"{label} {format_number(value, unit=unit)}"
        out.append(
            f'<text x="{legend_x + 30}" y="{legend_y}" fill="{INK}">{_esc(text)}</text>'
        )
        legend_x += 40 + 8 * len(text)

    if points:
        path = " ".join(f"{x(d):.1f},{y(v):.1f}" for d, v in points)
        out.append(
            f'<polyline class="chart-series" points="{path}" fill="none" '
            f'stroke="{SERIES}" stroke-width="3"/>'
        )
        for day, value in points:
            out.append(
                f'<circle cx="{x(day):.1f}" cy="{y(value):.1f}" r="4" fill="{SERIES}">'
                f"<title>{_esc(format_date(day))}: "
                f"{_esc(format_number(Decimal(str(value)), unit=unit))}"
                "</title></circle>"
            )
    out.append("</svg>")
    return mark_safe("".join(out))  # noqa: S308 - every text above is escaped


def line_chart_description(
    series: Sequence[tuple[date, Number]],
    *,
    baseline: Number | None = None,
    target: Number | None = None,
    unit: str = "",
) -> str:
    """A sentence or two that says what the line chart shows."""
    points = sorted(series)
    parts = []
    if not points:
        parts.append(_("No measurements yet."))
    else:
        parts.append(
            _(
                "%(count)s measurements from %(first)s to %(last)s; "
                "the latest value is %(latest)s."
            )
            % {
                "count": len(points),
                "first": format_date(points[0][0]),
                "last": format_date(points[-1][0]),
                "latest": format_number(points[-1][1], unit=unit),
            }
        )
    if baseline is not None:
        value = format_number(baseline, unit=unit)
        parts.append(_("Baseline: %(value)s.") % {"value": value})
    if target is not None:
        value = format_number(target, unit=unit)
        parts.append(_("Target: %(value)s.") % {"value": value})
    return " ".join(parts)


def bar_chart(
    bars: Sequence[tuple[str, Number]],
    *,
    title: str,
    unit: str = "",
    desc: str | None = None,
    width: int = 640,
    label_width: int = 200,
    row_height: int = 28,
) -> SafeString:
    """Horizontal bars with their value at the end: counts, Likert, NPS."""
    rows = [(str(label), float(value)) for label, value in bars]
    chart_id = _chart_id("bar", title, (rows, unit))
    if desc is None:
        desc = "; ".join(
            f"{label}: {format_number(Decimal(str(value)), unit=unit)}"
            for label, value in rows
        ) or _("No data.")
    top, bottom, right = 8, 8, 72
    height = top + bottom + max(len(rows), 1) * row_height
    plot_w = width - label_width - right
    high = max([value for _l, value in rows] + [0.0])
    low = min([value for _l, value in rows] + [0.0])
    span = (high - low) or 1.0
    zero_x = label_width + (-low) / span * plot_w

    out = _open(chart_id, width, height, title, desc)
    for index, (label, value) in enumerate(rows):
        row_y = top + index * row_height
        bar_x = zero_x if value >= 0 else zero_x - (-value) / span * plot_w
        bar_w = abs(value) / span * plot_w
        out.append(
            f'<text x="{label_width - 8}" y="{row_y + row_height / 2 + 4:.1f}" '
            f'text-anchor="end" fill="{INK}">{_esc(label)}</text>'
        )
        out.append(
            f'<rect class="chart-bar" x="{bar_x:.1f}" y="{row_y + 4}" '
            f'width="{bar_w:.1f}" height="{row_height - 8}" fill="{SERIES}"/>'
        )
        value_x = max(bar_x + bar_w, zero_x) + 6
        out.append(
            f'<text x="{value_x:.1f}" y="{row_y + row_height / 2 + 4:.1f}" '
            f'fill="{INK}">{_esc(format_number(Decimal(str(value)), unit=unit))}</text>'
        )
    out.append(
        f'<line x1="{zero_x:.1f}" y1="{top}" x2="{zero_x:.1f}" y2="{height - bottom}" '
        f'stroke="{INK}" stroke-width="1" aria-hidden="true"/>'
    )
    out.append("</svg>")
    return mark_safe("".join(out))  # noqa: S308 - every text above is escaped
