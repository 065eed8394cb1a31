"""Helpers for authentication that know nothing of the portal's models."""

from typing import Any

from django.http import HttpRequest

USERNAME_MAX = 150


def axes_username(request: HttpRequest, credentials: dict[str, Any] | None) -> str:
    """The username axes records, cut to the length Django allows.

    An over-long login must give the form's error, never a database error from
    axes writing the raw value.
    """
    raw = (credentials or {}).get("username") or request.POST.get("username", "")
    return str(raw)[:USERNAME_MAX]
