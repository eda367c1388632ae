"""PDFs print Welsh names (ŵ, ŷ) and other alphabets' letters as letters, not boxes,
on every machine: the font is shipped with the code, not looked for on the system."""

import io
from decimal import Decimal

import pytest
from pypdf import PdfReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFontFile

from courses.certificates import certificate_pdf
from courses.models import Certificate
from learning import pdf_fonts

# Welsh (with the circumflexed w and y, and the grave, acute and diaeresis on w and y),
# Polish, Czech, Romanian, Turkish, Irish, Greek and Cyrillic names.
NAMES = "Siwan Ŵyn Ŷw ŵ ŷ ẁ ẃ ẅ ỳ ý ÿ Llŷr Gwenllïan Łukasz Dvořák Ștefan Işıl Ó Súilleabháin Σοφία Анна"  # noqa: RUF001


@pytest.mark.parametrize("path", [pdf_fonts.REGULAR, pdf_fonts.BOLD])
def test_the_shipped_font_has_a_glyph_for_every_letter(path):
    assert path.is_file(), "the font ships with the code"
    glyphs = TTFontFile(str(path)).charToGlyph
    missing = sorted({c for c in NAMES if not c.isspace() and ord(c) not in glyphs})
    assert not missing, f"{path.name} lacks {missing}"


def test_the_registered_faces_are_the_shipped_ones():
    for name, path in ((pdf_fonts.SANS, pdf_fonts.REGULAR), (pdf_fonts.SANS_BOLD, pdf_fonts.BOLD)):
        face = pdfmetrics.getFont(name).face
        assert face.filename == str(path)
        assert all(ord(c) in face.charToGlyph for c in "ŵŷŴŶ")


@pytest.mark.django_db
def test_a_certificate_prints_a_welsh_name(north_west):
    from django.utils import timezone

    certificate = Certificate(
        code="ABCDEFGHJKMNPQRSTVWX",
        holder_name="Siwan Ŵyn ap Llŷr",
        course_title="Gweithio gyda’r sector gwirfoddol: ŵyr ac ŷd",  # noqa: RUF001
        cpd_hours=Decimal("1.5"),
        accrediting_body="Personalised Care Institute",
        issued_at=timezone.now(),
    )

    data = certificate_pdf(certificate)

    reader = PdfReader(io.BytesIO(data))
    text = " ".join(reader.pages[0].extract_text().split())
    assert "Siwan Ŵyn ap Llŷr" in text
    assert "ŵyr ac ŷd" in text
    # Every piece of text is set in DejaVu (reportlab's default Helvetica sets none).
    used = set()

    def visit(piece, cm, tm, font, size):
        if piece.strip() and font is not None:
            used.add(str(font["/BaseFont"]))

    reader.pages[0].extract_text(visitor_text=visit)
    assert used and all("DejaVuSans" in name for name in used), used
