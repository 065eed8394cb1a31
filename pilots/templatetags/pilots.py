"""Template helpers of the pilots: the project page's pilot summary.

The projects app does not import pilots; its page includes
``pilots/_project_pilots.html``, which loads this library.
"""

from django import template

from pilots import selectors
from pilots.selectors import ProjectPilots
from portal.lib.charts import format_number

register = template.Library()


@register.simple_tag
def project_pilots(project) -> ProjectPilots:  # noqa: ANN001
    """``{% project_pilots project as pilots_summary %}``"""
    return selectors.project_pilots(project=project)


@register.filter
def measure(value) -> str:  # noqa: ANN001
    """12.5 → "12,5"; 1234 → "1 234": as the charts write numbers."""
    if value is None:
        return ""
    return format_number(value)
