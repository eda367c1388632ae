"""The content security policy, strict everywhere except Wagtail's admin.

Wagtail 8's admin still writes inline scripts and styles into its pages (the
date pickers' `<script>initDateTimeChooser(...)</script>`, inline and
multiple-chooser panels, `style=` attributes), so under the site's policy
(script-src 'self', style-src 'self') parts of the editor silently stop
working. Requests whose path starts with one of settings.CSP_ADMIN_PATH_PREFIXES
get 'unsafe-inline' added to script-src and style-src, and blob: to img-src
(the multiple-image uploader shows each new image's thumbnail from a blob: URL
its own script made; wagtail/wagtail#12368). Nothing else: no 'unsafe-eval'
(the editor, choosers and preview run without it) and no other hosts. Every
other page keeps the strict policy.
"""

from __future__ import annotations

from csp.constants import UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings

ADMIN_RELAXATION = {
    "script-src": [UNSAFE_INLINE],
    "style-src": [UNSAFE_INLINE],
    "img-src": ["blob:"],
}


def is_admin_path(path_info: str) -> bool:
    return path_info.startswith(tuple(getattr(settings, "CSP_ADMIN_PATH_PREFIXES", ())))


def _merged(update: dict | None, extra: dict) -> dict:
    """A view's own csp_update, if any, plus extra; neither is changed."""
    merged = {key: _as_list(value) for key, value in (update or {}).items()}
    for key, values in extra.items():
        merged[key] = [*merged.get(key, []), *values]
    return merged


def _as_list(value) -> list:
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return list(value)
    if isinstance(value, set):
        return sorted(value)
    return [value]


class AdminCSPMiddleware(CSPMiddleware):
    """django-csp 4's middleware, relaxed by ADMIN_RELAXATION on the admin's paths."""

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if is_admin_path(request.path_info):
            parts.update = _merged(parts.update, ADMIN_RELAXATION)
            # Browsers ignore 'unsafe-inline' when a nonce is present in the same
            # directive; the admin's inline code carries no nonce, so use none here.
            parts.nonce = None
        return parts
