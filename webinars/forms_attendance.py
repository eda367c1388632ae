from django import forms
from django.core.exceptions import ValidationError

from learning.forms import NHSFormMixin

from .attendance import MAX_REPORT_BYTES, MAX_REPORT_ROWS, read_attendance_report

# A page of the attendance list never shows more than this many people.
MAX_IDS = 500


class PersonIdsField(forms.Field):
    """Account ids posted as repeated values (checkboxes, hidden inputs). The page
    draws the inputs itself, one per person on it; this only reads them."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value) -> list[int]:
        values = value or []
        if len(values) > MAX_IDS or not all(
            isinstance(v, str) and v.isascii() and v.isdigit() and len(v) <= 12 for v in values
        ):
            raise ValidationError("The list was changed. Reload the page and try again.")
        return sorted({int(v) for v in values})


class AttendanceForm(NHSFormMixin, forms.Form):
    """Who attended, of the people on one page of the list: `shown` says who the
    page showed, so unticking someone removes them and no one else is touched."""

    shown = PersonIdsField(
        error_messages={"required": "The list was empty. Reload the page and try again."}
    )
    attended = PersonIdsField(required=False)

    def full_clean(self):
        super().full_clean()
        # The inputs are drawn by the page, not by these hidden fields: show their
        # errors at the top, where the error summary lists errors of no one field.
        for name in ("shown", "attended"):
            errors = self._errors.pop(name, None) if self._errors else None
            if errors:
                self.add_error(None, errors)

    def clean(self):
        cleaned = super().clean()
        shown, attended = cleaned.get("shown"), cleaned.get("attended")
        if shown is not None and attended is not None and not set(attended) <= set(shown):
            raise ValidationError("Tick only people in the list. Reload the page and try again.")
        return cleaned


class AttendanceUploadForm(NHSFormMixin, forms.Form):
    file = forms.FileField(
        label="Upload an attendance report",
        help_text=(
            "The CSV file Microsoft Teams or Zoom exports after the meeting, as it is. "
            f"Up to {MAX_REPORT_ROWS:,} rows and {MAX_REPORT_BYTES // 1024 // 1024} MB."
        ),
        widget=forms.FileInput(attrs={"accept": ".csv,text/csv,.tsv,.txt"}),
        error_messages={
            "required": "Select the attendance report to upload.",
            "empty": "The selected file is empty.",
            "invalid": "Select the attendance report to upload.",
        },
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        # Problems with the file as a whole are this field's errors: nothing is recorded.
        self.cleaned_data["report"] = read_attendance_report(upload)
        return upload
