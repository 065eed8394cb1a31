from django import forms
from django.utils.translation import gettext_lazy as _

from projects.models import Project, Region


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
