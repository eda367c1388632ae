"""NHS.UK's date input as a Django form field: day, month and year boxes, with
NHS.UK's error messages (cohort start and due dates, webinar session dates)."""

from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone


class DatePartsWidget(forms.MultiWidget):
    """NHS.UK's date input: day, month and year boxes, numbers only. Safer than a
    browser date picker, which differs between phones and screen readers."""

    template_name = "django/forms/widgets/date_parts.html"

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
        kwargs.setdefault("template_name", "django/forms/date_field.html")
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
