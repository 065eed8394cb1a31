"""Forms of the feedback app: answering a survey, building one, filtering."""

import secrets

from django import forms
from django.core import signing
from django.utils.translation import gettext_lazy as _

from feedback.models import Answer, Question, Survey
from feedback.services import AnswerInput
from portal.templatetags.portal import localized

FORM_KEY_SALT = "feedback.form-key"
FORM_KEY_MAX_AGE = 24 * 3600


def new_form_key(survey: Survey) -> str:
    """A signed, one-time key for one rendering of the survey's form."""
    return signing.TimestampSigner(salt=FORM_KEY_SALT).sign(
        f"{survey.pk}:{secrets.token_urlsafe(16)}"
    )


def form_key_nonce(survey: Survey, key: str) -> str | None:
    """The key's random part if it is genuine, fresh and for this survey."""
    try:
        value = signing.TimestampSigner(salt=FORM_KEY_SALT).unsign(
            key, max_age=FORM_KEY_MAX_AGE
        )
    except signing.BadSignature:
        return None
    survey_id, _sep, nonce = value.partition(":")
    if survey_id != str(survey.pk) or not nonce:
        return None
    return nonce


class AnswerForm(forms.Form):
    """The respondent's form: one field ``q<id>`` per question.

    The template renders each question by hand as a fieldset with a legend
    (see ``items``); this form validates and cleans.
    """

    form_key = forms.CharField(widget=forms.HiddenInput, required=False)
    website = forms.CharField(
        label=_("Leave this field empty"), required=False, max_length=200
    )

    def __init__(self, *args: object, survey: Survey, questions: list, **kw) -> None:  # noqa: ANN003
        super().__init__(*args, **kw)
        self.survey = survey
        self.questions = questions
        for question in questions:
            self.fields[self.name_for(question)] = self._field(question)

    @staticmethod
    def name_for(question: Question) -> str:
        return f"q{question.pk}"

    def _field(self, question: Question) -> forms.Field:
        required = question.required
        if question.kind in Question.SCALED:
            return forms.TypedChoiceField(
                choices=[(v, str(v)) for v in question.scale],
                coerce=int,
                required=required,
                empty_value=None,
                widget=forms.RadioSelect,
            )
        if question.kind == Question.Kind.SINGLE:
            return forms.TypedChoiceField(
                choices=[(c.pk, c.text) for c in question.choices.all()],
                coerce=int,
                required=required,
                empty_value=None,
                widget=forms.RadioSelect,
            )
        if question.kind == Question.Kind.MULTIPLE:
            return forms.TypedMultipleChoiceField(
                choices=[(c.pk, c.text) for c in question.choices.all()],
                coerce=int,
                required=required,
                widget=forms.CheckboxSelectMultiple,
            )
        return forms.CharField(
            required=required,
            max_length=Answer.MAX_TEXT,
            strip=True,
            widget=forms.Textarea(attrs={"rows": 5}),
        )

    def clean(self) -> dict:
        cleaned = super().clean()
        known = {self.name_for(q) for q in self.questions}
        forged = [
            name
            for name in self.data
            if name.startswith("q") and name[1:].isdigit() and name not in known
        ]
        if forged:
            raise forms.ValidationError(
                _(
                    "The answers did not match the questions of this survey. "
                    "Please answer again."
                ),
                code="forged",
            )
        return cleaned

    def answers(self) -> list[AnswerInput]:
        result = []
        for question in self.questions:
            value = self.cleaned_data.get(self.name_for(question))
            item = AnswerInput(question=question)
            if question.kind in Question.SCALED:
                item.value = value
            elif question.kind == Question.Kind.SINGLE:
                item.choice_ids = [value] if value is not None else []
            elif question.kind == Question.Kind.MULTIPLE:
                item.choice_ids = sorted(set(value or []))
            else:
                item.text = value or ""
            result.append(item)
        return result

    def items(self) -> list[dict]:
        """What the template needs to draw each question, with its state."""
        out = []
        for number, question in enumerate(self.questions, start=1):
            name = self.name_for(question)
            selected = set(self.data.getlist(name)) if self.is_bound else set()
            options = []
            if question.kind in Question.SCALED:
                options = [
                    {"value": str(v), "label": str(v), "lang": ""}
                    for v in question.scale
                ]
            elif question.kind in Question.CHOICE:
                for choice in question.choices.all():
                    text = localized(choice, "text")
                    options.append(
                        {"value": str(choice.pk), "label": text, "lang": text.lang_attr}
                    )
            for index, option in enumerate(options, start=1):
                option["id"] = f"id_{name}_{index}"
                option["checked"] = option["value"] in selected
            out.append(
                {
                    "question": question,
                    "number": number,
                    "name": name,
                    "id": f"id_{name}",
                    "kind": question.kind,
                    "text": localized(question, "text"),
                    "help": localized(question, "help_text"),
                    "low": localized(question, "low_label"),
                    "high": localized(question, "high_label"),
                    "options": options,
                    "value": self.data.get(name, "") if self.is_bound else "",
                    "errors": self.errors.get(name, []) if self.is_bound else [],
                    "input_type": "checkbox"
                    if question.kind == Question.Kind.MULTIPLE
                    else "radio",
                }
            )
        return out


# --- Building ---------------------------------------------------------------


def _mark_languages(form: forms.Form) -> None:
    """Finnish and Swedish inputs say their language (screen readers, i18n)."""
    for name, field in form.fields.items():
        for language in ("fi", "sv"):
            if name.endswith(f"_{language}"):
                field.widget.attrs["lang"] = language


class SurveyCreateForm(forms.Form):
    project = forms.ModelChoiceField(
        label=_("Project"), queryset=None, empty_label=None
    )
    template = forms.ChoiceField(
        label=_("Start from"),
        choices=[
            ("thl", _("THL's national client-feedback template")),
            ("blank", _("An empty survey")),
        ],
        initial="thl",
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: object, projects, **kw) -> None:  # noqa: ANN001, ANN003
        super().__init__(*args, **kw)
        self.fields["project"].queryset = projects


class SurveyForm(forms.ModelForm):
    class Meta:
        model = Survey
        fields = [
            "title_fi",
            "title_sv",
            "intro_fi",
            "intro_sv",
            "pilot",
            "opens_at",
            "closes_at",
            "free_text_to_steering",
        ]
        labels = {
            "title_fi": _("Title in Finnish"),
            "title_sv": _("Title in Swedish"),
            "intro_fi": _("Introduction in Finnish"),
            "intro_sv": _("Introduction in Swedish"),
        }
        widgets = {
            "opens_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "closes_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "intro_fi": forms.Textarea(attrs={"rows": 3}),
            "intro_sv": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: object, **kw) -> None:  # noqa: ANN003
        super().__init__(*args, **kw)
        self.fields["title_fi"].required = True
        self.fields["pilot"].queryset = self.instance.project.pilots.order_by("name")
        _mark_languages(self)

    def clean(self) -> dict:
        cleaned = super().clean()
        opens, closes = cleaned.get("opens_at"), cleaned.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("The survey must close after it opens."))
        return cleaned


class QuestionForm(forms.ModelForm):
    choices_fi = forms.CharField(
        label=_("Options in Finnish"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For choice questions: one option a line."),
    )
    choices_sv = forms.CharField(
        label=_("Options in Swedish"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The same options in the same order, one a line."),
    )

    class Meta:
        model = Question
        fields = [
            "kind",
            "text_fi",
            "text_sv",
            "help_text_fi",
            "help_text_sv",
            "low_label_fi",
            "low_label_sv",
            "high_label_fi",
            "high_label_sv",
            "required",
        ]
        labels = {
            "text_fi": _("Question in Finnish"),
            "text_sv": _("Question in Swedish"),
            "help_text_fi": _("Help text in Finnish"),
            "help_text_sv": _("Help text in Swedish"),
            "low_label_fi": _("Label of the lowest value in Finnish"),
            "low_label_sv": _("Label of the lowest value in Swedish"),
            "high_label_fi": _("Label of the highest value in Finnish"),
            "high_label_sv": _("Label of the highest value in Swedish"),
        }

    def __init__(self, *args: object, **kw) -> None:  # noqa: ANN003
        super().__init__(*args, **kw)
        self.fields["text_fi"].required = True
        _mark_languages(self)
        if self.instance.pk:
            choices = list(self.instance.choices.all())
            self.initial["choices_fi"] = "\n".join(c.text_fi or "" for c in choices)
            self.initial["choices_sv"] = "\n".join(c.text_sv or "" for c in choices)

    def clean(self) -> dict:
        cleaned = super().clean()
        fi = [line.strip() for line in cleaned.get("choices_fi", "").splitlines()]
        sv = [line.strip() for line in cleaned.get("choices_sv", "").splitlines()]
        fi = [line for line in fi if line]
        sv = [line for line in sv if line]
        if cleaned.get("kind") in Question.CHOICE:
            if len(fi) < 2:
                self.add_error(
                    "choices_fi", _("A choice question needs at least two options.")
                )
            if sv and len(sv) != len(fi):
                self.add_error(
                    "choices_sv",
                    _("Give as many Swedish options as Finnish ones, or none."),
                )
        self.choice_pairs = [
            (text, sv[i] if i < len(sv) else "") for i, text in enumerate(fi)
        ]
        return cleaned


class ResultsFilterForm(forms.Form):
    date_from = forms.DateField(
        label=_("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    date_to = forms.DateField(
        label=_("To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    pilot = forms.TypedChoiceField(
        label=_("Pilot"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args: object, pilots: dict[int, str], **kw) -> None:  # noqa: ANN003
        super().__init__(*args, **kw)
        self.fields["pilot"].choices = [("", _("All pilots"))] + [
            (key, name) for key, name in sorted(pilots.items())
        ]
