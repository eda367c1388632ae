from django import forms

from learning.forms import NHSFormMixin

PERIODS = [(4, "Last 4 weeks"), (12, "Last 12 weeks"), (26, "Last 26 weeks"), (52, "Last 52 weeks")]
DEFAULT_WEEKS = 12


class PeriodForm(NHSFormMixin, forms.Form):
    weeks = forms.TypedChoiceField(
        label="Period",
        choices=PERIODS,
        coerce=int,
        initial=DEFAULT_WEEKS,
        error_messages={"invalid_choice": "Choose one of the periods in the list."},
    )

    def chosen_weeks(self) -> int:
        """The chosen period, or the default when none (or a bad one) was given."""
        if self.is_bound and self.is_valid():
            return self.cleaned_data["weeks"]
        return DEFAULT_WEEKS
