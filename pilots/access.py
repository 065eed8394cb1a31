"""Object access for the pilots' views: 404 hides, 403 refuses a write."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from pilots import selectors
from pilots.models import Pilot, ProgressEntry
from portal.http import HtmxHttpRequest


def get_pilot_for_user(request: HtmxHttpRequest, pk: int) -> Pilot:
    """A pilot the user may see; outsiders cannot tell a draft from nothing."""
    pilot = selectors.pilot_get(pk=pk, viewer=request.user)
    if pilot is None or not request.user.has_perm("pilots.view_pilot", pilot):
        raise Http404
    return pilot


def get_log_for_user(request: HtmxHttpRequest, pk: int) -> Pilot:
    """A pilot whose internal log the user keeps.

    Reading the log is internal content (404 for everyone else); a write by
    someone who may see the pilot but not keep its log is refused (403).
    """
    pilot = get_pilot_for_user(request, pk)
    if not request.user.has_perm("pilots.view_log", pilot):
        if request.method == "POST":
            raise PermissionDenied
        raise Http404
    return pilot


def get_entry_for_user(
    request: HtmxHttpRequest, pk: int, entry_pk: int
) -> ProgressEntry:
    """An entry the user may edit or delete (its author or a manager)."""
    pilot = get_log_for_user(request, pk)
    entry = selectors.entry_get(pilot=pilot, pk=entry_pk)
    if entry is None:
        raise Http404
    if not request.user.has_perm("pilots.change_entry", entry):
        raise PermissionDenied
    return entry
