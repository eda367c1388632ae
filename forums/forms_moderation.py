"""The form members report a post with: a reason from a list, and a note."""

from django import forms

from learning.forms import NHSFormMixin

from .models import REPORT_REASON_MAX_LENGTH, ReportReason


class ReportForm(NHSFormMixin, forms.Form):
    reason = forms.ChoiceField(
        label="Why are you reporting this post?",
        help_text=(
            "Choose a safeguarding concern if someone may be at risk of harm: your "
            "region's learning coordinators are emailed straight away."
        ),
        choices=ReportReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose why you are reporting this post."},
    )
    note = forms.CharField(
        label="Tell the coordinators more",
        help_text="Needed if you chose “Something else”. Do not add anyone's personal details.",
        required=False,
        max_length=REPORT_REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "max_length": f"Keep the reason to {REPORT_REASON_MAX_LENGTH:,} characters.",
        },
    )

    def clean(self):
        data = super().clean()
        if data.get("reason") == ReportReason.OTHER and not data.get("note", "").strip():
            self.add_error("note", "Say why you are reporting this post.")
        return data
