"""The pilots' pages run a fixed number of queries, whatever the data.

Without a cache (every fragment rendered) and with one (the signed-in pages
take their content from cached fragments: session, user and pilot only).
"""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from pilots.models import Attachment, PhaseChange, Pilot, ProgressEntry
from projects.models import Measurement
from tests import factories
from tests.conftest import client_for


def _fill(world, times: int) -> None:
    municipality = factories.MunicipalityFactory()
    for i in range(times):
        pilot = Pilot.objects.create(
            project=world.project,
            group=world.sub_group,
            name_fi=f"Pilotti {i}",
            name_sv=f"Pilot {i}",
            is_published=True,
        )
        pilot.municipalities.add(municipality, factories.MunicipalityFactory())
        indicator = factories.IndicatorFactory(project=world.project)
        world.pilot.indicators.add(indicator)
        world.pilot.municipalities.add(factories.MunicipalityFactory())
        world.pilot.responsible.add(factories.MembershipFactory(group=world.sub_group))
        PhaseChange.objects.create(
            pilot=world.pilot, phase="running", date=date(2022, 6, 7)
        )
        for j in range(3):
            Measurement.objects.create(
                indicator=indicator,
                date=date(2022, 6, 1) + timedelta(days=j),
                value=Decimal(j),
            )
        for public in (True, False):
            entry = ProgressEntry.objects.create(
                pilot=world.pilot,
                date=date(2022, 7, 1),
                text="Merkintä.",
                is_public=public,
                author=world.member,
            )
            entry.measurements.add(
                Measurement.objects.create(
                    indicator=world.indicator, date=date(2022, 7, 1), value=Decimal(5)
                )
            )
            Attachment.objects.create(
                entry=entry,
                file="attachments/x.png",
                name="x.png",
                content_type="image/png",
                size=10,
            )


PAGES = {
    # name: (url builder, role, expected queries)
    "pilot_list": (lambda w: reverse("pilots:list"), "anonymous", 6),
    "pilot_list_filtered": (
        lambda w: reverse("pilots:list") + f"?phase=running&project={w.project.pk}",
        "anonymous",
        7,
    ),
    "pilot_detail": (lambda w: w.pilot.get_absolute_url(), "anonymous", 11),
    "pilot_detail_signed_in": (lambda w: w.pilot.get_absolute_url(), "member", 13),
    "pilot_log": (lambda w: w.pilot.get_log_url(), "member", 8),
    "pilot_log_manager": (lambda w: w.pilot.get_log_url(), "manager", 8),
    "project_detail": (
        lambda w: reverse("projects:detail", args=[w.project.slug]),
        "anonymous",
        12,
    ),
}


def _count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("name", list(PAGES))
def test_page_query_count_does_not_grow_with_the_data(world, name, settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    }
    build, role, expected = PAGES[name]
    client = client_for(world, role)
    with translation.override("sv"):
        url = build(world)
    _fill(world, 2)
    small = _count(client, url)
    _fill(world, 20)
    large = _count(client, url)
    assert (small, large) == (expected, expected)


CACHED = {
    # name: (url builder, role, queries once the fragments are cached)
    # session, user, and the pilot with the viewer's rights
    "pilot_detail": (lambda w: w.pilot.get_absolute_url(), "member", 3),
    "pilot_log": (lambda w: w.pilot.get_log_url(), "member", 3),
    "pilot_log_page_2": (lambda w: w.pilot.get_log_url() + "?page=2", "manager", 3),
}


@pytest.mark.parametrize("name", list(CACHED))
def test_signed_in_page_reads_only_the_pilot_once_its_fragments_are_cached(world, name):
    build, role, expected = CACHED[name]
    client = client_for(world, role)
    url = build(world)
    _fill(world, 20)
    first = _count(client, url)
    assert (first, _count(client, url), _count(client, url)) == (
        first,
        expected,
        expected,
    )
    assert first > expected
