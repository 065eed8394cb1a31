"""Template helpers of the site shell: translated content with a visible
Finnish fallback, and Finnish/Swedish number, money and period formats."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import partial

from django import template
from django.utils.formats import number_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

register = template.Library()


@dataclass(frozen=True)
class Localized:
    value: str
    is_fallback: bool

    @property
    def lang_attr(self) -> SafeString:
        return mark_safe(' lang="fi"') if self.is_fallback else mark_safe("")  # noqa: S308

    def __str__(self) -> str:
        return self.value


@register.simple_tag
def localized(obj: object, field: str) -> Localized:
    """The field in the page's language, or the Finnish text marked as such.

    ``{% localized project "summary" as summary %}`` then
    ``<div{{ summary.lang_attr }}>{{ summary.value|linebreaks }}</div>``.
    """
    language = get_language() or "fi"
    # Models, and the plain dictionaries of a report document (``name_fi``).
    read = obj.get if isinstance(obj, Mapping) else partial(getattr, obj)
    own = read(f"{field}_{language}", None)
    if own or language == "fi":
        return Localized(own or "", False)
    finnish = read(f"{field}_fi", None) or ""
    return Localized(finnish, bool(finnish))


@register.filter
def euros(value: Decimal | int | None) -> str:
    """624601 → "624 601 €" (no-break spaces), with cents only when present."""
    if value is None:
        return ""
    value = Decimal(value)
    places = 0 if value == value.to_integral_value() else 2
    text = number_format(value, decimal_pos=places, use_l10n=True, force_grouping=True)
    return f"{text}\N{NO-BREAK SPACE}€"


@register.filter
def decimal1(value: Decimal | None) -> str:
    if value is None:
        return ""
    return number_format(value, decimal_pos=1, use_l10n=True, force_grouping=True)


@register.filter
def fidate(value: date | None) -> str:
    """1.8.2020: the short date format used in Finland in both languages."""
    if value is None:
        return ""
    return f"{value.day}.{value.month}.{value.year}"


@register.simple_tag
def period(start: date | None, end: date | None) -> str:
    if start and end:
        return f"{fidate(start)}\N{EN DASH}{fidate(end)}"
    if start:
        return f"{fidate(start)}\N{EN DASH}"
    if end:
        return f"\N{EN DASH}{fidate(end)}"
    return ""


@register.simple_tag
def fallback_note(*items: Localized) -> str:
    """A visible note when any of ``items`` is shown in Finnish."""
    if any(getattr(item, "is_fallback", False) for item in items):
        from django.template.loader import render_to_string

        return render_to_string("includes/fallback_note.html")
    return ""


@register.filter
def textformat(value: str | None) -> SafeString:
    """Stored text (paragraphs, "- " lists, web addresses) as sanitised HTML."""
    from portal.lib.sanitize import render

    return render(value or "")


@register.filter
def number(value: Decimal | int | None) -> str:
    """1234.5 → "1 234,5": numbers as the charts write them."""
    if value is None:
        return ""
    from portal.lib.charts import format_number

    return format_number(value)


@register.filter
def filesize(value: int | None) -> str:
    """Bytes → "1,2 Mt" / "1,2 MB" (kt/kB below a megabyte)."""
    from django.utils.translation import gettext as _

    if value is None:
        return ""
    if value < 1024 * 1024:
        size = Decimal(value) / 1024
        unit = _("kB")
    else:
        size = Decimal(value) / (1024 * 1024)
        unit = _("MB")
    text = number_format(size, decimal_pos=1, use_l10n=True, force_grouping=True)
    return f"{text}\N{NO-BREAK SPACE}{unit}"
