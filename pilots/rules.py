"""Who may see and write what of pilots: the one place these rules live.

The running group's members and the project's managers are the pilot's
insiders: they see its internal entries and log progress. Everyone else sees
a published pilot of a published project and its public entries only.

A pilot loaded with ``selectors.pilot_get(pk=…, viewer=user)`` carries the
viewer's manager and membership facts from that one query (``viewer_facts``),
so a page checks them without a query each.
"""

import rules

from pilots.models import Attachment, Pilot, ProgressEntry
from projects import rules as projects_rules
from projects.models import Membership
from projects.rules import is_site_admin


def _pilot_of(obj: Pilot | ProgressEntry | Attachment) -> Pilot:
    if isinstance(obj, Attachment):
        return obj.entry.pilot
    if isinstance(obj, ProgressEntry):
        return obj.pilot
    return obj


def _known_fact(user, pilot: Pilot, name: str) -> bool | None:  # noqa: ANN001
    """A fact about ``user`` that came with ``pilot`` from its query, if any."""
    facts = getattr(pilot, "viewer_facts", None)
    if facts is None or facts["user_id"] != user.pk:
        return None
    return facts[name]


@rules.predicate
def is_running_group_member(user, obj) -> bool:  # noqa: ANN001
    if obj is None or not user.is_authenticated:
        return False
    pilot = _pilot_of(obj)
    known = _known_fact(user, pilot, "is_member")
    if known is not None:
        return known
    cache = getattr(user, "_pilot_member_cache", None)
    if cache is None:
        cache = user._pilot_member_cache = {}
    if pilot.group_id not in cache:
        cache[pilot.group_id] = Membership.objects.filter(
            group_id=pilot.group_id, user=user
        ).exists()
    return cache[pilot.group_id]


@rules.predicate
def is_project_manager(user, obj) -> bool:  # noqa: ANN001
    if obj is None or not user.is_authenticated:
        return False
    pilot = _pilot_of(obj)
    known = _known_fact(user, pilot, "is_manager")
    if known is not None:
        return known
    return projects_rules.is_project_manager(user, pilot.project)


@rules.predicate
def is_public_pilot(user, obj) -> bool:  # noqa: ANN001, ARG001
    if obj is None:
        return False
    pilot = _pilot_of(obj)
    return pilot.is_published and pilot.project.is_published


@rules.predicate
def is_public_entry(user, entry) -> bool:  # noqa: ANN001, ARG001
    return entry is not None and _entry_of(entry).is_public


@rules.predicate
def is_author(user, entry) -> bool:  # noqa: ANN001
    return (
        entry is not None
        and user.is_authenticated
        and _entry_of(entry).author_id == user.pk
    )


def _entry_of(obj: ProgressEntry | Attachment) -> ProgressEntry:
    return obj.entry if isinstance(obj, Attachment) else obj


is_insider = is_site_admin | is_project_manager | is_running_group_member
can_manage_log = is_site_admin | is_project_manager

rules.add_perm("pilots.view_pilot", is_public_pilot | is_insider)
rules.add_perm("pilots.view_log", is_insider)
rules.add_perm("pilots.add_entry", is_insider)
# Authors keep their entries only while they belong to the running group.
rules.add_perm(
    "pilots.change_entry",
    can_manage_log | (is_author & is_running_group_member),
)
# Entries and their files: public ones of public pilots for everybody.
rules.add_perm("pilots.view_entry", (is_public_pilot & is_public_entry) | is_insider)


def changeable_entries(user, pilot: Pilot) -> str:  # noqa: ANN001
    """Which of the pilot's entries ``user`` may change, as ``pilots.change_entry``
    decides: "all", "own:<user id>" or "none". Pages that show edit links vary
    on it."""
    if can_manage_log.test(user, pilot):
        return "all"
    if is_running_group_member.test(user, pilot):
        return f"own:{user.pk}"
    return "none"


def mark_changeable(user, pilot: Pilot, entries: list[ProgressEntry]) -> None:  # noqa: ANN001
    """Set ``can_change`` on each of ``entries`` as ``pilots.change_entry`` does.

    The log shows edit links on every row: the pilot-wide facts are checked
    once, and only authorship per entry.
    """
    changeable = changeable_entries(user, pilot)
    for entry in entries:
        entry.can_change = changeable == "all" or (
            changeable != "none" and entry.author_id == user.pk
        )
