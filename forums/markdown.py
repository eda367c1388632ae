"""Members write posts in Markdown; what is stored for display is sanitised HTML.

Python-Markdown passes raw HTML through, so its output is never trusted: nh3
(ammonia) keeps only the tags and attributes below, drops every event handler,
`style` and script, and allows only http, https and mailto links, each with
rel="nofollow noopener noreferrer". Fenced code (```) becomes <pre><code>, its
contents escaped by Markdown. forums.autolink then links bare web addresses and
marks @mentions in nh3's well-formed output, and nh3 cleans that once more."""

import markdown
import nh3

from .autolink import autolink
from .mentions import MENTION_CLASS

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "h3", "h4", "hr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "nofollow noopener noreferrer"
_C0_AND_SPACE = "".join(map(chr, range(0x21)))


def _safe_href(tag: str, attribute: str, value: str) -> str | None:
    """Browsers drop tabs and newlines inside URLs (so `java<TAB>script:` runs) and
    ignore leading control characters; judge the scheme as they will read it."""
    if attribute != "href":
        return value
    as_read = "".join(ch for ch in value if ch not in "\t\n\r").lstrip(_C0_AND_SPACE)
    scheme, colon, _ = as_read.partition(":")
    has_scheme = colon and not any(mark in scheme for mark in "/?#")
    if has_scheme and scheme.lower() not in URL_SCHEMES:
        return None
    return as_read


def _sanitise(html: str, **allowed) -> str:
    return nh3.clean(
        html,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        attribute_filter=_safe_href,
        link_rel=LINK_REL,
        **allowed,
    )


def render_markdown(text: str) -> str:
    html = markdown.markdown(
        text, extensions=["fenced_code", "sane_lists", "nl2br"], output_format="html"
    )
    # A member's own <span class="lwln-mention"> is dropped here, so only autolink makes one.
    html = _sanitise(html, tags=ALLOWED_TAGS)
    return _sanitise(
        autolink(html),
        tags=ALLOWED_TAGS | {"span"},
        allowed_classes={"span": {MENTION_CLASS}},
    )
