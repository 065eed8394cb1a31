"""Reads of the pilots domain, each in a fixed number of queries."""

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import (
    BooleanField,
    Count,
    Exists,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
)
from django.db.models.expressions import RawSQL
from django.utils.functional import SimpleLazyObject
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from pilots import rules
from pilots.models import Attachment, Phase, PhaseChange, Pilot, ProgressEntry
from portal import pagecache
from portal.lib import charts
from projects.models import (
    Group,
    Indicator,
    Measurement,
    Membership,
    Municipality,
    Project,
    Region,
)

# A chart and its table show this many of the latest measurements.
CHART_POINTS = 24


def _public() -> QuerySet[Pilot]:
    return Pilot.objects.filter(is_published=True, project__is_published=True)


def pilot_list(
    *,
    project: Project | None = None,
    phase: str | None = None,
    region: Region | None = None,
    municipality: Municipality | None = None,
) -> QuerySet[Pilot]:
    """Published pilots of published projects, filtered."""
    qs = _public()
    if project is not None:
        qs = qs.filter(project=project)
    if phase:
        qs = qs.filter(phase=phase)
    if municipality is not None:
        qs = qs.filter(municipalities=municipality)
    if region is not None:
        qs = qs.filter(
            Exists(Municipality.objects.filter(pilots=OuterRef("pk"), region=region))
        )
    return (
        qs.select_related("project", "group")
        .prefetch_related(
            Prefetch("municipalities", queryset=Municipality.objects.order_by("name"))
        )
        .order_by("name", "pk")
    )


def _has_row(model: type, column: str, outer: str, user_id: int) -> RawSQL:
    """Whether ``model`` has a row of ``user_id`` whose ``column`` is the
    pilot's ``outer``: an EXISTS written out, because building an Exists()
    of a queryset costs about 0.3 ms of CPU on every request."""
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    column = quote(model._meta.get_field(column).column)
    user = quote(model._meta.get_field("user").column)
    pilot = quote(Pilot._meta.db_table)
    # Names from the models' metadata, the user's id as a parameter.
    return RawSQL(  # noqa: S611
        f"EXISTS (SELECT 1 FROM {table} WHERE {table}.{column} = "  # noqa: S608
        f"{pilot}.{quote(outer)} AND {table}.{user} = %s)",
        (user_id,),
        output_field=BooleanField(),
    )


def pilot_get(*, pk: int, viewer=None) -> Pilot | None:  # noqa: ANN001
    """The pilot with its project, in one query.

    With a signed-in ``viewer``, the same query tells whether they manage the
    project or belong to the running group (``pilot.viewer_facts``, which
    ``pilots.rules`` reads instead of asking again).
    """
    qs = Pilot.objects.select_related("project")
    signed_in = viewer is not None and viewer.is_authenticated
    if signed_in:
        qs = qs.annotate(
            viewer_is_manager=_has_row(
                Project.managers.through, "project", "project_id", viewer.pk
            ),
            viewer_is_member=_has_row(Membership, "group", "group_id", viewer.pk),
        )
    pilot = qs.filter(pk=pk).first()
    if pilot is None:
        return None
    if signed_in:
        pilot.viewer_facts = {
            "user_id": viewer.pk,
            "is_manager": pilot.viewer_is_manager,
            "is_member": pilot.viewer_is_member,
        }
    return pilot


def content_version() -> int:
    """The page cache's content version: it grows with every content write.

    Fragments cached under it (``{% cache … content_version %}``) are never
    older than the data, as the anonymous pages are not.
    """
    version = cache.get(pagecache.VERSION_KEY)
    if version is None:
        cache.add(pagecache.VERSION_KEY, 1, timeout=None)
        version = cache.get(pagecache.VERSION_KEY, 1)
    return version


def pilots_for_user(*, user) -> QuerySet[Pilot]:  # noqa: ANN001
    """The pilots whose log ``user`` keeps: their group's and their projects'."""
    qs = Pilot.objects.select_related("project", "group")
    if not user.is_superuser:
        qs = qs.filter(
            Q(group__memberships__user=user) | Q(project__managers=user)
        ).distinct()
    return qs.order_by("project__name", "name")


@dataclass
class IndicatorPanel:
    """An indicator of a pilot as its page shows it: chart, table, change."""

    indicator: Indicator
    recent: list[Measurement]
    count: int
    chart: SafeString
    before: Decimal | None = None
    after: Decimal | None = None
    change: Decimal | None = None
    target_met: bool | None = None
    rows: list[Measurement] = field(default_factory=list)


def indicator_figures(
    *, baseline: Decimal | None, target: Decimal | None, values: list[Decimal]
) -> tuple[Decimal | None, Decimal | None, Decimal | None, bool | None]:
    """(before, after, change, target met) of measured ``values``, oldest first.

    Before is the baseline, or the first value when there is none; a target
    below the starting point means lower is better.
    """
    before = baseline
    if before is None and values:
        before = values[0]
    after = values[-1] if values else None
    change = after - before if after is not None and before is not None else None
    target_met = None
    if target is not None and after is not None:
        lower_is_better = before is not None and target < before
        target_met = after <= target if lower_is_better else after >= target
    return before, after, change, target_met


def indicator_panel(
    indicator: Indicator, measurements: list[Measurement]
) -> IndicatorPanel:
    """Chart and before/after figures of ``measurements`` (oldest first)."""
    count = getattr(indicator, "measurement_count", len(measurements))
    before, after, change, target_met = indicator_figures(
        baseline=indicator.baseline,
        target=indicator.target,
        values=[m.value for m in measurements],
    )
    language = get_language() or "fi"
    name = getattr(indicator, f"name_{language}", None) or indicator.name_fi
    chart = charts.line_chart(
        [(m.date, m.value) for m in measurements],
        title=name,
        baseline=indicator.baseline,
        target=indicator.target,
        unit=indicator.unit,
    )
    return IndicatorPanel(
        indicator=indicator,
        recent=measurements,
        count=count,
        chart=chart,
        before=before,
        after=after,
        change=change,
        target_met=target_met,
    )


def _indicator_panels(pilot: Pilot) -> list[IndicatorPanel]:
    indicators = (
        Indicator.objects.filter(pilots=pilot)
        .annotate(measurement_count=Count("measurements"))
        .prefetch_related(
            Prefetch(
                "measurements",
                queryset=Measurement.objects.order_by("-date", "-pk")[:CHART_POINTS],
                to_attr="latest",
            )
        )
        .order_by("name")
    )
    return [indicator_panel(i, list(reversed(i.latest))) for i in indicators]


# The log's order: by date, and the later written first within a day.
LOG_ORDER = ("-date", "-created_at", "-pk")


def _entries(qs: QuerySet[ProgressEntry]) -> QuerySet[ProgressEntry]:
    """Entries with their author, files (``entry.files``) and measurements
    (``entry.measurement_list``): three queries for a page of any length."""
    return (
        qs.select_related("author")
        .prefetch_related(
            Prefetch(
                "attachments",
                queryset=Attachment.objects.order_by("name"),
                to_attr="files",
            ),
            Prefetch(
                "measurements",
                queryset=Measurement.objects.select_related("indicator").order_by("pk"),
                to_attr="measurement_list",
            ),
        )
        .order_by(*LOG_ORDER)
    )


def _page(qs: QuerySet, number: str | int | None) -> Page:
    page = Paginator(qs, settings.PORTAL_PAGE_SIZE).get_page(number)
    page.object_list = list(page.object_list)
    return page


def pilot_detail(*, pilot: Pilot, page: str | None) -> dict:
    """What the public pilot page shows: public entries only.

    Everything but the pilot is lazy, read when the page first uses it: a page
    whose content comes from the fragment cache reads none of it.
    """
    entries = _entries(pilot.entries.filter(is_public=True))

    def group() -> Group:
        group = Group.objects.get(pk=pilot.group_id)
        group.project = pilot.project  # for its address
        return group

    return {
        "pilot": pilot,
        "group": SimpleLazyObject(group),
        "indicators": SimpleLazyObject(lambda: _indicator_panels(pilot)),
        "page_obj": SimpleLazyObject(lambda: _page(entries, page)),
        "responsible": SimpleLazyObject(
            lambda: list(
                pilot.responsible.select_related("user").order_by(
                    "user__last_name", "user__first_name"
                )
            )
        ),
        "municipalities": SimpleLazyObject(
            lambda: list(pilot.municipalities.order_by("name"))
        ),
        "timeline": SimpleLazyObject(
            lambda: list(pilot.phase_changes.order_by("date", "created_at", "pk"))
        ),
    }


def pilot_log(*, pilot: Pilot, viewer, page: str | int | None = None) -> dict:  # noqa: ANN001
    """The workspace log: every entry by date, newest first.

    Each entry of the page carries ``can_change`` for ``viewer``; pages vary on
    ``changeable`` (see ``rules.changeable_entries``). The page is lazy, as in
    ``pilot_detail``.
    """

    def read() -> Page:
        page_obj = _page(_entries(pilot.entries.all()), page)
        rules.mark_changeable(viewer, pilot, page_obj.object_list)
        return page_obj

    return {
        "pilot": pilot,
        "page_obj": SimpleLazyObject(read),
        "changeable": rules.changeable_entries(viewer, pilot),
    }


def entry_log_page(*, entry: ProgressEntry) -> int:
    """The number of the log page on which ``entry`` stands (1 query).

    A back-dated entry stands among the entries of its date, not on top.
    """
    before = entry.pilot.entries.filter(
        Q(date__gt=entry.date)
        | Q(date=entry.date, created_at__gt=entry.created_at)
        | Q(date=entry.date, created_at=entry.created_at, pk__gt=entry.pk)
    ).count()
    return before // settings.PORTAL_PAGE_SIZE + 1


def entry_get(*, pilot: Pilot, pk: int) -> ProgressEntry | None:
    entry = pilot.entries.filter(pk=pk).select_related("author").first()
    if entry is not None:
        entry.pilot = pilot
    return entry


def attachment_get(*, pk: int) -> Attachment | None:
    return (
        Attachment.objects.select_related(
            "entry__pilot__project", "entry__pilot__group"
        )
        .filter(pk=pk)
        .first()
    )


@dataclass
class ProjectPilots:
    pilots: list[Pilot]
    by_phase: list[tuple[str, int]]

    @property
    def total(self) -> int:
        return len(self.pilots)


def project_pilots(*, project: Project) -> ProjectPilots:
    """A project's published pilots and how many are in each phase (1 query)."""
    pilots = list(
        Pilot.objects.filter(project=project, is_published=True).order_by("name", "pk")
    )
    counts = Counter(p.phase for p in pilots)
    by_phase = [
        (label, counts[value]) for value, label in Phase.choices if counts[value]
    ]
    return ProjectPilots(pilots=pilots, by_phase=by_phase)


def for_report(project: Project) -> list[Pilot]:
    """The project's pilots with everything the final report needs.

    Each pilot carries ``report_indicators``: its indicators, each with
    ``report_measurements`` (oldest first), ``report_timeline`` (its phase
    changes) and ``report_responsible`` (memberships with users). Charts:
    ``indicator_panel(indicator, indicator.report_measurements).chart``.
    """
    return list(
        Pilot.objects.filter(project=project)
        .select_related("group", "operating_model")
        .prefetch_related(
            Prefetch(
                "indicators",
                queryset=Indicator.objects.order_by("name").prefetch_related(
                    Prefetch(
                        "measurements",
                        queryset=Measurement.objects.order_by("date", "pk"),
                        to_attr="report_measurements",
                    )
                ),
                to_attr="report_indicators",
            ),
            Prefetch(
                "phase_changes",
                queryset=PhaseChange.objects.order_by("date", "created_at", "pk"),
                to_attr="report_timeline",
            ),
            Prefetch(
                "responsible",
                queryset=Membership.objects.select_related("user").order_by(
                    "user__last_name"
                ),
                to_attr="report_responsible",
            ),
            Prefetch(
                "municipalities",
                queryset=Municipality.objects.order_by("name"),
                to_attr="report_municipalities",
            ),
        )
        .order_by("name", "pk")
    )
