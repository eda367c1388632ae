"""Who may moderate a region's forums, and who is kept out of posting."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.utils import timezone

from learning.accounts.selectors import user_runs_region

from .models import Suspension


def user_moderates(user, region) -> bool:
    """The national team, and the learning coordinators of this region."""
    return user_runs_region(user, region)


def active_suspension(user) -> Suspension | None:
    """This region's (the current schema's) suspension of `user` in force now, if any."""
    return (
        Suspension.objects.filter(user=user, until__gt=timezone.now(), lifted_at__isnull=True)
        .order_by("-until")
        .first()
    )


def moderators_required(view):
    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not user_moderates(request.user, connection.tenant):
            raise PermissionDenied("Only this region's learning coordinators moderate its forums.")
        return view(request, *args, **kwargs)

    return wrapped
