from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsletters.models import InterestArea, NewsletterIssue, Subscriber


class InterestsField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj: InterestArea) -> str:
        return obj.name


class SignupForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    language = forms.ChoiceField(
        label=_("Language of the newsletters"),
        choices=settings.LANGUAGES,
        widget=forms.RadioSelect,
    )
    interests = InterestsField(
        label=_("Interest areas"),
        queryset=InterestArea.objects.all(),
        error_messages={
            "required": _("Choose at least one interest area."),
            "invalid_choice": _("Choose interest areas from the list."),
            "invalid_pk_value": _("Choose interest areas from the list."),
        },
    )
    kind = forms.ChoiceField(
        label=_("I am joining as"),
        choices=Subscriber.Kind.choices,
        widget=forms.RadioSelect,
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that my email address, language and interest areas are "
            "stored to send me the newsletters, until I leave."
        ),
        error_messages={"required": _("Your consent is needed to join.")},
    )
    # A honeypot: hidden from people, filled in by bots.
    website = forms.CharField(label=_("Leave this field empty"), required=False)


class PreferencesForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Language of the newsletters"),
        choices=settings.LANGUAGES,
        widget=forms.RadioSelect,
    )
    interests = InterestsField(
        label=_("Interest areas"),
        queryset=InterestArea.objects.all(),
        error_messages={
            "required": _("Choose at least one interest area."),
            "invalid_choice": _("Choose interest areas from the list."),
            "invalid_pk_value": _("Choose interest areas from the list."),
        },
    )


class IssueForm(forms.ModelForm):
    interests = InterestsField(
        label=_("Interest areas"),
        queryset=InterestArea.objects.all(),
        required=False,
        help_text=_("Leave empty to send to every member."),
    )

    class Meta:
        model = NewsletterIssue
        fields = [
            "number",
            "year",
            "title_fi",
            "lead_fi",
            "body_fi",
            "title_sv",
            "lead_sv",
            "body_sv",
            "interests",
        ]
        labels = {
            "title_fi": _("Title in Finnish"),
            "lead_fi": _("Lead in Finnish"),
            "body_fi": _("Text in Finnish"),
            "title_sv": _("Title in Swedish"),
            "lead_sv": _("Lead in Swedish"),
            "body_sv": _("Text in Swedish"),
        }
        widgets = {
            "lead_fi": forms.Textarea(attrs={"rows": 3}),
            "lead_sv": forms.Textarea(attrs={"rows": 3}),
            "body_fi": forms.Textarea(attrs={"rows": 14}),
            "body_sv": forms.Textarea(attrs={"rows": 14}),
        }

    def __init__(self, *args, project=None, **kwargs) -> None:  # noqa: ANN001, ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.project = project or self.instance.project
        self.fields["title_fi"].required = True
        self.fields["body_fi"].help_text = NewsletterIssue._meta.get_field(
            "body"
        ).help_text
        self.fields["body_sv"].help_text = _(
            "If left empty, Swedish readers get the Finnish text with a note."
        )

    def clean(self) -> dict:
        data = super().clean()
        number, year = data.get("number"), data.get("year")
        if number and year:
            clash = NewsletterIssue.objects.filter(
                project=self.project, number=number, year=year
            ).exclude(pk=self.instance.pk)
            if clash.exists():
                self.add_error(
                    "number",
                    _("This project already has a newsletter with this number."),
                )
        return data


class ScheduleForm(forms.Form):
    publish_at = forms.DateTimeField(
        label=_("Publish at"),
        widget=forms.DateTimeInput(
            attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
        ),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )

    def clean_publish_at(self):  # noqa: ANN201
        value = self.cleaned_data["publish_at"]
        if value <= timezone.now():
            raise forms.ValidationError(_("Choose a time in the future."))
        return value


class TestSendForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Language"), choices=settings.LANGUAGES, widget=forms.RadioSelect
    )
