"""The pilots' URLs in the role × URL matrix, and their objects in the world.

world.pilot is a published pilot of world.project run by world.sub_group
(world.member's group); world.draft_pilot is unpublished. Each has a public
and an internal entry with a file.
"""

from datetime import date
from decimal import Decimal

from django.core.files.base import ContentFile
from django.urls import reverse

from pilots.demo import tiny_png
from pilots.models import Attachment, Phase, Pilot, ProgressEntry, attachment_storage
from tests import factories
from tests.matrix import LOGIN_ONLY, codes

INSIDERS_ONLY = codes(anonymous=302, outsider=404, steering=404)
HIDDEN = codes(anonymous=404, outsider=404, steering=404)


def _attach(entry: ProgressEntry, name: str) -> Attachment:
    # A fixed file name: the world is rebuilt often, the file is written once.
    storage = attachment_storage()
    path = f"attachments/matrix-{name}"
    if not storage.exists(path):
        storage.save(path, ContentFile(tiny_png()))
    return Attachment.objects.create(
        entry=entry, file=path, name=name, content_type="image/png", size=100
    )


def extend_world(world) -> None:  # noqa: ANN001
    indicator = factories.IndicatorFactory(
        project=world.project,
        name_fi="Odotusaika",
        name_sv="Väntetid",
        unit_fi="vrk",
        unit_sv="dygn",
        baseline=Decimal(14),
        target=Decimal(7),
    )
    factories.MeasurementFactory(
        indicator=indicator, date=date(2022, 6, 1), value=Decimal(14)
    )
    factories.MeasurementFactory(
        indicator=indicator, date=date(2022, 11, 30), value=Decimal("6.5")
    )
    world.indicator = indicator
    for attr, published, name in (
        ("pilot", True, ("Etävastaanotto", "Distansmottagning")),
        ("draft_pilot", False, ("Luonnospilotti", "Utkastpilot")),
    ):
        pilot = Pilot.objects.create(
            project=world.project,
            group=world.sub_group,
            name_fi=name[0],
            name_sv=name[1],
            description_fi="Kuvaus.",
            description_sv="Beskrivning.",
            phase=Phase.RUNNING,
            start_date=date(2022, 6, 7),
            end_date=date(2022, 11, 30),
            is_published=published,
        )
        pilot.indicators.add(indicator)
        public = ProgressEntry.objects.create(
            pilot=pilot,
            date=date(2022, 6, 7),
            text="Julkinen merkintä.",
            is_public=True,
            author=world.member,
        )
        internal = ProgressEntry.objects.create(
            pilot=pilot,
            date=date(2022, 6, 8),
            text="Sisäinen merkintä.",
            is_public=False,
            author=world.member,
        )
        setattr(world, attr, pilot)
        setattr(world, f"{attr}_public_entry", public)
        setattr(world, f"{attr}_internal_entry", internal)
        setattr(world, f"{attr}_public_file", _attach(public, f"{attr}-public.png"))
        setattr(
            world, f"{attr}_internal_file", _attach(internal, f"{attr}-internal.png")
        )


def _edit(w, attr: str = "pilot_internal_entry") -> str:  # noqa: ANN001
    entry = getattr(w, attr)
    return reverse(
        "pilots:entry-edit", kwargs={"pk": entry.pilot_id, "entry_pk": entry.pk}
    )


def _delete(w) -> str:  # noqa: ANN001
    entry = w.pilot_internal_entry
    return reverse(
        "pilots:entry-delete", kwargs={"pk": entry.pilot_id, "entry_pk": entry.pk}
    )


MATRIX = [
    ("pilot_list", lambda w: reverse("pilots:list"), codes()),
    (
        "pilot_list_filtered",
        lambda w: reverse("pilots:list") + f"?phase=running&project={w.project.pk}",
        codes(),
    ),
    ("pilot_detail", lambda w: w.pilot.get_absolute_url(), codes()),
    ("draft_pilot_detail", lambda w: w.draft_pilot.get_absolute_url(), HIDDEN),
    # The files are not pages: tests/pilots/test_attachments.py covers them.
    ("pilot_workspace", lambda w: reverse("pilots:workspace"), LOGIN_ONLY),
    ("pilot_log", lambda w: w.pilot.get_log_url(), INSIDERS_ONLY),
    ("draft_pilot_log", lambda w: w.draft_pilot.get_log_url(), INSIDERS_ONLY),
    # The member wrote the entry; the manager may edit anybody's entry.
    ("pilot_entry_edit", _edit, INSIDERS_ONLY),
    ("pilot_entry_delete", _delete, INSIDERS_ONLY),
    (
        "pilot_measurements_import",
        lambda w: reverse("pilots:measurements-import", kwargs={"pk": w.pilot.pk}),
        INSIDERS_ONLY,
    ),
]
