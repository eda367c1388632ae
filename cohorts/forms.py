from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from learning.forms import NHSFormMixin

from .models import Cohort
from .uploads import MAX_UPLOAD_BYTES, MAX_UPLOAD_ROWS

NAME_MAX_LENGTH = Cohort._meta.get_field("name").max_length


class DatePartsWidget(forms.MultiWidget):
    """NHS.UK's date input: day, month and year boxes, numbers only. Safer than a
    browser date picker, which differs between phones and screen readers."""

    template_name = "cohorts/widgets/date_parts.html"

    def __init__(self, attrs=None):
        part = {"inputmode": "numeric", "autocomplete": "off"}
        super().__init__(
            {
                "day": forms.TextInput(attrs=part),
                "month": forms.TextInput(attrs=part),
                "year": forms.TextInput(attrs=part),
            },
            attrs,
        )

    def decompress(self, value):
        return [value.day, value.month, value.year] if value else [None, None, None]

    def id_for_label(self, id_):
        # The error summary links to the day box, as NHS.UK's date input asks.
        return f"{id_}_0" if id_ else ""


class DatePartsField(forms.Field):
    """A date typed as day, month and year, with NHS.UK's error messages."""

    widget = DatePartsWidget

    def __init__(self, *, what: str, **kwargs):
        self.what = what  # "the due date": how messages name it
        kwargs.setdefault("error_messages", {"required": f"Enter {what}."})
        # A fieldset with a legend, as NHS.UK's date input has, not a single label.
        kwargs.setdefault("template_name", "cohorts/widgets/date_field.html")
        super().__init__(**kwargs)

    def to_python(self, value):
        parts = [str(part or "").strip() for part in (value or ["", "", ""])]
        if not any(parts):
            return None
        missing = [
            name for name, part in zip(("day", "month", "year"), parts, strict=True) if not part
        ]
        if missing:
            raise ValidationError(
                f"{self.what.capitalize()} must include a {' and a '.join(missing)}."
            )
        # ASCII digits only, and few: int() refuses "²" and numbers thousands of digits long.
        if not all(part.isascii() and part.isdigit() and len(part) <= 4 for part in parts):
            raise ValidationError(f"{self.what.capitalize()} must be a real date, in numbers.")
        day, month, year = (int(part) for part in parts)
        if len(parts[2]) != 4:
            raise ValidationError(f"Year must include 4 numbers, like {timezone.localdate().year}.")
        try:
            return date(year, month, day)
        except ValueError:
            raise ValidationError(f"{self.what.capitalize()} must be a real date.") from None


class CohortForm(NHSFormMixin, forms.Form):
    name = forms.CharField(
        label="Name",
        max_length=NAME_MAX_LENGTH,
        help_text="For example, Greater Manchester spring intake",
        error_messages={
            "required": "Enter a name for the cohort.",
            "max_length": f"Keep the name to {NAME_MAX_LENGTH} characters.",
        },
    )
    start_date = DatePartsField(
        label="Start date", what="the start date", help_text="For example, 15 3 2027"
    )

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].replace("\x00", "").split())


class AddMemberForm(NHSFormMixin, forms.Form):
    email = forms.EmailField(
        label="Work email address",
        help_text="They must be a link worker in this region with an account on the network.",
        max_length=254,
        error_messages={
            "required": "Enter the work email address of the link worker to add.",
            "invalid": "Enter an email address in the correct format, like name@example.org.",
        },
    )


class UploadMembersForm(NHSFormMixin, forms.Form):
    file = forms.FileField(
        label="Upload a CSV file",
        help_text=(
            f"One email address a row, in the first column; a first row that says "
            f"“email” is skipped. Up to {MAX_UPLOAD_ROWS:,} rows and "
            f"{MAX_UPLOAD_BYTES // 1024 // 1024} MB, saved as CSV UTF-8."
        ),
        widget=forms.FileInput(attrs={"accept": ".csv,text/csv"}),
        error_messages={
            "required": "Select a CSV file of email addresses.",
            "empty": "The selected file is empty.",
            "invalid": "Select a CSV file of email addresses.",
        },
    )


class AssignForm(NHSFormMixin, forms.Form):
    item = forms.ChoiceField(
        label="Learning to assign",
        error_messages={
            "required": "Choose the induction pack or a module to assign.",
            "invalid_choice": "Choose the induction pack or a module that is not assigned yet.",
        },
    )
    due_date = DatePartsField(
        label="Due date",
        what="the due date",
        help_text="On or after the cohort's start date. For example, 15 3 2027",
    )

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].choices = [("", "Choose…"), *choices]


class DueDateForm(NHSFormMixin, forms.Form):
    due_date = DatePartsField(
        label="Due date",
        what="the due date",
        help_text="On or after the cohort's start date. For example, 15 3 2027",
    )
