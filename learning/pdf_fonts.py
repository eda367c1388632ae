"""Fonts for the PDFs we make. reportlab's built-in Helvetica covers only Western
European letters, so a name like Łukasz or Siwan Ŵyn would print as black boxes on
a certificate, and reportlab's own Bitstream Vera lacks Welsh ŵ and ŷ. So the
network ships DejaVu Sans (learning/fonts/, under its own free licence: see
LICENSE-DejaVu.txt), which covers Welsh, every other Latin alphabet, Greek and
Cyrillic, and PDFs print the same on every machine, whatever fonts it has."""

from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

SANS = "LWLN-Sans"
SANS_BOLD = "LWLN-Sans-Bold"

FONTS = Path(__file__).parent / "fonts"
REGULAR = FONTS / "DejaVuSans.ttf"
BOLD = FONTS / "DejaVuSans-Bold.ttf"


def register_fonts() -> None:
    """Idempotent: registering twice is a no-op."""
    if SANS in pdfmetrics.getRegisteredFontNames():
        return
    pdfmetrics.registerFont(TTFont(SANS, str(REGULAR)))
    pdfmetrics.registerFont(TTFont(SANS_BOLD, str(BOLD)))
    # So <b> in paragraph markup picks the bold face.
    addMapping(SANS, 0, 0, SANS)
    addMapping(SANS, 1, 0, SANS_BOLD)
    addMapping(SANS, 0, 1, SANS)
    addMapping(SANS, 1, 1, SANS_BOLD)


register_fonts()
