from django import forms

from learning.forms import NHSFormMixin

from .models import REFLECTION_MAX_LENGTH


class CompleteStepForm(NHSFormMixin, forms.Form):
    """Marking a step as done; a reflection step adds its private reflection."""

    reflection = forms.CharField(
        label="Your reflection",
        help_text="Only you and your region's learning coordinators can read this.",
        max_length=REFLECTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={
            "required": "Write your reflection before you mark this step as done.",
            "max_length": f"Keep your reflection to {REFLECTION_MAX_LENGTH:,} characters.",
        },
    )

    def __init__(self, *args, with_reflection: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not with_reflection:
            del self.fields["reflection"]
