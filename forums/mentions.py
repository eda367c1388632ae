"""@mentions: `@jane.smith` names the member whose work email is jane.smith@….

`mention_spans` says what in a run of text is a mention; forums.autolink calls it
on a post's sanitised HTML, outside <code> and <pre> (code spans, fenced and
indented blocks never mention anyone), and wraps each in MENTION_CLASS's span,
which links nowhere (no profile, no email address). An email address (`x@y.z`)
is not a mention, because a handle must not follow a letter or digit, and must
not be followed by another `@`. `mentioned_handles` reads those spans back, so a
post notifies exactly the people it shows as mentioned; handles are resolved to
people in forums.notifications, in the same query that finds a post's followers."""

import html
import re
from collections.abc import Iterator

from django.db.models import CharField, F, Func, Value
from django.db.models.functions import Lower

# One post cannot page a whole region: beyond this, further handles are ignored.
MAX_MENTIONS = 20
MENTION_CLASS = "lwln-mention"

# Characters a work email's local part uses in practice (o'brien@ is real in the NHS).
_HANDLE_CHARS = r"A-Za-z0-9._%+'-"
_MENTION = re.compile(rf"(?<![{_HANDLE_CHARS}@/])@([{_HANDLE_CHARS}]+)(@?)")
# A sentence can end straight after a handle: "thanks @jane.smith."
_TRAILING = ".'-+%"
# ...or a possessive: "@jane.smith's notes" mentions jane.smith.
_POSSESSIVE = re.compile(r"'s$", re.IGNORECASE)
# The span forums.autolink writes, as nh3 gives it back.
_MENTION_SPAN = re.compile(rf'<span class="{MENTION_CLASS}">@([^<]+)</span>')


def mention_spans(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each mention in plain `text`: from its `@` to the end of the
    handle, without a sentence's full stop or a possessive's 's."""
    for match in _MENTION.finditer(text):
        handle = _POSSESSIVE.sub("", match.group(1).rstrip(_TRAILING)).rstrip(_TRAILING)
        if handle and not match.group(2):
            yield match.start(), match.start(1) + len(handle)


def mentioned_handles(body_html: str) -> list[str]:
    """Distinct handles (lower case, in order of first use, at most MAX_MENTIONS)
    mentioned in a post's HTML as forums.markdown renders it."""
    handles: list[str] = []
    for span in _MENTION_SPAN.finditer(body_html):
        handle = html.unescape(span.group(1)).lower()
        if handle not in handles:
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
