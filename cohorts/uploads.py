"""Reading a CSV file of email addresses to add to a cohort.

Problems with the file as a whole (too big, too many rows, not text, not UTF-8,
nothing in it) refuse the whole file, so nothing is added from a file that was
not what the coordinator meant. Problems with single rows are the service's to
report, row by row, while the good rows are added.
"""

import csv
import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError

MAX_UPLOAD_BYTES = 1024 * 1024
MAX_UPLOAD_ROWS = 2000
MAX_CELL_CHARS = 320  # an email address is at most 254; leave room to report a wrong value
HEADERS = {"email", "email address", "e-mail", "work email"}


@dataclass(frozen=True)
class UploadRow:
    number: int  # the line in the file, as a spreadsheet numbers it
    value: str  # the first cell, trimmed
    extra: bool = False  # more than one cell had something in it


def _text_of(data: bytes) -> str:
    if not data:
        raise ValidationError("The selected file is empty.")
    if b"\x00" in data:
        raise ValidationError(
            "The selected file is not a CSV file. Save the email addresses as CSV UTF-8 and try again."
        )
    try:
        # utf-8-sig: Excel's "CSV UTF-8" starts with a byte order mark.
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(
            "The selected file is not saved as UTF-8. In your spreadsheet, save it as "
            "“CSV UTF-8” and try again."
        ) from None


def read_email_rows(upload) -> list[UploadRow]:
    """The file's non-blank rows, or ValidationError saying what is wrong with the file."""
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            f"The selected file must be smaller than {MAX_UPLOAD_BYTES // 1024 // 1024} MB."
        )
    # Read one byte more than allowed: a file that grew after its size was taken is refused too.
    data = upload.read(MAX_UPLOAD_BYTES + 1)
    if len(data) > MAX_UPLOAD_BYTES:
        raise ValidationError(
            f"The selected file must be smaller than {MAX_UPLOAD_BYTES // 1024 // 1024} MB."
        )
    reader = csv.reader(io.StringIO(_text_of(data), newline=""))
    rows: list[UploadRow] = []
    try:
        for cells in reader:
            cells = [cell.strip() for cell in cells]
            if not any(cells):
                continue  # blank lines are common at the end of exported files
            if not rows and cells[0].casefold() in HEADERS:
                continue
            if len(rows) == MAX_UPLOAD_ROWS:
                raise ValidationError(
                    f"The selected file has more than {MAX_UPLOAD_ROWS:,} rows. "
                    "Split it into smaller files and upload each one."
                )
            rows.append(
                UploadRow(
                    number=reader.line_num,
                    value=cells[0][:MAX_CELL_CHARS],
                    extra=any(cells[1:]),
                )
            )
    except csv.Error:
        raise ValidationError(
            "The selected file could not be read as CSV. Save the email addresses as CSV "
            "UTF-8, one a row, and try again."
        ) from None
    if not rows:
        raise ValidationError("The selected file has no email addresses in it.")
    return rows
