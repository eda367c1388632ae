"""Forms for running the schedule: a series, a session (added or changed), cancelling
one, and its recording and slides.

Times are typed as a date and two clock times in UK time and become UTC here, with
zoneinfo. Twice a year UK clock time is odd: when the clocks go forward (the last
Sunday of March) 01:00 to 01:59 never happens, so such a time is an error; when
they go back (the last Sunday of October) 01:00 to 01:59 happens twice, and we take
the first (still British Summer Time) and say so after saving.

The region and series a person may choose are only those they run; a number for
anything else (a forged form) is an invalid choice, so nothing is saved."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError

from learning.date_input import DatePartsField
from learning.forms import NHSFormMixin, apply_validation_error

from .enums import Theme
from .models import MAX_CAPACITY, Series, Session
from .services import MAX_LENGTH_HOURS

UK = ZoneInfo(settings.TIME_ZONE)
NATIONAL = "national"


def _max_length(model, name: str) -> int:
    return model._meta.get_field(name).max_length


def _tidy(text: str) -> str:
    """Trimmed, without NUL characters (PostgreSQL refuses them in text)."""
    return text.replace("\x00", "").strip()


class SizedInput(forms.TextInput):
    """A text input that keeps its own class (an NHS.UK width) beside the classes the
    NHS.UK renderer adds, which would otherwise replace it."""

    def build_attrs(self, base_attrs, extra_attrs=None):
        attrs = super().build_attrs(base_attrs, extra_attrs)
        own, added = base_attrs.get("class", ""), (extra_attrs or {}).get("class", "")
        if own and added:
            attrs["class"] = f"{added} {own}"
        return attrs


# --- UK time --------------------------------------------------------------------------


class NotInUKTime(ValueError):
    """The clocks went forward over this time, so it never happens in the UK."""


def uk_datetime(day: date, clock: time) -> tuple[datetime, bool]:
    """The moment `clock` on `day` in UK time, and whether that time happens twice
    (the night the clocks go back; then this is the first, in BST)."""
    wall = datetime.combine(day, clock)
    moment = wall.replace(tzinfo=UK)  # fold=0: the earlier of two, if there are two
    # A time in the gap comes back from UTC as another wall time.
    if moment.astimezone(UTC).astimezone(UK).replace(tzinfo=None) != wall:
        raise NotInUKTime(wall)
    twice = moment.utcoffset() != moment.replace(fold=1).utcoffset()
    return moment, twice


def uk_parts(moment: datetime) -> tuple[date, str]:
    local = moment.astimezone(UK)
    return local.date(), f"{local:%H:%M}"


CLOCK = re.compile(r"^(\d{1,2})[:.](\d{2})$")


class ClockTimeField(forms.Field):
    """A time of day on the 24-hour clock, typed as 14:30 (14.30 is fine too)."""

    def __init__(self, *, what: str, **kwargs):
        self.what = what  # "the start time": how messages name it
        kwargs.setdefault("error_messages", {"required": f"Enter {what}."})
        kwargs.setdefault(
            "widget",
            SizedInput(
                attrs={
                    "class": "nhsuk-input--width-5",
                    "autocomplete": "off",
                    "spellcheck": "false",
                }
            ),
        )
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return f"{value:%H:%M}" if isinstance(value, time) else value

    def to_python(self, value):
        text = str(value or "").replace(" ", "")
        if not text:
            return None
        match = CLOCK.match(text) if text.isascii() and len(text) <= 5 else None
        if not match:
            raise ValidationError(f"Enter {self.what} on the 24-hour clock, like 14:30.")
        hours, minutes = int(match[1]), int(match[2])
        if hours > 23 or minutes > 59:
            raise ValidationError(
                f"{self.what.capitalize()} must be a real time, from 00:00 to 23:59."
            )
        return time(hours, minutes)


# --- Choices of series and audience -------------------------------------------------


def audience_choices(regions, *, national: bool) -> list[tuple[str, str]]:
    choices = [(NATIONAL, "All regions: a national webinar")] if national else []
    return choices + [(str(region.pk), f"{region.name} only") for region in regions]


class AudienceField(forms.ChoiceField):
    """All regions, or one region; returns the Region, or None for all regions."""

    def __init__(self, *, regions, national: bool, **kwargs):
        self.regions = {str(region.pk): region for region in regions}
        kwargs.setdefault("label", "Who it is for")
        kwargs.setdefault("widget", forms.RadioSelect)
        kwargs.setdefault(
            "error_messages",
            {
                "required": "Choose who it is for.",
                "invalid_choice": (
                    "Choose all regions or one region listed."
                    if national
                    else "Choose one of the regions you coordinate."
                ),
            },
        )
        super().__init__(choices=audience_choices(regions, national=national), **kwargs)

    def clean(self, value):
        value = super().clean(value)
        return None if value == NATIONAL else self.regions[value]


class SeriesChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, series: Series) -> str:
        return f"{series.title} ({series.region.name if series.region_id else 'national'})"


# --- Series ---------------------------------------------------------------------------


class SeriesForm(NHSFormMixin, forms.Form):
    title = forms.CharField(
        label="Title",
        max_length=_max_length(Series, "title"),
        help_text="For example, Themed webinars 2026/27",
        error_messages={"required": "Enter a title for the series."},
    )
    description = forms.CharField(
        label="Description",
        required=False,
        max_length=_max_length(Series, "description"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What the series is for and who should come. Shown on the schedule.",
    )

    def __init__(self, *args, regions, national: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"] = AudienceField(
            regions=regions,
            national=national,
            label="Whose series it is",
            help_text=(
                "A national series is the national team's. A region's series holds its "
                "learning events, run by its coordinators."
            ),
        )
        if national:
            self.fields["region"].initial = NATIONAL
        elif len(regions) == 1:
            self.fields["region"].initial = str(regions[0].pk)

    def clean_title(self):
        return " ".join(_tidy(self.cleaned_data["title"]).split())

    def clean_description(self):
        return _tidy(self.cleaned_data["description"])


# --- Sessions -------------------------------------------------------------------------

# Service field names that the form asks for in other words.
SERVICE_FIELDS = {"starts_at": "date", "ends_at": "end_time", "region": "audience"}


class SessionForm(NHSFormMixin, forms.Form):
    """A session added or changed. Changing one keeps its series and audience (the
    services do not move a session between audiences), so those two are only asked
    when it is added."""

    title = forms.CharField(
        label="Title",
        max_length=_max_length(Session, "title"),
        help_text="For example, Supporting people with money worries",
        error_messages={"required": "Enter a title."},
    )
    description = forms.CharField(
        label="Description",
        required=False,
        max_length=_max_length(Session, "description"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="What it covers and who it is for. Shown on the schedule and in calendars.",
    )
    speakers = forms.CharField(
        label="Speakers",
        required=False,
        max_length=_max_length(Session, "speakers"),
        help_text="Names and roles, for example Amira Khan, Citizens Advice",
    )
    theme = forms.ChoiceField(
        label="Theme",
        choices=[("", "Choose a theme"), *Theme.choices],
        error_messages={
            "required": "Choose a theme.",
            "invalid_choice": "Choose one of the themes listed.",
        },
    )
    date = DatePartsField(label="Date", what="the date", help_text="For example, 17 3 2027")
    start_time = ClockTimeField(
        label="Start time", what="the start time", help_text="UK time, 24-hour clock, like 10:00"
    )
    end_time = ClockTimeField(
        label="End time", what="the end time", help_text="UK time, 24-hour clock, like 11:30"
    )
    join_url = forms.URLField(
        label="Online joining link",
        required=False,
        assume_scheme="https",
        max_length=_max_length(Session, "join_url"),
        help_text="The Teams or Zoom link, starting https://. Only people with a place see it.",
        error_messages={"invalid": "Enter the joining link as a web address, like https://…"},
    )
    location = forms.CharField(
        label="Venue",
        required=False,
        max_length=_max_length(Session, "location"),
        help_text="For an event in person: the venue and its address. Leave empty if online.",
    )
    capacity = forms.IntegerField(
        label="Places",
        min_value=1,
        max_value=MAX_CAPACITY,
        help_text=f"How many people can have a place, from 1 to {MAX_CAPACITY:,}. "
        "Others can join the waiting list.",
        widget=SizedInput(
            attrs={"inputmode": "numeric", "class": "nhsuk-input--width-4", "autocomplete": "off"}
        ),
        error_messages={
            "required": "Enter the number of places.",
            "invalid": "Enter the number of places as a whole number, like 30.",
            "min_value": f"Enter a number of places from 1 to {MAX_CAPACITY:,}.",
            "max_value": f"Enter a number of places from 1 to {MAX_CAPACITY:,}.",
        },
    )

    field_order = [
        "title", "series", "audience", "description", "speakers", "theme",
        "date", "start_time", "end_time", "join_url", "location", "capacity",
    ]  # fmt: skip

    def __init__(self, *args, series=None, regions=None, national: bool = False, **kwargs):
        """`series` and `regions`: what this person may choose, for a new session.
        Without them (changing a session) neither is asked."""
        super().__init__(*args, **kwargs)
        # Field name -> a note for each time that happens twice (the first was taken).
        self.twice: dict[str, str] = {}
        if series is not None:
            self.fields["series"] = SeriesChoiceField(
                label="Series",
                queryset=series,
                empty_label="Choose a series",
                error_messages={
                    "required": "Choose the series it belongs to.",
                    "invalid_choice": "Choose one of the series listed.",
                },
            )
            self.fields["audience"] = AudienceField(
                regions=regions,
                national=national,
                help_text="A regional learning event is open to the people of that region only.",
            )
            if not national and len(regions) == 1:
                self.fields["audience"].initial = str(regions[0].pk)
        self.order_fields(self.field_order)

    def clean_title(self):
        return " ".join(_tidy(self.cleaned_data["title"]).split())

    def clean_description(self):
        return _tidy(self.cleaned_data["description"])

    def clean_speakers(self):
        return " ".join(_tidy(self.cleaned_data["speakers"]).split())

    def clean_location(self):
        return " ".join(_tidy(self.cleaned_data["location"]).split())

    def _moment(self, day: date, clock: time, field: str) -> datetime | None:
        try:
            moment, twice = uk_datetime(day, clock)
        except NotInUKTime:
            self.add_error(
                field,
                f"The clocks go forward at 1am on {day:%A %-d %B %Y}, so {clock:%H:%M} does "
                "not happen that night. Enter a time before 01:00 or from 02:00.",
            )
            return None
        if twice:
            self.twice[field] = (
                f"{clock:%H:%M} on {day:%A %-d %B %Y} happens twice, as the clocks go back "
                f"at 2am. The first {clock:%H:%M} (British Summer Time) was used."
            )
        return moment

    def clean(self):
        data = super().clean()
        day, start, end = data.get("date"), data.get("start_time"), data.get("end_time")
        if day and start and end:
            starts_at = self._moment(day, start, "start_time")
            ends_at = self._moment(day, end, "end_time")
            if starts_at and ends_at:
                if ends_at <= starts_at:
                    self.add_error("end_time", "The end time must be after the start time.")
                elif (ends_at - starts_at).total_seconds() > MAX_LENGTH_HOURS * 3600:
                    self.add_error(
                        "end_time", f"A session can last at most {MAX_LENGTH_HOURS} hours."
                    )
                else:
                    data["starts_at"], data["ends_at"] = starts_at, ends_at
        return data

    def session_fields(self) -> dict:
        """What the services take, from a valid form."""
        data = self.cleaned_data
        fields = {
            name: data[name]
            for name in ("title", "description", "speakers", "theme", "join_url", "location")
        }
        fields.update(
            capacity=data["capacity"], starts_at=data["starts_at"], ends_at=data["ends_at"]
        )
        return fields

    def apply_service_error(self, error: ValidationError) -> None:
        """A service's errors, on the fields that asked for what they are about."""
        if hasattr(error, "error_dict"):
            error = ValidationError(
                {
                    SERVICE_FIELDS.get(name, name): errors
                    for name, errors in error.error_dict.items()
                }
            )
        apply_validation_error(self, error)

    @staticmethod
    def initial_for(session: Session) -> dict:
        day, start = uk_parts(session.starts_at)
        _, end = uk_parts(session.ends_at)
        return {
            "title": session.title,
            "description": session.description,
            "speakers": session.speakers,
            "theme": session.theme,
            "date": day,
            "start_time": start,
            "end_time": end,
            "join_url": session.join_url,
            "location": session.location,
            "capacity": session.capacity,
        }


class CancelForm(NHSFormMixin, forms.Form):
    reason = forms.CharField(
        label="Why it is cancelled",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Everyone registered or waiting gets this in their email.",
        error_messages={
            "required": "Say why it is cancelled: registrants are told.",
            "max_length": "Keep the reason to 500 characters.",
        },
    )

    def clean_reason(self):
        return _tidy(self.cleaned_data["reason"])


class MaterialsForm(NHSFormMixin, forms.Form):
    recording_url = forms.URLField(
        label="Link to the recording",
        required=False,
        assume_scheme="https",
        max_length=_max_length(Session, "recording_url"),
        help_text="Starting https://. Leave empty if there is none.",
        error_messages={"invalid": "Enter the link as a web address, like https://…"},
    )
    slides_url = forms.URLField(
        label="Link to the slides",
        required=False,
        assume_scheme="https",
        max_length=_max_length(Session, "slides_url"),
        help_text="Starting https://. Leave empty if there are none.",
        error_messages={"invalid": "Enter the link as a web address, like https://…"},
    )
