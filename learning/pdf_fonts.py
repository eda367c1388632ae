"""Fonts for the PDFs we make. reportlab's built-in Helvetica covers only Western
European letters, so a name like Łukasz or Siwan Ŵyn would print as black boxes on
a certificate. DejaVu Sans covers nearly every script NHS staff names use; it is
found on most Linux machines. Where it is missing, reportlab's own Bitstream Vera
(which it ships) covers more than Helvetica, and needs nothing installed."""

from pathlib import Path

import reportlab
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

SANS = "LWLN-Sans"
SANS_BOLD = "LWLN-Sans-Bold"

_SYSTEM_DEJAVU = [
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/dejavu"),
    Path("/usr/local/share/fonts/dejavu"),
]
_REPORTLAB_FONTS = Path(reportlab.__file__).parent / "fonts"


def _font_files() -> tuple[Path, Path]:
    for folder in _SYSTEM_DEJAVU:
        regular, bold = folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"
        if regular.is_file() and bold.is_file():
            return regular, bold
    return _REPORTLAB_FONTS / "Vera.ttf", _REPORTLAB_FONTS / "VeraBd.ttf"


def register_fonts() -> None:
    """Idempotent: registering twice is a no-op."""
    if SANS in pdfmetrics.getRegisteredFontNames():
        return
    regular, bold = _font_files()
    pdfmetrics.registerFont(TTFont(SANS, str(regular)))
    pdfmetrics.registerFont(TTFont(SANS_BOLD, str(bold)))
    # So <b> in paragraph markup picks the bold face.
    addMapping(SANS, 0, 0, SANS)
    addMapping(SANS, 1, 0, SANS_BOLD)
    addMapping(SANS, 0, 1, SANS)
    addMapping(SANS, 1, 1, SANS_BOLD)


register_fonts()
