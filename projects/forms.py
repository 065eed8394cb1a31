from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from projects.models import Project, Region, Report


class ProjectFilterForm(forms.Form):
    """The project list's filters. Invalid values are reported, never a 500."""

    region = forms.ModelChoiceField(
        label=_("Region"),
        queryset=Region.objects.order_by("name"),
        to_field_name="code",
        required=False,
        empty_label=_("All regions"),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("All statuses")), *Project.Status.choices],
        required=False,
    )


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
