from django.conf import settings
from django.contrib.auth.views import redirect_to_login

from .selectors import current_region
from .views import region_forbidden_response

_TENANT_APP_PREFIXES = tuple(f"{app}." for app in settings.TENANT_APPS)


def is_regional_view(view_func) -> bool:
    """A view is regional when it is defined in a TENANT_APPS app.

    Deciding by module means a view added to a tenant app later is guarded
    without anyone remembering to decorate it.
    """
    module = getattr(view_func, "__module__", "") or ""
    view_class = getattr(view_func, "view_class", None)
    if view_class is not None:
        module = view_class.__module__
    return module.startswith(_TENANT_APP_PREFIXES)


def token_is_the_credential(view):
    """Mark a regional view that people open from an email, signed out: the signed
    token in its URL, which the view itself checks, is what lets them in, not the
    session (the forums' one-click unsubscribe). Keep this rare: every such view
    is listed by tests/test_region_access.py."""
    view.token_is_the_credential = True
    return view


class RegionAccessMiddleware:
    """On a region host, the regional community is open only to that region's
    members, its coordinators and the national team."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not is_regional_view(view_func) or getattr(view_func, "token_is_the_credential", False):
            return None
        region = current_region()
        if region is None:  # regional views are only routed on region hosts
            return None
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return region_forbidden_response(request)
