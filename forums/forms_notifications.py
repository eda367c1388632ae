from django import forms

from learning.forms import NHSFormMixin

from .models import EmailFrequency

CHOOSE_FREQUENCY = "Choose how often you want forum emails."


class EmailPreferenceForm(NHSFormMixin, forms.Form):
    email = forms.ChoiceField(
        label="How often do you want emails about your forum notifications?",
        help_text="Notifications always show on the site, whatever you choose.",
        choices=EmailFrequency.choices,
        widget=forms.RadioSelect,
        error_messages={"required": CHOOSE_FREQUENCY, "invalid_choice": CHOOSE_FREQUENCY},
    )
