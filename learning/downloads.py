"""Files people download: CSV exports and PDFs, private to whoever asked for them."""

import csv
from collections.abc import Iterable

from django.http import HttpResponse, StreamingHttpResponse

# Excel reads a CSV as UTF-8 only when it starts with a byte order mark; without it,
# names like Siân or Zoë arrive garbled in the spreadsheet a coordinator opens.
BOM = "\ufeff"


def csv_cell(value) -> str:
    """Spreadsheet programs run cells that start like a formula; a quote stops that."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


class _Echo:
    """A file for csv.writer that hands each line back instead of storing it."""

    def write(self, value):
        return value


def csv_download(rows: Iterable[Iterable], *, filename: str) -> StreamingHttpResponse:
    """Stream `rows` (the header first) as a CSV attachment, every cell defused.
    Rows are written as they are read, so a large export never sits in memory."""
    writer = csv.writer(_Echo())

    def lines():
        yield BOM
        for row in rows:
            yield writer.writerow(csv_cell(value) for value in row)

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def pdf_download(data: bytes, *, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
