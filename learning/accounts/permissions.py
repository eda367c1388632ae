from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from .selectors import user_runs_regions


def national_team_required(view):
    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_national_team:
            raise PermissionDenied("Only the national team can open this page.")
        return view(request, *args, **kwargs)

    return wrapped


def region_staff_required(view):
    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not user_runs_regions(request.user):
            raise PermissionDenied(
                "Only the national team and learning coordinators can open this page."
            )
        return view(request, *args, **kwargs)

    return wrapped
