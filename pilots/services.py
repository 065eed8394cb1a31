"""Writes of the pilots domain: the progress log, phases and measurements."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from pilots.models import (
    Attachment,
    AuditLine,
    Phase,
    PhaseChange,
    Pilot,
    ProgressEntry,
)
from portal.pagecache import content_changed
from projects.models import Indicator, Measurement


class PhaseConflictError(Exception):
    """Someone else changed the pilot's phase after the writer loaded it."""

    def __init__(self, pilot: Pilot) -> None:
        self.pilot = pilot
        super().__init__(
            _(
                "Someone else changed the phase of this pilot to “%(phase)s” "
                "while you were writing. Nothing was saved. Check the phase and "
                "send the entry again."
            )
            % {"phase": pilot.get_phase_display()}
        )


@dataclass(frozen=True)
class CheckedFile:
    """An upload whose type was detected from its content."""

    upload: UploadedFile
    content_type: str


@dataclass(frozen=True)
class MeasurementRow:
    date: date
    value: Decimal
    note: str = ""


def _content_changed() -> None:
    """Bump the content version once the transaction has committed.

    Cached pages and fragments are kept per content version. The model
    signals bump it inside the transaction, so a page read in between could
    be cached with the old data at the new version; bulk_create and update()
    send no signals at all.
    """
    transaction.on_commit(content_changed)


def _audit(
    *,
    entry: ProgressEntry,
    action: str,
    actor,
    details: dict | None = None,  # noqa: ANN001
) -> AuditLine:
    return AuditLine.objects.create(
        pilot_id=entry.pilot_id,
        entry=entry if action != AuditLine.Action.DELETED else None,
        entry_number=entry.pk,
        action=action,
        actor=actor,
        details=details or {},
    )


def pilot_change_phase(
    *,
    pilot: Pilot,
    phase: str,
    expected_version: int,
    on: date,
    by,  # noqa: ANN001
    entry: ProgressEntry | None = None,
) -> Pilot:
    """Move the pilot to ``phase`` if nobody else did so since ``expected_version``.

    A conditional UPDATE (compare-and-set on ``version``) instead of a row
    lock: the form may have been open for minutes.
    """
    updated = Pilot.objects.filter(pk=pilot.pk, version=expected_version).update(
        phase=phase, version=F("version") + 1
    )
    if updated != 1:
        pilot.refresh_from_db(fields=["phase", "version"])
        raise PhaseConflictError(pilot)
    pilot.refresh_from_db(fields=["phase", "version"])
    PhaseChange.objects.create(
        pilot=pilot, phase=phase, date=on, entry=entry, changed_by=by
    )
    _content_changed()
    return pilot


@transaction.atomic
def entry_create(
    *,
    pilot: Pilot,
    author,  # noqa: ANN001
    date: date,
    text: str,
    is_public: bool,
    language: str = "fi",
    new_phase: str = "",
    expected_version: int | None = None,
    indicator: Indicator | None = None,
    value: Decimal | None = None,
    files: list[CheckedFile] | tuple[CheckedFile, ...] = (),
) -> ProgressEntry:
    """Log a progress entry, with its phase change, measurement and files.

    All or nothing: a phase conflict leaves no entry, measurement or file.
    """
    if new_phase and new_phase not in Phase.values:
        raise ValueError(new_phase)
    entry = ProgressEntry.objects.create(
        pilot=pilot,
        date=date,
        text=text.strip(),
        is_public=is_public,
        language=language,
        new_phase=new_phase if new_phase != pilot.phase else "",
        author=author,
    )
    if entry.new_phase:
        pilot_change_phase(
            pilot=pilot,
            phase=new_phase,
            expected_version=(
                pilot.version if expected_version is None else expected_version
            ),
            on=date,
            by=author,
            entry=entry,
        )
    if indicator is not None and value is not None:
        measurement = Measurement.objects.create(
            indicator=indicator, date=date, value=value
        )
        entry.measurements.add(measurement)
    for checked in files:
        Attachment.objects.create(
            entry=entry,
            file=checked.upload,
            name=checked.upload.name[:200],
            content_type=checked.content_type,
            size=checked.upload.size,
        )
    _audit(entry=entry, action=AuditLine.Action.CREATED, actor=author)
    _content_changed()
    return entry


@transaction.atomic
def entry_update(
    *,
    entry: ProgressEntry,
    by,  # noqa: ANN001
    date: date,
    text: str,
    is_public: bool,
) -> ProgressEntry:
    """Change an entry's date, text and visibility; keep the earlier values."""
    before = {"date": entry.date.isoformat(), "text": entry.text}
    before["is_public"] = entry.is_public
    entry.date = date
    entry.text = text.strip()
    entry.is_public = is_public
    after = {"date": entry.date.isoformat(), "text": entry.text}
    after["is_public"] = entry.is_public
    changed = {k: v for k, v in before.items() if after[k] != v}
    if changed:
        entry.save(update_fields=["date", "text", "is_public", "updated_at"])
        _audit(
            entry=entry,
            action=AuditLine.Action.EDITED,
            actor=by,
            details={"before": changed},
        )
        _content_changed()
    return entry


@transaction.atomic
def entry_delete(*, entry: ProgressEntry, by) -> None:  # noqa: ANN001
    """Delete an entry and its files; the audit line keeps its text."""
    _audit(
        entry=entry,
        action=AuditLine.Action.DELETED,
        actor=by,
        details={
            "before": {
                "date": entry.date.isoformat(),
                "text": entry.text,
                "is_public": entry.is_public,
            }
        },
    )
    files = [a.file for a in entry.attachments.all()]
    entry.delete()
    _content_changed()
    # Files go only once the rows are gone for good.
    transaction.on_commit(lambda: [f.delete(save=False) for f in files])


@transaction.atomic
def measurements_import(
    *,
    pilot: Pilot,
    indicator: Indicator,
    rows: list[MeasurementRow],
    by,  # noqa: ANN001, ARG001
) -> list[Measurement]:
    """Add measurements of one of the pilot's indicators, all in one go."""
    if not pilot.indicators.filter(pk=indicator.pk).exists():
        raise ValueError("indicator")
    saved = Measurement.objects.bulk_create(
        Measurement(indicator=indicator, date=row.date, value=row.value, note=row.note)
        for row in rows
    )
    _content_changed()
    return saved
