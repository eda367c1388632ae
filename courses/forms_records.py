from django import forms

from learning.forms import NHSFormMixin

from .models import Certificate
from .services import CODE_LENGTH, normalise_code

REVOKE_REASON_MAX_LENGTH = Certificate._meta.get_field("revoked_reason").max_length


class VerifyLookupForm(NHSFormMixin, forms.Form):
    """The code printed on a certificate, typed by anyone checking it."""

    code = forms.CharField(
        label="Certificate code",
        help_text="The 20 letters and numbers printed on the certificate, for example "
        "7KQ2-M9XD-4RTB-WHC6-83NP. Dashes, spaces and capitals do not matter.",
        max_length=60,
        error_messages={
            "required": "Enter the certificate code.",
            "max_length": "Enter the code as it is printed on the certificate.",
        },
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
                "class": "nhsuk-input--width-20",
            }
        ),
    )

    def clean_code(self) -> str:
        code = normalise_code(self.cleaned_data["code"])
        if len(code) != CODE_LENGTH:
            raise forms.ValidationError(
                f"Enter all {CODE_LENGTH} letters and numbers of the code, as printed on the "
                "certificate."
            )
        return code


class RevokeForm(NHSFormMixin, forms.Form):
    """The national team's reason for revoking a certificate (kept in the audit log)."""

    reason = forms.CharField(
        label="Why is this certificate being revoked?",
        help_text="Recorded in the audit log. It is not shown on the public verification page.",
        max_length=REVOKE_REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": "Say why the certificate is being revoked.",
            "max_length": f"Keep the reason to {REVOKE_REASON_MAX_LENGTH} characters.",
        },
    )
