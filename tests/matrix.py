"""The role × URL matrix, gathered from every app.

Each app lists its URLs in ``tests/<app>/matrix.py``: ``MATRIX``, a list of
``(name, url builder, expected code per role)``, and optionally
``extend_world(world)``, which adds the app's objects to the shared personas'
world. Codes: 200 shown, 302 sent to log in (or onwards), 403 refused, 404
hidden (outsiders cannot tell a draft from nothing), 405 wrong method.
"""

import importlib
import importlib.util
from collections.abc import Callable

ROLES = ["anonymous", "outsider", "member", "steering", "manager", "admin"]
APPS = ["portal", "projects", "newsletters", "pilots", "feedback", "reports"]


def codes(**overrides: int) -> dict[str, int]:
    """200 for every role unless overridden."""
    result = dict.fromkeys(ROLES, 200)
    result.update(overrides)
    return result


LOGIN_ONLY = codes(anonymous=302)
STAFF_ONLY = codes(anonymous=302, outsider=302, member=302, steering=302, manager=302)
DRAFT = codes(anonymous=404, outsider=404, member=404, steering=404)


def _modules() -> list:
    found = []
    for app in APPS:
        name = f"tests.{app}.matrix"
        if importlib.util.find_spec(name) is not None:
            found.append(importlib.import_module(name))
    return found


def matrix() -> list[tuple[str, Callable, dict[str, int]]]:
    return [row for module in _modules() for row in module.MATRIX]


def world_extenders() -> list[Callable]:
    return [m.extend_world for m in _modules() if hasattr(m, "extend_world")]


def page_role(expected: dict[str, int]) -> str | None:
    """A role that sees the page (200), preferring the site admin."""
    for role in ("admin", *ROLES):
        if expected.get(role) == 200:
            return role
    return None
