from django import forms

from learning.forms import NHSFormMixin

from .enums import Theme
from .models import FEEDBACK_MAX_LENGTH
from .selectors import NATIONAL, ScheduleFilters

UPCOMING, PAST = "upcoming", "past"


class ScheduleFilterForm(NHSFormMixin, forms.Form):
    """The schedule's filters, sent with GET so they work without JavaScript and the
    address can be shared. Every field is optional; a value the form does not know
    (an old link, a hand-edited address) is an error on that field, and the other
    filters still apply."""

    series = forms.ModelChoiceField(
        queryset=None,
        required=False,
        to_field_name="slug",
        empty_label="All series",
        error_messages={"invalid_choice": "Choose a series from the list."},
    )
    theme = forms.ChoiceField(
        choices=[("", "All themes"), *Theme.choices],
        required=False,
        error_messages={"invalid_choice": "Choose a theme from the list."},
    )
    region = forms.ChoiceField(
        label="Who it is for",
        required=False,
        error_messages={"invalid_choice": "Choose who the sessions are for from the list."},
    )

    def __init__(self, *args, regions, series, **kwargs):
        kwargs.setdefault("auto_id", "filter-%s")
        super().__init__(*args, **kwargs)
        self.fields["series"].queryset = series
        self.fields["region"].choices = [
            ("", "Everyone"),
            (NATIONAL, "National webinars"),
            *((region.slug, f"{region.name} learning events") for region in regions),
        ]
        for field in self.fields.values():
            field.conditional = True  # a filter is never needed: "(optional)" would be noise

    def clean(self):
        # Which list, upcoming or past: not a field, as the page's links set it (and
        # a hidden field's error would show nowhere), so it is checked here.
        cleaned = super().clean()
        when = self.data.get("when") or UPCOMING
        if when not in (UPCOMING, PAST):
            self.add_error(None, "Choose upcoming or past sessions with the links on this page.")
            when = UPCOMING
        cleaned["when"] = when
        return cleaned

    def filters(self) -> ScheduleFilters:
        """The filters that were valid; an invalid one is left out (and shown as an error)."""
        self.is_valid()
        data = self.cleaned_data
        return ScheduleFilters(
            past=data.get("when", UPCOMING) == PAST,
            series=data.get("series"),
            theme=data.get("theme", ""),
            region=data.get("region", ""),
        )


class FeedbackForm(NHSFormMixin, forms.Form):
    rating = forms.TypedChoiceField(
        label="How useful was this session?",
        choices=[
            (5, "5 (very useful)"),
            (4, "4"),
            (3, "3"),
            (2, "2"),
            (1, "1 (not useful at all)"),
        ],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose how useful the session was, from 1 to 5.",
            "invalid_choice": "Choose how useful the session was, from 1 to 5.",
        },
    )
    comment = forms.CharField(
        label="What worked, and what could be better?",
        help_text="The people who ran the session read this. Do not include anything that "
        "could identify someone you support.",
        required=False,
        max_length=FEEDBACK_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "max_length": f"Keep your comment to {FEEDBACK_MAX_LENGTH:,} characters.",
        },
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "feedback-%s")
        super().__init__(*args, **kwargs)
