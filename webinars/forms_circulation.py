"""Forms for a CCG lead's cascade list of PCN contacts."""

from django import forms

from learning.forms import NHSFormMixin

from .circulation_cascade import BULK_MAX_LINES

EMAIL_FORMAT = "Enter an email address in the correct format, like name@example.nhs.uk"


class ContactForm(NHSFormMixin, forms.Form):
    name = forms.CharField(
        label="Name",
        max_length=150,
        required=False,
        error_messages={"max_length": "Keep the name to 150 characters."},
    )
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        help_text="A work address at the PCN, for example a practice manager or link worker",
        error_messages={
            "required": "Enter an email address.",
            "invalid": EMAIL_FORMAT,
            "max_length": "Email addresses are at most 254 characters.",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    pcn = forms.ModelChoiceField(
        label="PCN",
        queryset=None,
        required=False,
        empty_label="Not at one PCN",
        error_messages={"invalid_choice": "Choose one of the PCNs in your CCG."},
    )

    def __init__(self, *args, ccg, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the lead's own CCG's PCNs: another id, forged into the form, is an error.
        self.fields["pcn"].queryset = ccg.pcns.order_by("name")
        self.fields["pcn"].error_messages["invalid_choice"] = f"Choose one of the PCNs in {ccg}."


class BulkContactsForm(NHSFormMixin, forms.Form):
    addresses = forms.CharField(
        label="Email addresses",
        help_text=(
            f"One a line, up to {BULK_MAX_LINES}. You can put a name first, like "
            "Jo Bloggs <jo.bloggs@example.nhs.uk>"
        ),
        max_length=BULK_MAX_LINES * 300,
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false"}),
        error_messages={
            "required": "Enter at least one email address.",
            "max_length": "That is too much text: paste at most "
            f"{BULK_MAX_LINES} addresses at a time.",
        },
    )
