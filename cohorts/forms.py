from django import forms

from learning.date_input import DatePartsField
from learning.forms import NHSFormMixin

from .models import Cohort
from .uploads import MAX_UPLOAD_BYTES, MAX_UPLOAD_ROWS

NAME_MAX_LENGTH = Cohort._meta.get_field("name").max_length


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
