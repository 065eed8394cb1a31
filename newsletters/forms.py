import json

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from newsletters.models import InterestArea, NewsletterIssue, Subscriber
from portal.lib import sanitize


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


def _editor_labels() -> dict[str, str]:
    """The editor's words, in the language of the page being rendered."""
    return {
        # %(field)s is replaced in the browser with the field's label.
        "toolbar": gettext("Formatting: %(field)s"),
        "hint": gettext("Alt+F10 moves to the formatting buttons; Ctrl+K adds a link."),
        "heading": gettext("Heading"),
        "subheading": gettext("Subheading"),
        "bold": gettext("Bold"),
        "italic": gettext("Italic"),
        "bulletList": gettext("Bulleted list"),
        "orderedList": gettext("Numbered list"),
        "blockquote": gettext("Quote"),
        "link": gettext("Link"),
        "unlink": gettext("Remove the link"),
        "undo": gettext("Undo"),
        "redo": gettext("Redo"),
        "linkTitle": gettext("Link"),
        "linkAddress": gettext("Web address"),
        "linkError": gettext(
            "Enter an address that starts with https://, http:// or mailto:."
        ),
        "saveLink": gettext("Save the link"),
        "cancel": gettext("Cancel"),
    }


class RichTextarea(forms.Textarea):
    """A textarea that static/js/newsletter-editor.js turns into a rich-text
    editor. Without JavaScript it stays a textarea for HTML or the text
    format; either is sanitised when saved (``services.issue_save``)."""

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__({"rows": 14, **(attrs or {})})

    @property
    def media(self) -> forms.Media:
        return forms.Media(
            css={"all": ["css/editor.css"]},
            js=[forms.Script("js/newsletter-editor.js", type="module")],
        )

    def format_value(self, value: str | None) -> str | None:
        # Bodies written in the text format open as the HTML they show as.
        return sanitize.as_rich(value) or None

    def get_context(self, name: str, value: object, attrs: dict | None) -> dict:
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"]["data-rich-editor"] = json.dumps(
            _editor_labels(), ensure_ascii=False
        )
        return context


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
        # The text's language, so that screen readers read it right on a
        # page in the other language.
        widgets = {
            "title_fi": forms.TextInput(attrs={"lang": "fi"}),
            "title_sv": forms.TextInput(attrs={"lang": "sv"}),
            "lead_fi": forms.Textarea(attrs={"rows": 3, "lang": "fi"}),
            "lead_sv": forms.Textarea(attrs={"rows": 3, "lang": "sv"}),
            "body_fi": RichTextarea(attrs={"lang": "fi"}),
            "body_sv": RichTextarea(attrs={"lang": "sv"}),
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


class IssueImageForm(forms.Form):
    """A picture for a newsletter: checked to be an image, with its alt text."""

    image = forms.ImageField(
        label=_("Image"),
        help_text=_("JPEG, PNG or WebP, at most 5 MB."),
        error_messages={
            "invalid_image": _("The file is not an image (JPEG, PNG or WebP)."),
        },
    )
    alt_fi = forms.CharField(
        label=_("Alternative text in Finnish"),
        max_length=300,
        help_text=_("Describe what the image shows for those who cannot see it."),
    )
    alt_sv = forms.CharField(
        label=_("Alternative text in Swedish"),
        max_length=300,
        required=False,
        help_text=_("Left empty, the Swedish newsletter uses the Finnish text."),
    )

    MAX_BYTES = 5 * 1024 * 1024
    FORMATS = {"JPEG", "PNG", "WEBP"}

    def clean_image(self):  # noqa: ANN201
        image = self.cleaned_data["image"]
        if image.size > self.MAX_BYTES:
            raise forms.ValidationError(_("The image is larger than 5 MB."))
        # ImageField has opened the file with Pillow: the content decides.
        if (
            getattr(image, "image", None) is None
            or image.image.format not in self.FORMATS
        ):
            raise forms.ValidationError(
                _("The file is not an image (JPEG, PNG or WebP).")
            )
        return image
