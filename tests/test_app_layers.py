"""Apps depend one way: portal ← projects ← (newsletters, pilots, feedback)
← reports. No module of an app imports an app above it, at module level or
inside a function, and no setting names a module of an app above."""

import ast
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[1]
ABOVE = {
    "projects": {"newsletters", "pilots", "feedback", "reports"},
    "newsletters": {"reports"},
    "pilots": {"reports"},
    "feedback": {"reports"},
}


def _imported_apps(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("app", sorted(ABOVE))
def test_an_app_imports_no_app_above_it(app):
    found = {}
    for path in (ROOT / app).rglob("*.py"):
        if "migrations" in path.parts:
            continue
        upward = _imported_apps(path) & ABOVE[app]
        if upward:
            found[str(path.relative_to(ROOT))] = sorted(upward)
    assert not found


@pytest.mark.parametrize("app", sorted(ABOVE))
def test_an_apps_templates_use_no_url_or_template_tag_of_an_app_above(app):
    found = []
    for path in (ROOT / "templates" / app).rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        for upper in ABOVE[app]:
            if f"'{upper}:" in text or f'"{upper}:' in text or f"{upper}/" in text:
                found.append((str(path.relative_to(ROOT)), upper))
    assert not found


def test_no_setting_wires_a_lower_app_to_a_higher_one():
    assert not hasattr(settings, "PROJECTS_REPORT_SOURCES")


QUERYING = ("objects", "get_object_or_404", "get_list_or_404")


@pytest.mark.parametrize("app", ["newsletters", "feedback", "reports", "projects"])
def test_views_query_nothing_themselves(app):
    """Views get objects from the app's access module and reads from its
    selectors: no manager, queryset shortcut or raw model query in a view."""
    tree = ast.parse((ROOT / app / "views.py").read_text(encoding="utf-8"))
    found = sorted(
        {
            node.attr if isinstance(node, ast.Attribute) else node.id
            for node in ast.walk(tree)
            if (isinstance(node, ast.Attribute) and node.attr in QUERYING)
            or (isinstance(node, ast.Name) and node.id in QUERYING)
        }
    )
    assert not found
