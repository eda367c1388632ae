"""In a post's sanitised HTML, bare web addresses become links and @handles become
mentions (forums.mentions).

This reads nh3's output, which is well formed: text never holds a raw `<` or `>`,
and attribute values are double-quoted, so the tag pattern below cannot be fooled.
Text inside <code>, <pre> and links is left as written: no second link, and no
mention inside a link (it already goes somewhere). forums.markdown sends the result through nh3 again, so
nothing here can add what the allow-list refuses."""

import html
import re

from django.utils.html import escape

from .mentions import MENTION_CLASS, mention_spans

_TAG = re.compile(r'<(/?)([a-zA-Z0-9]+)(?:[^>"]|"[^"]*")*>')
_CODE_TAGS = {"code", "pre"}
# Tags that end a run of text: a mention cannot start in one paragraph and end in
# the next, and "x<br>@jane" mentions jane.
_BLOCK_TAGS = {"p", "br", "li", "ul", "ol", "blockquote", "h3", "h4", "hr"}

# Only http(s):// and www. are ever linked, so no other scheme (javascript:, data:)
# can come from a bare address. It ends at a space, a quote or an angle bracket.
_BARE_URL = re.compile(r"(?<![\w@/.:+-])(?:https?://|www\.)[^\s<>\"'`]+", re.IGNORECASE)
_HAS_HOST = re.compile(r"(?:https?://|www\.)[^\W_]", re.IGNORECASE)
# What usually follows an address in a sentence rather than belonging to it.
_TRAILING = ".,;:!?*_~"
_CLOSERS = {")": "(", "]": "["}


def _trim(url: str) -> str:
    """Drop a sentence's punctuation from the end, and a closing bracket the
    address did not open: "(see https://x.org/a_(b))." keeps "(b)"."""
    while url:
        last = url[-1]
        if last in _TRAILING or (last in _CLOSERS and url.count(_CLOSERS[last]) < url.count(last)):
            url = url[:-1]
        else:
            break
    return url


def _addresses(text: str) -> list[tuple[int, int, str]]:
    found = []
    for match in _BARE_URL.finditer(text):
        url = _trim(match.group(0))
        if _HAS_HOST.match(url):
            found.append((match.start(), match.start() + len(url), url))
    return found


def _link(url: str) -> str:
    href = url if "://" in url else f"https://{url}"
    return f'<a href="{escape(href)}">{escape(url)}</a>'


def _enrich_text(text: str, offset: int, mentions) -> str:
    """`text` (one piece between tags, unescaped) as HTML, with its addresses linked
    and the mentions found in its run (`offset` is where it starts there) wrapped."""
    pieces = [(start, end, _link(url)) for start, end, url in _addresses(text)]
    for start, end in mentions:
        start, end = start - offset, end - offset
        inside = start >= 0 and end <= len(text)
        if inside and not any(s < end and start < e for s, e, _ in pieces):
            pieces.append(
                (start, end, f'<span class="{MENTION_CLASS}">{escape(text[start:end])}</span>')
            )
    out, position = [], 0
    for start, end, markup in sorted(pieces):
        out += [escape(text[position:start]), markup]
        position = end
    return "".join(out) + escape(text[position:])


def autolink(body_html: str) -> str:
    out: list[str] = []
    run: list[tuple[int, str]] = []  # (place in out, unescaped text)
    in_code = in_link = 0

    def end_run():
        mentions = list(mention_spans("".join(text for _, text in run)))
        offset = 0
        for place, text in run:
            out[place] = _enrich_text(text, offset, mentions)
            offset += len(text)
        run.clear()

    def add_text(text: str):
        if text and not (in_code or in_link):
            run.append((len(out), html.unescape(text)))
        out.append(text)

    position = 0
    for tag in _TAG.finditer(body_html):
        add_text(body_html[position : tag.start()])
        closing, name = tag.group(1), tag.group(2).lower()
        step = -1 if closing else 1
        if name in _CODE_TAGS or name in _BLOCK_TAGS or name == "a":
            end_run()
        if name in _CODE_TAGS:
            in_code = max(0, in_code + step)
        elif name == "a":
            in_link = max(0, in_link + step)
        out.append(tag.group(0))
        position = tag.end()
    add_text(body_html[position:])
    end_run()
    return "".join(out)
