"""Sections that apps above ``projects`` add to the project page.

``projects`` must not import the apps that depend on it (pilots, reports…),
yet its page shows a summary of the project's pilots and a link to its
reports. So the dependency is inverted: such an app registers a panel from
its ``AppConfig.ready()`` — a template of its own and a function that gives
that template its data (as ``panel``) — and the project page includes every
registered panel in order. ``projects`` only knows this small interface; each panel's
query belongs to the app that owns the data.
"""

from collections.abc import Callable
from dataclasses import dataclass

from projects.models import Project


@dataclass(frozen=True)
class ProjectPanel:
    name: str
    template: str
    data: Callable[[Project], object]
    order: int = 100


_panels: dict[str, ProjectPanel] = {}


def register(panel: ProjectPanel) -> None:
    """Add (or replace, on a second ``ready()``) a panel of the project page."""
    _panels[panel.name] = panel


def for_project(project: Project) -> list[dict]:
    """Each panel's template and data, in order, for the project page."""
    return [
        {"template": panel.template, "data": panel.data(project)}
        for panel in sorted(_panels.values(), key=lambda p: (p.order, p.name))
    ]
