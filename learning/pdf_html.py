"""HTML (rich text, or a block's rendered HTML) as reportlab flowables for the
network's PDFs: a small converter that tolerates whatever editors or imports
produce, drawn with `learning.pdf`'s styles.
"""

from dataclasses import dataclass, field
from html.parser import HTMLParser

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import ListFlowable, ListItem, Paragraph

from learning.pdf import BODY, H2, H3, H4, NHS_TEXT, escape, link
from learning.pdf_fonts import SANS

HTML_HEADING_STYLES = {"h1": H2, "h2": H2, "h3": H3, "h4": H4, "h5": H4, "h6": H4}


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
        text = escape(run.text)
        if run.italic:
            text = f"<i>{text}</i>"
        if run.bold:
            text = f"<b>{text}</b>"
        parts.append(link(text, run.href) if run.href else text)
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
