"""PDFs of the Reference Guide and of a person's induction record.

Rendered with reportlab's platypus: a pure Python wheel that needs no system
libraries (no Cairo, Pango or headless browser), so `make run` works on a
machine with only Python. The cost is that page content is built from
reportlab flowables rather than from the site's HTML templates: StreamField
blocks are mapped to flowables here, and rich text goes through a small,
forgiving HTML to flowables converter.

Only bytes come out; views decide how to serve them.
"""

import logging
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from html import escape as html_escape
from html.parser import HTMLParser
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
    ListFlowable,
    ListItem,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.tableofcontents import TableOfContents
from wagtail.rich_text import expand_db_html

from learning.pdf_fonts import SANS, SANS_BOLD

logger = logging.getLogger(__name__)

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


def _style(name, **overrides) -> ParagraphStyle:
    base = {
        "fontName": SANS,
        "fontSize": 11,
        "leading": 15,
        "textColor": NHS_TEXT,
        "spaceAfter": 7,
    }
    return ParagraphStyle(name, **(base | overrides))


BODY = _style("body")
SMALL = _style("small", fontSize=9, leading=12, textColor=NHS_SECONDARY_TEXT)
CELL = _style("cell", fontSize=9.5, leading=12.5, spaceAfter=2)
CELL_HEADER = _style("cell-header", fontName=SANS_BOLD, fontSize=9.5, leading=12.5)
NETWORK = _style("network", fontName=SANS_BOLD, fontSize=12, textColor=NHS_BLUE)
TITLE = _style("title", fontName=SANS_BOLD, fontSize=30, leading=36, spaceBefore=40, spaceAfter=18)
LEAD = _style("lead", fontSize=13, leading=18, spaceAfter=10)
H1 = _style(
    "h1",
    fontName=SANS_BOLD,
    fontSize=24,
    leading=29,
    textColor=NHS_BLUE,
    spaceAfter=10,
    keepWithNext=1,
)
H2 = _style(
    "h2",
    fontName=SANS_BOLD,
    fontSize=17,
    leading=22,
    textColor=NHS_BLUE,
    spaceBefore=12,
    spaceAfter=6,
    keepWithNext=1,
)
H3 = _style(
    "h3",
    fontName=SANS_BOLD,
    fontSize=13.5,
    leading=18,
    textColor=NHS_BLUE,
    spaceBefore=8,
    spaceAfter=5,
    keepWithNext=1,
)
H4 = _style("h4", fontName=SANS_BOLD, fontSize=11.5, leading=15, keepWithNext=1)
BOX_HEADING = _style("box-heading", fontName=SANS_BOLD, fontSize=12, leading=16)
CARE_CARD_HEADING = _style(
    "care-card-heading", fontName=SANS_BOLD, fontSize=13, leading=17, textColor=WHITE
)
TOC_ENTRY = _style("toc", fontSize=11.5, leading=16, leftIndent=0, firstLineIndent=0)

HTML_HEADING_STYLES = {"h1": H2, "h2": H2, "h3": H3, "h4": H4, "h5": H4, "h6": H4}


# --- Text helpers -----------------------------------------------------------

# Control characters and lone surrogates cannot be encoded in a PDF string.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def _escape(text) -> str:
    """Plain text made safe for reportlab's Paragraph mini-markup."""
    return html_escape(_UNPRINTABLE.sub("", str(text or "")), quote=False)


def _format_date(value) -> str:
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


def _absolute_url(href) -> str | None:
    """The href if a PDF reader can follow it; relative site paths cannot be."""
    href = (href or "").strip()
    try:
        scheme = urlsplit(href).scheme.lower()
    except ValueError:
        return None
    return href if scheme in ("http", "https", "mailto") else None


def _link(text_markup: str, href) -> str:
    url = _absolute_url(href)
    if url is None:
        return text_markup
    return f'<a href="{html_escape(url)}" color="#005EB8"><u>{text_markup}</u></a>'


def _shorten(text: str, limit: int) -> str:
    text = _UNPRINTABLE.sub("", text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def _para(text, style=BODY) -> Paragraph:
    return Paragraph(_escape(text), style)


# --- HTML to flowables --------------------------------------------------------

_BR = object()


@dataclass
class _Run:
    text: str
    bold: bool
    italic: bool
    href: str | None


@dataclass
class _Frame:
    """An open container while converting: the root, a list, or a list item."""

    kind: str  # "root", "list" or "item"
    ordered: bool = False
    flowables: list = field(default_factory=list)


class _HtmlConverter(HTMLParser):
    """Rich text HTML to flowables, tolerant of whatever editors or imports produce.

    Inline formatting is kept as runs of text with flags rather than as markup,
    so unclosed or misnested tags can never give reportlab unbalanced markup.
    """

    BLOCK_TAGS = frozenset(
        {"p", "div", "blockquote", "section", "article", "header", "footer", "aside", "address"}
        | {"figure", "figcaption", "pre", "hr", "dl", "dt", "dd"}
        | {"table", "thead", "tbody", "tfoot", "tr", "td", "th"}
    )
    SKIPPED_TAGS = frozenset({"script", "style", "template", "head"})

    def __init__(self, style: ParagraphStyle):
        super().__init__(convert_charrefs=True)
        self.base_style = style
        self.style = style
        self.frames = [_Frame("root")]
        self.runs: list = []
        self.bold = self.italic = self.skipping = 0
        self.links: list = []

    # Parser callbacks

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIPPED_TAGS:
            self.skipping += 1
        elif tag in HTML_HEADING_STYLES:
            self._flush()
            self.style = HTML_HEADING_STYLES[tag]
        elif tag in ("ul", "ol"):
            self._flush()
            self.frames.append(_Frame("list", ordered=tag == "ol"))
        elif tag == "li":
            self._flush()
            self._open_item()
        elif tag in self.BLOCK_TAGS:
            self._flush()
        elif tag == "br":
            self.runs.append(_BR)
        elif tag in ("b", "strong"):
            self.bold += 1
        elif tag in ("i", "em"):
            self.italic += 1
        elif tag == "a":
            self.links.append(dict(attrs).get("href"))
        elif tag == "img":
            alt = (dict(attrs).get("alt") or "").strip()
            if alt:
                self.runs.append(_Run(f"[Image: {alt}]", False, True, None))

    def handle_endtag(self, tag):
        if tag in self.SKIPPED_TAGS:
            self.skipping = max(0, self.skipping - 1)
        elif tag in HTML_HEADING_STYLES:
            self._flush()
            self.style = self.base_style
        elif tag in ("ul", "ol"):
            self._flush()
            self._close_through("list")
        elif tag == "li":
            self._flush()
            self._close_through("item")
        elif tag in self.BLOCK_TAGS:
            self._flush()
        elif tag in ("b", "strong"):
            self.bold = max(0, self.bold - 1)
        elif tag in ("i", "em"):
            self.italic = max(0, self.italic - 1)
        elif tag == "a" and self.links:
            self.links.pop()

    def handle_data(self, data):
        if not self.skipping and data:
            href = self.links[-1] if self.links else None
            self.runs.append(_Run(data, self.bold > 0, self.italic > 0, href))

    def flowables(self) -> list:
        self.close()
        self._flush()
        while len(self.frames) > 1:
            self._close_top()
        return self.frames[0].flowables

    # Paragraphs

    def _flush(self):
        markup = _runs_markup(self.runs)
        self.runs = []
        if markup:
            self._container().append(Paragraph(markup, self.style))

    def _container(self) -> list:
        if self.frames[-1].kind == "list":  # text loose inside <ul>: give it an item
            self.frames.append(_Frame("item"))
        return self.frames[-1].flowables

    # Lists

    def _open_item(self):
        if self.frames[-1].kind == "item":  # <li> implicitly closes an open <li>
            self._close_top()
        if self.frames[-1].kind != "list":  # <li> outside a list
            self.frames.append(_Frame("list"))
        self.frames.append(_Frame("item"))

    def _close_through(self, kind: str):
        """Close open frames down to and including the innermost of this kind, if any."""
        if not any(frame.kind == kind for frame in self.frames[1:]):
            return
        while True:
            closed = self._close_top()
            if closed.kind == kind:
                return

    def _close_top(self) -> _Frame:
        frame = self.frames.pop()
        if frame.kind == "item":
            if frame.flowables:
                self.frames[-1].flowables.append(ListItem(frame.flowables))
        elif frame.flowables:
            depth = sum(f.kind == "list" for f in self.frames)
            self._container().append(_list_flowable(frame.flowables, frame.ordered, depth))
        return frame


def _runs_markup(runs: list) -> str:
    """Paragraph markup for runs of text, or "" if they hold no visible text."""
    while runs and runs[0] is _BR:
        runs = runs[1:]
    while runs and runs[-1] is _BR:
        runs = runs[:-1]
    if not any(run is not _BR and run.text.strip() for run in runs):
        return ""
    parts = []
    for run in runs:
        if run is _BR:
            parts.append("<br/>")
            continue
        text = _escape(run.text)
        if run.italic:
            text = f"<i>{text}</i>"
        if run.bold:
            text = f"<b>{text}</b>"
        parts.append(_link(text, run.href) if run.href else text)
    return "".join(parts).strip()


def _list_flowable(items: list, ordered: bool, depth: int) -> ListFlowable:
    bullet = "\u2022" if depth == 0 else "\u2013"
    return ListFlowable(
        items,
        bulletType="1" if ordered else "bullet",
        start=None if ordered else bullet,
        leftIndent=16,
        bulletFontName=SANS,
        bulletFontSize=BODY.fontSize,
        bulletColor=NHS_TEXT,
        spaceAfter=6,
    )


def html_to_flowables(html, style: ParagraphStyle = BODY) -> list:
    """Flowables for an HTML fragment; never raises on odd or broken markup."""
    converter = _HtmlConverter(style)
    converter.feed(str(html or ""))
    return converter.flowables()


def _rich_text_html(value) -> str:
    """A rich text value's HTML with Wagtail's internal links and embeds expanded."""
    source = getattr(value, "source", value)
    source = str(source or "")
    try:
        return expand_db_html(source)
    except Exception:
        logger.exception("Could not expand rich text for a PDF")
        return source


def _rich_text(value, style: ParagraphStyle = BODY) -> list:
    return html_to_flowables(_rich_text_html(value), style)


# --- Boxes and tables ---------------------------------------------------------


def _box(flowables: list, *, background=None, border=None, left_bar=None) -> Table:
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


def _data_table(header: list[str] | None, rows: list[list], widths=None) -> Table | None:
    """A grid of text cells (strings or flowables) with an optional repeated header row."""
    body = [[_cell(value) for value in row] for row in rows]
    data = ([[Paragraph(_escape(text), CELL_HEADER) for text in header]] if header else []) + body
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


def _cell(value):
    if isinstance(value, Flowable | list):
        return value
    return Paragraph(_escape(value), CELL)


# --- StreamField blocks -------------------------------------------------------


def stream_flowables(stream) -> list:
    """Flowables for every block of a StreamField value (or a nested stream)."""
    flowables = []
    for child in stream or ():
        flowables.extend(_block_flowables(child))
    return flowables


def _block_flowables(child) -> list:
    """One block's flowables. A block that cannot be rendered is logged and skipped,
    so one odd block never stops the whole PDF."""
    block_type = getattr(child, "block_type", "")
    render = BLOCK_RENDERERS.get(block_type)
    try:
        return render(child.value) if render else _fallback(child)
    except Exception:
        logger.exception("Could not render a %r block in a PDF", block_type)
        return []


def _fallback(child) -> list:
    """A block with no PDF rendering of its own: the text of its rendered HTML."""
    return html_to_flowables(child.render())


def _render_paragraph(value) -> list:
    return _rich_text(value)


def _render_inset_text(value) -> list:
    return [_box(_rich_text(value.get("body")), left_bar=NHS_BLUE)]


def _render_warning_callout(value) -> list:
    heading = _para(value.get("title") or "Important", BOX_HEADING)
    body = _rich_text(value.get("body"))
    return [_box([heading, *body], background=NHS_PALE_YELLOW, border=NHS_YELLOW)]


CARE_CARD_KINDS = {
    "primary": ("Non-urgent advice", NHS_BLUE),
    "urgent": ("Urgent advice", NHS_RED),
    "immediate": ("Immediate action required", NHS_RED),
}


def _render_care_card(value) -> list:
    label, colour = CARE_CARD_KINDS.get(value.get("type"), CARE_CARD_KINDS["primary"])
    heading = Paragraph(
        f"{_escape(label)}: {_escape(value.get('title'))}",
        CARE_CARD_HEADING,
    )
    body = stream_flowables(value.get("body")) or [Spacer(0, 0)]
    table = Table(
        [[heading], [body]],
        colWidths=["100%"],
        style=TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), colour),
                ("BOX", (0, 0), (-1, -1), 1, colour),
                ("LEFTPADDING", (0, 0), (-1, -1), 12),
                ("RIGHTPADDING", (0, 0), (-1, -1), 12),
                ("TOPPADDING", (0, 0), (-1, -1), 8),
                ("BOTTOMPADDING", (0, 0), (-1, 0), 8),
            ]
        ),
        splitInRow=1,
        spaceBefore=4,
        spaceAfter=12,
    )
    return [table]


def _render_details(value) -> list:
    heading = _para(value.get("title"), H4)
    return [heading, _box(stream_flowables(value.get("body")), left_bar=NHS_GREY_BORDER)]


def _checklist(heading: str, items, mark: str, colour) -> list:
    list_items = [ListItem(_rich_text(item) or [_para("")]) for item in items or ()]
    if not list_items:
        return [_para(heading, H3)]
    checklist = ListFlowable(
        list_items,
        bulletType="bullet",
        start=mark,
        leftIndent=18,
        bulletFontName=SANS_BOLD,
        bulletFontSize=12,
        bulletColor=colour,
        spaceAfter=10,
    )
    return [_para(heading, H3), checklist]


def _render_do_list(value) -> list:
    return _checklist(value.get("label") or "Do", value.get("do"), "\u2713", NHS_GREEN)


def _render_dont_list(value) -> list:
    return _checklist(value.get("label") or "Do not", value.get("dont"), "\u2717", NHS_RED)


def _action_link_url(value) -> str:
    if value.get("external_url"):
        return value["external_url"]
    page = value.get("internal_page")
    if page is None:
        return ""
    try:
        return page.specific.full_url or page.url or ""
    except Exception:
        logger.exception("Could not find the address of an action link's page")
        return ""


def _render_action_link(value) -> list:
    url = _action_link_url(value)
    text = _link(f"<b>{_escape(value.get('text'))}</b>", url)
    flowables = [Paragraph(f'<font color="#007F3B"><b>\u2192</b></font> {text}', BODY)]
    if url:
        flowables.append(_para(url, SMALL))
    return flowables


def _render_image(value) -> list:
    image = value.get("content_image")
    description = value.get("alt_text") or getattr(image, "title", "")
    flowables = []
    if description:
        flowables.append(Paragraph(f"<i>Image: {_escape(description)}</i>", BODY))
    if value.get("caption"):
        flowables.append(_para(value["caption"], SMALL))
    return flowables


def _render_table(value) -> list:
    header = [cell.get("text") or "" for cell in value.get("head") or ()]
    rows = [
        [cell.get("text") or "" for cell in row.get("cells") or ()]
        for row in value.get("rows") or ()
    ]
    if value.get("first_cell_is_header"):
        rows = [[_bold_cell(row[0]), *row[1:]] if row else row for row in rows]
    table = _data_table(header if any(header) else None, rows)
    if table is None:
        return []
    caption = [_para(value["caption"], H4)] if value.get("caption") else []
    return [*caption, table]


def _bold_cell(text) -> Paragraph:
    return Paragraph(_escape(text), CELL_HEADER)


def _render_document(value) -> list:
    if value is None:
        return []
    extension = getattr(value, "file_extension", "") or ""
    suffix = f" ({extension.upper()})" if extension else ""
    return [_para(f"Document: {value.title}{suffix}")]


def _render_video(value) -> list:
    url = getattr(value, "url", value)
    if not url:
        return []
    return [Paragraph(f"Video: {_link(_escape(url), url)}", BODY)]


def _render_feature_card(value) -> list:
    heading = _para(value.get("feature_heading"), BOX_HEADING)
    return [_box([heading, *_rich_text(value.get("body"))], border=NHS_GREY_BORDER)]


def _render_summary_list(value) -> list:
    rows = [
        [_bold_cell(row.get("key")), _rich_text(row.get("value"), CELL)]
        for row in value.get("rows") or ()
    ]
    table = _data_table(None, rows, widths=["35%", "65%"])
    return [table] if table else []


BLOCK_RENDERERS = {
    "paragraph": _render_paragraph,
    "richtext": _render_paragraph,
    "inset_text": _render_inset_text,
    "warning_callout": _render_warning_callout,
    "care_card": _render_care_card,
    "details": _render_details,
    "expander": _render_details,
    "do_list": _render_do_list,
    "dont_list": _render_dont_list,
    "action_link": _render_action_link,
    "image": _render_image,
    "table": _render_table,
    "document": _render_document,
    "video": _render_video,
    "feature_card": _render_feature_card,
    "summary_list": _render_summary_list,
}


# --- Document ------------------------------------------------------------------


class _PageCount(Flowable):
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


class _OutlineHeading(Paragraph):
    """A chapter heading: a table of contents entry and a PDF bookmark."""

    def __init__(self, text: str, key: str, style: ParagraphStyle):
        super().__init__(_escape(text), style)
        self.outline_title = text
        self.outline_key = key


class _Document(BaseDocTemplate):
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
        self.page_count = _PageCount()
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body")
        self.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=self._footer)])

    def afterFlowable(self, flowable):
        if isinstance(flowable, _OutlineHeading):
            key = flowable.outline_key
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(flowable.outline_title, key, level=0, closed=False)
            self.canv.showOutline()  # readers open with the bookmarks panel
            self.notify("TOCEntry", (0, _escape(flowable.outline_title), self.page, key))

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
        canvas.drawString(self.leftMargin, FOOTER_Y, _shorten(self.footer_text, 90))
        canvas.drawRightString(self.leftMargin + self.width, FOOTER_Y, number)
        canvas.restoreState()

    def render(self, story: list) -> bytes:
        self.multiBuild([*story, self.page_count])
        return self.buffer.getvalue()


def _render(story: list, *, footer_text: str, **metadata) -> bytes:
    return _Document(BytesIO(), footer_text=footer_text, **metadata).render(story)


# --- The Reference Guide --------------------------------------------------------


def reference_guide_pdf(*, guide, chapters) -> bytes:
    """The whole Reference Guide: a title page, contents, then each chapter on new pages."""
    story = [
        *_guide_title_page(guide),
        PageBreak(),
        *_contents(),
    ]
    for number, chapter in enumerate(chapters, start=1):
        story += [PageBreak(), *_chapter(chapter, key=f"chapter-{number}")]
    return _render(
        story,
        footer_text=f"{guide.title} \u00b7 {NETWORK_NAME}",
        title=guide.title,
        subject=f"{guide.title}, from the {NETWORK_NAME}",
    )


def _guide_title_page(guide) -> list:
    return [
        _para(NETWORK_NAME, NETWORK),
        _para(guide.title, TITLE),
        *_rich_text(guide.intro, LEAD),
        Spacer(0, 12),
        _para(f"Generated on {_format_date(timezone.localdate())}.", SMALL),
    ]


def _contents() -> list:
    toc = TableOfContents(dotsMinLevel=0)
    toc.levelStyles = [TOC_ENTRY]
    return [_para("Contents", H1), toc]


def _chapter(chapter, *, key: str) -> list:
    flowables = [_OutlineHeading(chapter.title, key, H1)]
    if chapter.summary:
        flowables.append(_para(chapter.summary, LEAD))
    flowables.append(_para(_review_dates(chapter), SMALL))
    flowables.append(Spacer(0, 6))
    flowables += stream_flowables(chapter.body)
    return flowables


def _review_dates(page) -> str:
    parts = []
    if page.last_reviewed:
        parts.append(f"Page last reviewed: {_format_date(page.last_reviewed)}.")
    if page.next_review_due:
        parts.append(f"Next review due: {_format_date(page.next_review_due)}.")
    return " ".join(parts)


# --- The induction record -------------------------------------------------------

RECORD_COLUMNS = ["Step", "Type", "Status", "Completed on", "Signed off by"]
RECORD_WIDTHS = ["32%", "14%", "17%", "16%", "21%"]


def induction_record_pdf(*, user, pack, task_list, generated_at) -> bytes:
    """A person's record of their induction: who they are, how far they are, each step."""
    generated = _format_date(generated_at)
    story = [
        _para(NETWORK_NAME, NETWORK),
        _para("Induction record", H1),
        _para(pack.title, LEAD),
        *_person_details(user),
        _para(_completion_statement(task_list), H4),
        _para(f"Generated on {generated}.", SMALL),
    ]
    for task_section in task_list.sections:
        story += _record_section(task_section)
    name = user.full_name or user.email
    return _render(
        story,
        footer_text=f"Generated by {NETWORK_NAME} on {generated}",
        title=f"Induction record: {name}",
        subject=pack.title,
    )


def _person_details(user) -> list:
    rows = [["Name", user.full_name], ["Email", user.email]]
    pcn = getattr(user, "pcn", None)
    if pcn is not None:
        rows.append(["Primary care network", pcn.name])
        ccg = getattr(pcn, "ccg", None)
        if ccg is not None:
            rows.append(["CCG", ccg.name])
            if getattr(ccg, "region", None) is not None:
                rows.append(["Region", ccg.region.name])
    rows = [[_bold_cell(label), value] for label, value in rows if value]
    table = _data_table(None, rows, widths=["30%", "70%"])
    return [table] if table else []


def _completion_statement(task_list) -> str:
    total, done = task_list.required_total, task_list.required_done
    if total == 0:
        return "This induction has no required steps."
    noun = "step" if total == 1 else "steps"
    if task_list.is_complete:
        return f"Completed all {total} required {noun}"
    return f"Completed {done} of {total} required {noun}"


def _record_section(task_section) -> list:
    heading = _para(task_section.section.title, H2)
    if not task_section.items:
        return [heading, _para("There are no steps in this section.")]
    rows = [_record_row(item) for item in task_section.items]
    return [heading, _data_table(RECORD_COLUMNS, rows, widths=RECORD_WIDTHS)]


def _record_row(item) -> list[str]:
    step = item.step
    title = step.title if step.required else f"{step.title} (optional)"
    return [
        title,
        step.get_kind_display(),
        item.status_label,
        _format_date(item.completed_at),
        item.signed_off_by or "",
    ]
