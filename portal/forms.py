from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from portal.models import AccessibilityFeedback


class LoginForm(AuthenticationForm):
    """Django's login form with the portal's labels and autocomplete hints."""

    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True}),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        max_length=4096,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class AccessibilityFeedbackForm(forms.ModelForm):
    # A field people do not see; bots fill it in.
    website = forms.CharField(
        label=_("Leave this field empty"), required=False, max_length=200
    )

    class Meta:
        model = AccessibilityFeedback
        fields = ["message", "page", "email"]
        widgets = {
            "message": forms.Textarea(attrs={"rows": 6, "maxlength": 5000}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }
        labels = {
            "message": _("Describe the problem"),
            "page": _("Address or name of the page (optional)"),
        }
        help_texts = {"page": _("Where did you notice the problem?")}
