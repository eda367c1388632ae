from django import forms

from learning.accounts.models import CCG
from learning.forms import NHSFormMixin

from .enums import Need, ResourceKind
from .services import CORRECTION_MAX_LENGTH


class ResourceFilterForm(NHSFormMixin, forms.Form):
    """The library's search and filters, read from the query string. A value that is
    not one of the choices (an old link, a hand-edited address) is an error shown on
    the page, and the list is shown unfiltered by it."""

    q = forms.CharField(label="Search resources", max_length=100, required=False, strip=True)
    need = forms.ChoiceField(
        label="Need", choices=[("", "Any need"), *Need.choices], required=False
    )
    ccg = forms.ModelChoiceField(
        label="CCG", queryset=CCG.objects.none(), required=False, empty_label="Any CCG"
    )
    kind = forms.ChoiceField(
        label="Kind", choices=[("", "Any kind"), *ResourceKind.choices], required=False
    )

    def __init__(self, *args, region, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ccg"].queryset = CCG.objects.filter(region=region).order_by("name")
        self.fields["ccg"].error_messages["invalid_choice"] = "Choose one of this region's CCGs."

    def clean_q(self):
        return self.cleaned_data["q"].replace("\x00", "")

    def filters(self) -> dict:
        """The valid filters only: an invalid one is dropped, not applied."""
        data = {"query": "", "need": "", "ccg": None, "kind": ""}
        if self.is_bound:
            self.is_valid()
            cleaned = getattr(self, "cleaned_data", {})
            data["query"] = cleaned.get("q", "")
            data["need"] = cleaned.get("need", "")
            data["ccg"] = cleaned.get("ccg")
            data["kind"] = cleaned.get("kind", "")
        return data


class CorrectionForm(NHSFormMixin, forms.Form):
    text = forms.CharField(
        label="What needs correcting?",
        help_text="For example: a new phone number, changed opening times, or that it has closed.",
        max_length=CORRECTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Say what needs correcting."},
    )
