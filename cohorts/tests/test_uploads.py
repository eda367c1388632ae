"""Reading an uploaded CSV of email addresses: what counts as a row, and which files
are refused whole."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from ..uploads import MAX_UPLOAD_BYTES, MAX_UPLOAD_ROWS, UploadRow, read_email_rows


def read(content: bytes) -> list[UploadRow]:
    return read_email_rows(SimpleUploadedFile("members.csv", content, content_type="text/csv"))


def test_rows_keep_their_line_numbers_past_blank_lines_and_the_header():
    assert read(b'\xef\xbb\xbfE-mail\n\n ada@nhs.net \n\n\n"ben@nhs.net"\n') == [
        UploadRow(number=3, value="ada@nhs.net"),
        UploadRow(number=6, value="ben@nhs.net"),
    ]


@pytest.mark.parametrize("header", [b"email", b"EMAIL", b"Email address", b"Work email"])
def test_a_header_row_is_skipped_only_at_the_top(header):
    rows = read(header + b"\nada@nhs.net\n" + header + b"\n")
    assert [row.value for row in rows] == ["ada@nhs.net", header.decode()]


def test_a_second_column_is_marked_for_the_row_to_be_reported():
    [row] = read(b"ada@nhs.net,Ada Lovelace\n")
    assert row == UploadRow(number=1, value="ada@nhs.net", extra=True)
    [row] = read(b"ada@nhs.net,,\n")  # empty cells from a spreadsheet are not a second column
    assert not row.extra


def test_the_limits_are_inclusive():
    assert len(read(b"email\n" + b"a@nhs.net\n" * MAX_UPLOAD_ROWS)) == MAX_UPLOAD_ROWS
    with pytest.raises(ValidationError, match="more than 2,000 rows"):
        read(b"a@nhs.net\n" * (MAX_UPLOAD_ROWS + 1))
    padding = b"a@nhs.net\n" + b"\n" * (MAX_UPLOAD_BYTES - 10)
    assert len(padding) == MAX_UPLOAD_BYTES and len(read(padding)) == 1
    with pytest.raises(ValidationError, match="smaller than 1 MB"):
        read(padding + b"\n")


def test_a_very_long_value_is_cut_for_the_report():
    [row] = read(b"x" * 5000 + b"\n")
    assert len(row.value) == 320


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty"),
        (b"\n\n \n", "has no email addresses"),
        (b"ada@nhs.net\n\xff\xfe\n", "not saved as UTF-8"),
        ("ada@nhs.net\n".encode("utf-16"), "is not a CSV file"),
        (b'"' + b"x" * 200_000 + b'"\n', "could not be read as CSV"),
    ],
    ids=["empty", "blank", "bad-bytes", "utf-16", "huge-field"],
)
def test_files_refused_whole(content, message):
    with pytest.raises(ValidationError, match=message):
        read(content)
