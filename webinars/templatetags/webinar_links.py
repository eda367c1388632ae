"""{{ session|session_url }}: a session's page on the host where it lives (a regional
learning event's region's host, the hub for a national webinar), for emails."""

from django import template

from webinars.calendars import session_url as _session_url

register = template.Library()


@register.filter
def session_url(session) -> str:
    return _session_url(session)
