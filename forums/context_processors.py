from functools import cache

from learning.regions.selectors import current_region, request_can_enter_region

from .notification_selectors import unread_count


def notifications(request):
    """The header's unread notifications count, for signed-in members on a region's
    host only: the hub's public schema has no forum tables. Region access is the
    answer the navigation already asked for (cached on the request), so this adds
    one query, the count, and only when a template reads it (the Wagtail admin
    never does); templates call the function, and it remembers its answer."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or current_region() is None:
        return {}
    if not request_can_enter_region(request):
        return {}
    return {"forum_notifications": {"unread": cache(lambda: unread_count(user))}}
