"""When a signed-in session stops counting: one rule for HTTP and WebSockets."""

import time

from django.conf import settings

SIGNED_IN_AT = "signed_in_at"
LAST_SEEN_AT = "last_seen_at"


def session_end_reason(session, now: int | None = None) -> str | None:
    """'idle' or 'too_old' when the session has run out, else None.

    `session` is a session object or its loaded dict; both support .get().
    """
    now = int(time.time()) if now is None else now
    last_seen = session.get(LAST_SEEN_AT, now)
    started = session.get(SIGNED_IN_AT, now)
    if now - last_seen > settings.SESSION_IDLE_TIMEOUT:
        return "idle"
    if now - started > settings.SESSION_MAX_AGE:
        return "too_old"
    return None
