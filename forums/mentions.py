"""@mentions: `@jane.smith` names the member whose work email is jane.smith@….

Handles are read from a post's rendered HTML rather than its raw Markdown, so
Markdown decides once what is code: text inside <code> or <pre> (code spans,
fenced and indented blocks) never mentions anyone. An email address (`x@y.z`)
is not a mention either, because a handle must not follow a letter or digit,
and must not be followed by another `@`. Handles are resolved to people in
forums.notifications, in the same query that finds a post's followers."""

import re
from html.parser import HTMLParser

from django.db.models import CharField, F, Func, Value
from django.db.models.functions import Lower

# One post cannot page a whole region: beyond this, further handles are ignored.
MAX_MENTIONS = 20

# Characters a work email's local part uses in practice (o'brien@ is real in the NHS).
_HANDLE_CHARS = r"A-Za-z0-9._%+'-"
_MENTION = re.compile(rf"(?<![{_HANDLE_CHARS}@/])@([{_HANDLE_CHARS}]+)(@?)")
# A sentence can end straight after a handle: "thanks @jane.smith."
_TRAILING = ".'-+%"
# ...or a possessive: "@jane.smith's notes" mentions jane.smith.
_POSSESSIVE = re.compile(r"'s$", re.IGNORECASE)

# Tags whose text is shown as code, and tags that break text into separate runs.
_CODE_TAGS = {"code", "pre"}
_BLOCK_TAGS = {"p", "br", "li", "ul", "ol", "blockquote", "h3", "h4", "hr"}


class _TextOutsideCode(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._in_code = 0

    def handle_starttag(self, tag, attrs):
        if tag in _CODE_TAGS:
            self._in_code += 1
            self.parts.append(" ")
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in _CODE_TAGS:
            self._in_code = max(0, self._in_code - 1)
            self.parts.append(" ")
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self._in_code:
            self.parts.append(data)


def mentioned_handles(body_html: str) -> list[str]:
    """Distinct handles (lower case, in order of first use, at most MAX_MENTIONS)
    mentioned in a post's sanitised HTML."""
    parser = _TextOutsideCode()
    parser.feed(body_html)
    parser.close()
    text = "".join(parser.parts)
    handles: list[str] = []
    for match in _MENTION.finditer(text):
        handle = _POSSESSIVE.sub("", match.group(1).rstrip(_TRAILING)).rstrip(_TRAILING)
        handle, then_at = handle.lower(), match.group(2)
        if not handle or then_at or handle in handles:
            continue
        handles.append(handle)
        if len(handles) == MAX_MENTIONS:
            break
    return handles


def handle_expression():
    """A person's handle in SQL: their email before the `@`, in lower case."""
    local_part = Func(
        F("email"), Value("@"), Value(1), function="split_part", output_field=CharField()
    )
    return Lower(local_part)


def mention_handle(user) -> str:
    """What others type to mention this person: `@` and their email before the `@`."""
    return "@" + user.email.split("@", 1)[0].lower()
