"""Template helpers of the pilots."""

from django import template

from portal.lib.charts import format_number

register = template.Library()


@register.filter
def measure(value) -> str:  # noqa: ANN001
    """12.5 → "12,5"; 1234 → "1 234": as the charts write numbers."""
    if value is None:
        return ""
    return format_number(value)
