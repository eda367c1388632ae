"""The network's PDF drawing, shared by every app that makes a PDF (the Reference
Guide and induction records in `induction.pdf`, certificates in
`courses.certificates`), so every PDF looks alike: NHS.UK colours and text
styles in the embedded font (`learning.pdf_fonts`), text helpers, boxes and
tables, and an A4 document with a page-numbered footer and bookmarked,
contents-listed headings.

Rendered with reportlab's platypus: a pure Python wheel that needs no system
libraries (no Cairo, Pango or headless browser), so `make run` works on a
machine with only Python. Wagtail content (rich text, StreamField blocks) is
turned into flowables by `learning.pdf_content`. Only bytes come out; views
decide how to serve them.
"""

import re
from datetime import date, datetime
from html import escape as html_escape
from io import BytesIO
from urllib.parse import urlsplit

from django.utils import dateformat, timezone
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from learning.pdf_fonts import SANS, SANS_BOLD

NETWORK_NAME = "Link Worker Learning Network"

# NHS.UK frontend colours.
NHS_BLUE = colors.HexColor("#005EB8")
NHS_TEXT = colors.HexColor("#212B32")
NHS_SECONDARY_TEXT = colors.HexColor("#4C6272")
NHS_GREY_BORDER = colors.HexColor("#D8DDE0")
NHS_GREY_BACKGROUND = colors.HexColor("#F0F4F5")
NHS_GREEN = colors.HexColor("#007F3B")
NHS_RED = colors.HexColor("#D5281B")
NHS_YELLOW = colors.HexColor("#FFEB3B")
NHS_PALE_YELLOW = colors.HexColor("#FFF9C4")
WHITE = colors.white

MARGIN = 22 * mm
FOOTER_Y = 12 * mm


# --- Styles -----------------------------------------------------------------


def style(name, **overrides) -> ParagraphStyle:
    base = {
        "fontName": SANS,
        "fontSize": 11,
        "leading": 15,
        "textColor": NHS_TEXT,
        "spaceAfter": 7,
    }
    return ParagraphStyle(name, **(base | overrides))


BODY = style("body")
SMALL = style("small", fontSize=9, leading=12, textColor=NHS_SECONDARY_TEXT)
CELL = style("cell", fontSize=9.5, leading=12.5, spaceAfter=2)
CELL_HEADER = style("cell-header", fontName=SANS_BOLD, fontSize=9.5, leading=12.5)
NETWORK = style("network", fontName=SANS_BOLD, fontSize=12, textColor=NHS_BLUE)
TITLE = style("title", fontName=SANS_BOLD, fontSize=30, leading=36, spaceBefore=40, spaceAfter=18)
LEAD = style("lead", fontSize=13, leading=18, spaceAfter=10)
H1 = style(
    "h1",
    fontName=SANS_BOLD,
    fontSize=24,
    leading=29,
    textColor=NHS_BLUE,
    spaceAfter=10,
    keepWithNext=1,
)
H2 = style(
    "h2",
    fontName=SANS_BOLD,
    fontSize=17,
    leading=22,
    textColor=NHS_BLUE,
    spaceBefore=12,
    spaceAfter=6,
    keepWithNext=1,
)
H3 = style(
    "h3",
    fontName=SANS_BOLD,
    fontSize=13.5,
    leading=18,
    textColor=NHS_BLUE,
    spaceBefore=8,
    spaceAfter=5,
    keepWithNext=1,
)
H4 = style("h4", fontName=SANS_BOLD, fontSize=11.5, leading=15, keepWithNext=1)
BOX_HEADING = style("box-heading", fontName=SANS_BOLD, fontSize=12, leading=16)
CARE_CARD_HEADING = style(
    "care-card-heading", fontName=SANS_BOLD, fontSize=13, leading=17, textColor=WHITE
)
TOC_ENTRY = style("toc", fontSize=11.5, leading=16, leftIndent=0, firstLineIndent=0)


# --- Text helpers -----------------------------------------------------------

# Control characters and lone surrogates cannot be encoded in a PDF string.
UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def escape(text) -> str:
    """Plain text made safe for reportlab's Paragraph mini-markup."""
    return html_escape(UNPRINTABLE.sub("", str(text or "")), quote=False)


def format_date(value) -> str:
    """3 March 2026, in the site's time zone for datetimes."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        value = value.date()
    if not isinstance(value, date):
        return str(value)
    return dateformat.format(value, "j F Y")


def absolute_url(href) -> str | None:
    """The href if a PDF reader can follow it; relative site paths cannot be."""
    href = (href or "").strip()
    try:
        scheme = urlsplit(href).scheme.lower()
    except ValueError:
        return None
    return href if scheme in ("http", "https", "mailto") else None


def link(text_markup: str, href) -> str:
    url = absolute_url(href)
    if url is None:
        return text_markup
    return f'<a href="{html_escape(url)}" color="#005EB8"><u>{text_markup}</u></a>'


def shorten(text: str, limit: int) -> str:
    text = UNPRINTABLE.sub("", text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def para(text, style=BODY) -> Paragraph:
    return Paragraph(escape(text), style)


# --- Boxes and tables ---------------------------------------------------------


def box(flowables: list, *, background=None, border=None, left_bar=None) -> Table:
    """Flowables in a full-width box; splits across pages however long the content."""
    commands = [
        ("LEFTPADDING", (0, 0), (-1, -1), 12),
        ("RIGHTPADDING", (0, 0), (-1, -1), 12),
        ("TOPPADDING", (0, 0), (-1, -1), 8),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]
    if background is not None:
        commands.append(("BACKGROUND", (0, 0), (-1, -1), background))
    if border is not None:
        commands.append(("BOX", (0, 0), (-1, -1), 1, border))
    if left_bar is not None:
        commands.append(("LINEBEFORE", (0, 0), (0, -1), 5, left_bar))
    return Table(
        [[flowables or [Spacer(0, 0)]]],
        colWidths=["100%"],
        style=TableStyle(commands),
        splitInRow=1,
        spaceBefore=4,
        spaceAfter=10,
    )


def data_table(header: list[str] | None, rows: list[list], widths=None) -> Table | None:
    """A grid of text cells (strings or flowables) with an optional repeated header row."""
    body = [[cell(value) for value in row] for row in rows]
    data = ([[Paragraph(escape(text), CELL_HEADER) for text in header]] if header else []) + body
    if not data:
        return None
    columns = max(len(row) for row in data)
    if columns == 0:
        return None
    data = [row + [""] * (columns - len(row)) for row in data]
    widths = widths or [f"{100 / columns:.4f}%"] * columns
    commands = [
        ("GRID", (0, 0), (-1, -1), 0.5, NHS_GREY_BORDER),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 5),
    ]
    if header:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), NHS_GREY_BACKGROUND))
    return Table(
        data,
        colWidths=widths,
        style=TableStyle(commands),
        repeatRows=1 if header else 0,
        splitInRow=1,
        hAlign="LEFT",
        spaceBefore=4,
        spaceAfter=12,
    )


def cell(value):
    if isinstance(value, Flowable | list):
        return value
    return Paragraph(escape(value), CELL)


def bold_cell(text) -> Paragraph:
    return Paragraph(escape(text), CELL_HEADER)


# --- Document ------------------------------------------------------------------


class PageCount(Flowable):
    """Placed last: records the page count so the next pass can print "Page 3 of 20".

    multiBuild repeats passes until this and the table of contents are stable.
    """

    def __init__(self):
        super().__init__()
        self.previous = self.current = None

    def isIndexing(self):
        return 1

    def isSatisfied(self):
        return self.previous is not None and self.previous == self.current

    def beforeBuild(self):
        self.previous = self.current

    def afterBuild(self):
        pass

    def notify(self, kind, stuff):
        pass  # the table of contents' entries are not for this flowable

    def wrap(self, available_width, available_height):
        return 0, 0

    def draw(self):
        self.current = self.canv.getPageNumber()


class OutlineHeading(Paragraph):
    """A chapter heading: a table of contents entry and a PDF bookmark."""

    def __init__(self, text: str, key: str, style: ParagraphStyle):
        super().__init__(escape(text), style)
        self.outline_title = text
        self.outline_key = key


class Document(BaseDocTemplate):
    def __init__(self, buffer, *, footer_text: str, **metadata):
        super().__init__(
            buffer,
            pagesize=A4,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN,
            bottomMargin=MARGIN,
            author=NETWORK_NAME,
            creator=NETWORK_NAME,
            lang="en-GB",
            displayDocTitle=True,
            **metadata,
        )
        self.buffer = buffer
        self.footer_text = footer_text
        self.page_count = PageCount()
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body")
        self.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=self._footer)])

    def afterFlowable(self, flowable):
        if isinstance(flowable, OutlineHeading):
            key = flowable.outline_key
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(flowable.outline_title, key, level=0, closed=False)
            self.canv.showOutline()  # readers open with the bookmarks panel
            self.notify("TOCEntry", (0, escape(flowable.outline_title), self.page, key))

    def _footer(self, canvas, doc):
        total = self.page_count.previous
        number = f"Page {doc.page} of {total}" if total else f"Page {doc.page}"
        top = FOOTER_Y + 4 * mm
        canvas.saveState()
        canvas.setStrokeColor(NHS_GREY_BORDER)
        canvas.setLineWidth(0.5)
        canvas.line(self.leftMargin, top, self.leftMargin + self.width, top)
        canvas.setFont(SANS, 8.5)
        canvas.setFillColor(NHS_SECONDARY_TEXT)
        canvas.drawString(self.leftMargin, FOOTER_Y, shorten(self.footer_text, 90))
        canvas.drawRightString(self.leftMargin + self.width, FOOTER_Y, number)
        canvas.restoreState()

    def render(self, story: list) -> bytes:
        self.multiBuild([*story, self.page_count])
        return self.buffer.getvalue()


def render(story: list, *, footer_text: str, **metadata) -> bytes:
    return Document(BytesIO(), footer_text=footer_text, **metadata).render(story)
