"""Forms of the pilots domain. They validate input; services act on it."""

import csv
import io
import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from pilots import filetypes
from pilots.models import Phase, Pilot
from pilots.services import CheckedFile, MeasurementRow
from portal.templatetags.portal import fidate
from projects.models import Indicator, Municipality, Project, Region

# Measurements are stored with 14 digits, two of them decimals.
VALUE_LIMIT = Decimal("999999999999.99")


def _period_text(pilot: Pilot) -> str:
    start = fidate(pilot.start_date) if pilot.start_date else ""
    end = fidate(pilot.end_date) if pilot.end_date else ""
    return f"{start}\N{EN DASH}{end}"


def check_value(indicator: Indicator, value: Decimal) -> str | None:
    """An error message when ``value`` cannot be a value of ``indicator``."""
    if abs(value) > VALUE_LIMIT:
        return str(_("The value is too large."))
    if indicator.unit.strip() == "%" and not Decimal(0) <= value <= Decimal(100):
        return str(_("A percentage must be between 0 and 100."))
    return None


class PilotFilterForm(forms.Form):
    project = forms.ModelChoiceField(
        label=_("Project"),
        queryset=Project.objects.none(),
        required=False,
        empty_label=_("All projects"),
    )
    phase = forms.ChoiceField(
        label=_("Phase"),
        choices=[("", _("All phases")), *Phase.choices],
        required=False,
    )
    region = forms.ModelChoiceField(
        label=_("Region"),
        queryset=Region.objects.none(),
        required=False,
        empty_label=_("All regions"),
    )
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.none(),
        required=False,
        empty_label=_("All municipalities"),
    )

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        projects = Project.objects.filter(
            is_published=True, pilots__is_published=True
        ).distinct()
        self.fields["project"].queryset = projects.order_by("name")
        self.fields["region"].queryset = Region.objects.order_by("name")
        self.fields["municipality"].queryset = (
            Municipality.objects.filter(pilots__is_published=True)
            .distinct()
            .order_by("name")
        )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):  # noqa: ANN001, ANN201
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


def check_files(uploads: list) -> tuple[list[CheckedFile], list[str]]:
    """The accepted files, and one message per rejected file."""
    limit = settings.PILOTS_ATTACHMENT_MAX_BYTES
    accepted, errors = [], []
    for upload in uploads:
        if upload.size > limit:
            errors.append(
                _(
                    "“%(name)s” is too large (%(size)s MB). "
                    "The largest allowed size is %(limit)s MB."
                )
                % {
                    "name": upload.name,
                    "size": number_format(upload.size / 1048576, 1, use_l10n=True),
                    "limit": number_format(limit / 1048576, 0, use_l10n=True),
                }
            )
            continue
        kind = filetypes.kind_for(upload, upload.name)
        if kind is None:
            errors.append(
                _(
                    "“%(name)s” was not accepted: its content is not a PDF, image, "
                    "office document or CSV file matching its name."
                )
                % {"name": upload.name}
            )
            continue
        accepted.append(CheckedFile(upload=upload, content_type=kind.content_type))
    return accepted, errors


class EntryForm(forms.Form):
    """A new progress entry; also used, without its extras, to edit one."""

    VISIBILITY = [
        ("internal", _("Internal: only the group and the project's managers")),
        ("public", _("Public: shown on the pilot's public page")),
    ]

    pilot = forms.IntegerField(widget=forms.HiddenInput)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    date = forms.DateField(
        label=_("Date"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    text = forms.CharField(
        label=_("What happened"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=10000,
        help_text=_("Plain text; an empty line starts a new paragraph."),
        error_messages={"required": _("Write what happened before saving the entry.")},
    )
    visibility = forms.ChoiceField(
        label=_("Who sees this entry"),
        choices=VISIBILITY,
        initial="internal",
        widget=forms.RadioSelect,
    )
    new_phase = forms.ChoiceField(
        label=_("Phase change"),
        choices=[("", _("No change")), *Phase.choices],
        required=False,
    )
    indicator = forms.ModelChoiceField(
        label=_("Indicator"),
        queryset=Indicator.objects.none(),
        required=False,
        empty_label=_("No measurement"),
    )
    value = forms.DecimalField(
        label=_("Measured value"),
        required=False,
        max_digits=14,
        decimal_places=2,
        localize=True,
        help_text=_("For example 12,5. Saved with the entry's date."),
    )
    attachments = MultipleFileField(
        label=_("Attachments"),
        required=False,
        help_text=_("PDF, images, office documents or CSV, at most %(limit)s MB each."),
    )
    confirm_date = forms.BooleanField(
        label=_("The date is correct although it is outside the pilot's period"),
        required=False,
    )

    def __init__(self, *args, pilot: Pilot, edit: bool = False, **kwargs) -> None:  # noqa: ANN002, ANN003
        initial = kwargs.setdefault("initial", {})
        initial.setdefault("pilot", pilot.pk)
        initial.setdefault("version", pilot.version)
        initial.setdefault("date", timezone.localdate())
        super().__init__(*args, **kwargs)
        self.pilot = pilot
        self.needs_confirmation = False
        self.checked_files: list[CheckedFile] = []
        limit = settings.PILOTS_ATTACHMENT_MAX_BYTES // 1048576
        self.fields["attachments"].help_text = self.fields["attachments"].help_text % {
            "limit": limit
        }
        self.fields["attachments"].widget.attrs["accept"] = ",".join(
            filetypes.ALLOWED_EXTENSIONS
        )
        if edit:
            for name in ("new_phase", "indicator", "value", "attachments", "version"):
                del self.fields[name]
        else:
            field = self.fields["indicator"]
            field.queryset = pilot.indicators.order_by("name")
            # Read when the field is shown (never when the page has the form's
            # HTML from the cache), from one list: a ModelChoiceField would
            # read its queryset again, through a server-side cursor.
            field.choices = self._indicator_choices
            self.fields["new_phase"].help_text = _(
                "The pilot is now in the phase “%(phase)s”."
            ) % {"phase": pilot.get_phase_display()}

    @cached_property
    def indicators(self) -> list[Indicator]:
        if "indicator" not in self.fields:
            return []
        return list(self.fields["indicator"].queryset)

    def _indicator_choices(self) -> list:
        field = self.fields["indicator"]
        iterator = field.iterator(field)
        return [("", field.empty_label), *map(iterator.choice, self.indicators)]

    @property
    def has_indicators(self) -> bool:
        return bool(self.indicators)

    def clean_pilot(self) -> int:
        pilot_id = self.cleaned_data["pilot"]
        if pilot_id != self.pilot.pk:
            # A hidden field: the error is shown at the top of the form.
            self.add_error(
                None,
                _("This form belongs to another pilot. Reload the page and try again."),
            )
        return pilot_id

    def clean_attachments(self) -> list:
        uploads = self.cleaned_data.get("attachments") or []
        accepted, errors = check_files(uploads)
        if errors:
            errors.append(
                str(_("Choose the files again; the rest of the entry is kept."))
            )
            raise forms.ValidationError(errors)
        self.checked_files = accepted
        return uploads

    def clean(self) -> dict:
        data = super().clean()
        day = data.get("date")
        if (
            day
            and not self.pilot.in_period(day)
            and not data.get("confirm_date")
            and "date" not in self.errors
        ):
            self.needs_confirmation = True
            self.add_error(
                "date",
                _(
                    "The date is outside the pilot's period (%(period)s). Check it, "
                    "or tick the box below to save it anyway."
                )
                % {"period": _period_text(self.pilot)},
            )
        if "indicator" in self.fields:
            indicator, value = data.get("indicator"), data.get("value")
            if indicator is not None and value is None and "value" not in self.errors:
                self.add_error("value", _("Enter the measured value."))
            elif indicator is None and value is not None:
                self.add_error(
                    "indicator", _("Choose the indicator that was measured.")
                )
            elif indicator is not None and value is not None:
                message = check_value(indicator, value)
                if message:
                    self.add_error("value", message)
        return data

    @property
    def is_public(self) -> bool:
        return self.cleaned_data["visibility"] == "public"


DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y")
NUMBER = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")


def parse_date(text: str) -> date | None:
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text.strip(), fmt).date()  # noqa: DTZ007
        except ValueError:
            continue
    return None


def parse_value(text: str) -> Decimal | None:
    text = text.strip().replace("\N{NO-BREAK SPACE}", "").replace(" ", "")
    if not NUMBER.match(text):
        return None
    try:
        return Decimal(text.replace(",", "."))
    except InvalidOperation:
        return None


class MeasurementImportForm(forms.Form):
    """A CSV file of dated values for one indicator: all rows or none."""

    MAX_ROWS = 10000

    pilot = forms.IntegerField(widget=forms.HiddenInput)
    indicator = forms.ModelChoiceField(
        label=_("Indicator"), queryset=Indicator.objects.none()
    )
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "One measurement per row: date (7.6.2024 or 2024-06-07), value "
            "(12,5 or 12.5) and an optional note, separated by semicolons or "
            "commas. A header row is allowed."
        ),
    )
    confirm_dates = forms.BooleanField(
        label=_("Save the rows dated outside the pilot's period too"),
        required=False,
    )

    def __init__(self, *args, pilot: Pilot, **kwargs) -> None:  # noqa: ANN002, ANN003
        kwargs.setdefault("initial", {}).setdefault("pilot", pilot.pk)
        super().__init__(*args, **kwargs)
        self.pilot = pilot
        self.fields["indicator"].queryset = pilot.indicators.order_by("name")
        self.fields["file"].widget.attrs["accept"] = ".csv,text/csv"
        self.rows: list[MeasurementRow] = []
        self.row_errors: list[tuple[int, str]] = []
        self.needs_confirmation = False

    def clean_pilot(self) -> int:
        pilot_id = self.cleaned_data["pilot"]
        if pilot_id != self.pilot.pk:
            # A hidden field: the error is shown at the top of the form.
            self.add_error(
                None,
                _("This form belongs to another pilot. Reload the page and try again."),
            )
        return pilot_id

    def clean_file(self):  # noqa: ANN201
        upload = self.cleaned_data["file"]
        if upload.size > settings.PILOTS_ATTACHMENT_MAX_BYTES:
            raise forms.ValidationError(_("The file is too large."))
        if filetypes.kind_for(upload, upload.name) is not filetypes.CSV:
            raise forms.ValidationError(_("The file is not a CSV file."))
        raw = upload.read()
        try:
            self.text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            self.text = raw.decode("cp1252", errors="replace")
        return upload

    def clean(self) -> dict:
        data = super().clean()
        indicator = data.get("indicator")
        if indicator is None or not hasattr(self, "text"):
            return data
        sample = self.text[:2048]
        delimiter = ";" if sample.count(";") >= sample.count(",") else ","
        if ";" not in sample and "\t" in sample:
            delimiter = "\t"
        reader = csv.reader(io.StringIO(self.text), delimiter=delimiter)
        outside: list[int] = []
        for number, row in enumerate(reader, start=1):
            cells = [c.strip() for c in row]
            if not any(cells):
                continue
            if number > self.MAX_ROWS:
                self.row_errors.append((number, str(_("Too many rows."))))
                break
            day = parse_date(cells[0]) if cells else None
            if day is None and number == 1 and not parse_value(cells[-1] or "x"):
                continue  # A header row.
            if len(cells) < 2:
                self.row_errors.append(
                    (number, str(_("The row needs a date and a value.")))
                )
                continue
            value = parse_value(cells[1])
            if day is None:
                self.row_errors.append(
                    (
                        number,
                        str(_("“%(text)s” is not a date.") % {"text": cells[0][:40]}),
                    )
                )
                continue
            if value is None:
                self.row_errors.append(
                    (
                        number,
                        str(_("“%(text)s” is not a number.") % {"text": cells[1][:40]}),
                    )
                )
                continue
            message = check_value(indicator, value)
            if message:
                self.row_errors.append((number, message))
                continue
            if not self.pilot.in_period(day):
                outside.append(number)
            note = cells[2][:250] if len(cells) > 2 else ""
            self.rows.append(MeasurementRow(date=day, value=value, note=note))
        if self.row_errors:
            raise forms.ValidationError(
                ngettext(
                    "%(count)s row has an error. Nothing was saved.",
                    "%(count)s rows have errors. Nothing was saved.",
                    len(self.row_errors),
                )
                % {"count": len(self.row_errors)}
            )
        if not self.rows:
            raise forms.ValidationError(_("The file has no measurements."))
        if outside and not data.get("confirm_dates"):
            self.needs_confirmation = True
            raise forms.ValidationError(
                ngettext(
                    "%(count)s row is dated outside the pilot's period (%(period)s). "
                    "Check the dates, or tick the box to save them anyway.",
                    "%(count)s rows are dated outside the pilot's period "
                    "(%(period)s). Check the dates, or tick the box to save them "
                    "anyway.",
                    len(outside),
                )
                % {"count": len(outside), "period": _period_text(self.pilot)}
            )
        return data
