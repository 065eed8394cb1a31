from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from reports.models import Report

# A date picker where the browser has one; typed dates as written in Finland.
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_FORMATS = ["%Y-%m-%d", "%d.%m.%Y"]


class ReportCreateForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of report"),
        choices=Report.Kind.choices,
        widget=forms.RadioSelect,
        initial=Report.Kind.FINAL,
    )
    start_date = forms.DateField(
        label=_("Period start"),
        required=False,
        widget=DATE_WIDGET,
        input_formats=DATE_FORMATS,
        help_text=_("Administrative reports only."),
    )
    end_date = forms.DateField(
        label=_("Period end"),
        required=False,
        widget=DATE_WIDGET,
        input_formats=DATE_FORMATS,
        help_text=_("Administrative reports only."),
    )

    def clean(self) -> dict:
        data = super().clean()
        if data.get("kind") == Report.Kind.ADMINISTRATIVE:
            start, end = data.get("start_date"), data.get("end_date")
            if not start:
                self.add_error(
                    "start_date", _("An administrative report needs a period.")
                )
            if not end:
                self.add_error(
                    "end_date", _("An administrative report needs a period.")
                )
            if start and end and end < start:
                self.add_error("end_date", _("The period cannot end before it starts."))
        return data


class ReportSectionForm(forms.Form):
    text_fi = forms.CharField(
        label=_("In Finnish"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 12, "lang": "fi"}),
        max_length=50_000,
    )
    text_sv = forms.CharField(
        label=_("In Swedish"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 12, "lang": "sv"}),
        max_length=50_000,
        help_text=_("Left empty, the Swedish report shows the Finnish text."),
    )
    revision = forms.IntegerField(widget=forms.HiddenInput)


class ReportRenderForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Language of the PDF"),
        choices=settings.LANGUAGES,
        widget=forms.RadioSelect,
    )


class ReportApproveForm(forms.Form):
    """The confirmation of an approval: of the revision shown, optionally
    naming the steering-group meeting where it was decided."""

    revision = forms.IntegerField(widget=forms.HiddenInput)
    meeting = forms.ModelChoiceField(
        label=_("Decided at the steering group's meeting (optional)"),
        queryset=None,
        required=False,
        empty_label=_("No meeting named"),
    )

    def __init__(self, *args, meetings, **kwargs) -> None:  # noqa: ANN001, ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = meetings
        self.fields["meeting"].label_from_instance = _meeting_label


def _meeting_label(event) -> str:  # noqa: ANN001
    return f"{event.date.day}.{event.date.month}.{event.date.year} {event.title}"
