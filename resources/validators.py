"""Checks on what leads type in, with messages that say what to type instead."""

import re

from django.core.exceptions import ValidationError

# UK numbers: 0 and 9 or 10 more digits (0161 496 0000, 0800 123 4567), +44 without
# the leading 0, or a short service number (111, 116 123). Spaces, hyphens and brackets are for reading and are ignored.
_SEPARATORS = re.compile(r"[\s\-().]")
_UK_NUMBER = re.compile(r"^(?:0\d{9,10}|\+44\d{9,10}|1\d{2}|1\d{5})$")
PHONE_MESSAGE = (
    "Enter a UK phone number, like 0161 496 0000 or +44 161 496 0000. "
    "Use digits, spaces and brackets only."
)


def validate_uk_phone(value: str) -> None:
    if not _UK_NUMBER.match(_SEPARATORS.sub("", value or "")):
        raise ValidationError(PHONE_MESSAGE, code="invalid_phone")


def phone_href(value: str) -> str:
    """The number as a tel: link target: digits and a leading +."""
    return "tel:" + _SEPARATORS.sub("", value)
