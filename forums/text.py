"""What a reader would see of a title or post: whether it shows anything at all, and
its plain text.

A title of zero-width spaces, bidi marks or Hangul fillers passes a "required"
check yet shows as a blank line, so forms and services ask `has_visible_text`."""

import html
import unicodedata

import nh3

# Format characters (zero-width space and joiners, word joiner, BOM, soft hyphen, bidi
# marks, tag characters), every kind of space and line separator, control
# characters, and combining marks, which draw nothing without a letter before them.
_INVISIBLE_CATEGORIES = frozenset({"Cf", "Zs", "Zl", "Zp", "Cc", "Mn", "Me"})
# Letters and symbols fonts draw blank: the Hangul fillers (choseong, jungseong,
# compatibility, halfwidth) and the empty Braille pattern, all used to fake a name.
_BLANK_FILLERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")

# Shown by the forms, and by forums.services for what reaches it without a form
# (replies over the WebSocket) or shows nothing once rendered (`**\u200b**`).
INVISIBLE_TITLE = "Write a title: this one has no visible characters."
INVISIBLE_BODY = "Write your message: it has no visible characters."


def has_visible_text(text: str) -> bool:
    """True if at least one character of `text` draws something."""
    return any(
        ch not in _BLANK_FILLERS and unicodedata.category(ch) not in _INVISIBLE_CATEGORIES
        for ch in text
    )


def html_to_text(body_html: str) -> str:
    """The text a reader sees in sanitised HTML (tags dropped, entities read)."""
    return html.unescape(nh3.clean(body_html, tags=set()))
