"""A certificate as a one-page A4 landscape PDF.

Built with reportlab and the network's shared colours, text styles and helpers
(`learning.pdf`), so every PDF from the network looks alike. Only bytes come out;
the view decides who may have them.
"""

from io import BytesIO

from django.conf import settings
from django.urls import reverse
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    KeepInFrame,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from learning.pdf import (
    NETWORK_NAME,
    NHS_BLUE,
    NHS_GREY_BORDER,
    escape,
    format_date,
    link,
    style,
)
from learning.pdf_fonts import SANS_BOLD

PAGE = landscape(A4)
BORDER = 10 * mm
MARGIN = 24 * mm

NETWORK = style(
    "cert-network", fontName=SANS_BOLD, fontSize=14, textColor=NHS_BLUE, alignment=TA_CENTER
)
HEADING = style(
    "cert-heading",
    fontName=SANS_BOLD,
    fontSize=32,
    leading=38,
    alignment=TA_CENTER,
    spaceBefore=10,
    spaceAfter=16,
)
STATEMENT = style("cert-statement", fontSize=13, leading=18, alignment=TA_CENTER)
HOLDER = style("cert-holder", fontName=SANS_BOLD, fontSize=26, leading=31, alignment=TA_CENTER)
MODULE = style(
    "cert-module",
    fontName=SANS_BOLD,
    fontSize=19,
    leading=24,
    textColor=NHS_BLUE,
    alignment=TA_CENTER,
    spaceAfter=14,
)
DETAIL = style("cert-detail", fontSize=12, leading=17, alignment=TA_CENTER, spaceAfter=3)
CHECK = style("cert-check", fontSize=10, leading=14, alignment=TA_CENTER, spaceAfter=2)


def verification_url(certificate) -> str:
    """The public page that confirms the certificate, on the national hub (it is
    the one address that does not depend on which region the holder is in)."""
    return settings.HUB_URL + reverse("courses:verify", args=[certificate.display_code])


def format_hours(hours) -> str:
    """2.5 → "2.5", 3.0 → "3": no trailing zeros, and no exponent for 10."""
    text = f"{hours:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def _hours_text(hours) -> str:
    text = format_hours(hours)
    return f"{text} CPD hour{'' if text == '1' else 's'}"


def _story(certificate, url: str) -> list:
    completed = format_date(certificate.issued_at)
    return [
        Paragraph(escape(NETWORK_NAME), NETWORK),
        Paragraph("Certificate of completion", HEADING),
        Paragraph("This is to certify that", STATEMENT),
        Spacer(0, 4),
        Paragraph(escape(certificate.holder_name), HOLDER),
        Spacer(0, 8),
        Paragraph("has completed the accredited module", STATEMENT),
        Spacer(0, 2),
        Paragraph(escape(certificate.course_title), MODULE),
        Paragraph(f"<b>{escape(_hours_text(certificate.cpd_hours))}</b>", DETAIL),
        Paragraph(f"Accredited by {escape(certificate.accrediting_body)}", DETAIL),
        Paragraph(f"Completed on {escape(completed)}", DETAIL),
        Spacer(0, 18),
        Paragraph(f"Certificate code: <b>{escape(certificate.display_code)}</b>", CHECK),
        Paragraph(f"Check this certificate at {link(escape(url), url)}", CHECK),
    ]


def _border(canvas, doc):
    """A double rule round the page, in NHS blue and grey."""
    width, height = PAGE
    canvas.saveState()
    canvas.setStrokeColor(NHS_BLUE)
    canvas.setLineWidth(3)
    canvas.rect(BORDER, BORDER, width - 2 * BORDER, height - 2 * BORDER)
    canvas.setStrokeColor(NHS_GREY_BORDER)
    canvas.setLineWidth(1)
    inset = BORDER + 3 * mm
    canvas.rect(inset, inset, width - 2 * inset, height - 2 * inset)
    canvas.restoreState()


def certificate_pdf(certificate) -> bytes:
    """The certificate, on one page however long the name or the module's title."""
    buffer = BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=PAGE,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=f"Certificate: {certificate.course_title}",
        subject=f"{certificate.course_title}, completed by {certificate.holder_name}",
        author=NETWORK_NAME,
        creator=NETWORK_NAME,
        lang="en-GB",
        displayDocTitle=True,
    )
    frame = Frame(
        doc.leftMargin,
        doc.bottomMargin,
        doc.width,
        doc.height,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="certificate",
    )
    doc.addPageTemplates([PageTemplate(id="certificate", frames=[frame], onPage=_border)])
    # One cell the size of the frame centres the text on the page; inside it the
    # text shrinks rather than spill onto a second page when it is very long.
    content = KeepInFrame(
        doc.width, doc.height, _story(certificate, verification_url(certificate)), mode="shrink"
    )
    page = Table(
        [[content]],
        colWidths=[doc.width],
        rowHeights=[doc.height],
        style=TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        ),
    )
    story = [page]
    doc.build(story)
    return buffer.getvalue()
