"""Wagtail content as reportlab flowables for the network's PDFs: rich text values
(internal links and embeds expanded) and the NHS.UK StreamField blocks of
`learning.blocks`, each mapped to flowables drawn with `learning.pdf`'s styles.
A block with no mapping of its own prints the text of its rendered HTML.
"""

import logging

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import ListFlowable, ListItem, Paragraph, Spacer, Table, TableStyle
from wagtail.rich_text import expand_db_html

from learning.pdf import (
    BODY,
    BOX_HEADING,
    CARE_CARD_HEADING,
    CELL,
    H3,
    H4,
    NHS_BLUE,
    NHS_GREEN,
    NHS_GREY_BORDER,
    NHS_PALE_YELLOW,
    NHS_RED,
    NHS_YELLOW,
    SMALL,
    bold_cell,
    box,
    data_table,
    escape,
    link,
    para,
)
from learning.pdf_fonts import SANS_BOLD
from learning.pdf_html import html_to_flowables

logger = logging.getLogger(__name__)


def _rich_text_html(value) -> str:
    """A rich text value's HTML with Wagtail's internal links and embeds expanded."""
    source = getattr(value, "source", value)
    source = str(source or "")
    try:
        return expand_db_html(source)
    except Exception:
        logger.exception("Could not expand rich text for a PDF")
        return source


def rich_text(value, style: ParagraphStyle = BODY) -> list:
    return html_to_flowables(_rich_text_html(value), style)


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
    return rich_text(value)


def _render_inset_text(value) -> list:
    return [box(rich_text(value.get("body")), left_bar=NHS_BLUE)]


def _render_warning_callout(value) -> list:
    heading = para(value.get("title") or "Important", BOX_HEADING)
    body = rich_text(value.get("body"))
    return [box([heading, *body], background=NHS_PALE_YELLOW, border=NHS_YELLOW)]


CARE_CARD_KINDS = {
    "primary": ("Non-urgent advice", NHS_BLUE),
    "urgent": ("Urgent advice", NHS_RED),
    "immediate": ("Immediate action required", NHS_RED),
}


def _render_care_card(value) -> list:
    label, colour = CARE_CARD_KINDS.get(value.get("type"), CARE_CARD_KINDS["primary"])
    heading = Paragraph(
        f"{escape(label)}: {escape(value.get('title'))}",
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
    heading = para(value.get("title"), H4)
    return [heading, box(stream_flowables(value.get("body")), left_bar=NHS_GREY_BORDER)]


def _checklist(heading: str, items, mark: str, colour) -> list:
    list_items = [ListItem(rich_text(item) or [para("")]) for item in items or ()]
    if not list_items:
        return [para(heading, H3)]
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
    return [para(heading, H3), checklist]


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
    text = link(f"<b>{escape(value.get('text'))}</b>", url)
    flowables = [Paragraph(f'<font color="#007F3B"><b>\u2192</b></font> {text}', BODY)]
    if url:
        flowables.append(para(url, SMALL))
    return flowables


def _render_image(value) -> list:
    image = value.get("content_image")
    description = value.get("alt_text") or getattr(image, "title", "")
    flowables = []
    if description:
        flowables.append(Paragraph(f"<i>Image: {escape(description)}</i>", BODY))
    if value.get("caption"):
        flowables.append(para(value["caption"], SMALL))
    return flowables


def _render_table(value) -> list:
    header = [cell.get("text") or "" for cell in value.get("head") or ()]
    rows = [
        [cell.get("text") or "" for cell in row.get("cells") or ()]
        for row in value.get("rows") or ()
    ]
    if value.get("first_cell_is_header"):
        rows = [[bold_cell(row[0]), *row[1:]] if row else row for row in rows]
    table = data_table(header if any(header) else None, rows)
    if table is None:
        return []
    caption = [para(value["caption"], H4)] if value.get("caption") else []
    return [*caption, table]


def _render_document(value) -> list:
    if value is None:
        return []
    extension = getattr(value, "file_extension", "") or ""
    suffix = f" ({extension.upper()})" if extension else ""
    return [para(f"Document: {value.title}{suffix}")]


def _render_video(value) -> list:
    url = getattr(value, "url", value)
    if not url:
        return []
    return [Paragraph(f"Video: {link(escape(url), url)}", BODY)]


def _render_feature_card(value) -> list:
    heading = para(value.get("feature_heading"), BOX_HEADING)
    return [box([heading, *rich_text(value.get("body"))], border=NHS_GREY_BORDER)]


def _render_summary_list(value) -> list:
    rows = [
        [bold_cell(row.get("key")), rich_text(row.get("value"), CELL)]
        for row in value.get("rows") or ()
    ]
    table = data_table(None, rows, widths=["35%", "65%"])
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
