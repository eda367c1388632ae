"""Who runs a region's cohorts: the national team and the region's learning coordinators."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404

from learning.accounts.selectors import user_runs_region
from learning.regions.selectors import current_region


def user_runs_cohorts(user) -> bool:
    region = current_region()
    return region is not None and user_runs_region(user, region)


def require_cohort_runner(user) -> None:
    """Services check again, so a call from anywhere but these views is refused too."""
    if not user_runs_cohorts(user):
        raise PermissionDenied("Only this region's learning coordinators run its cohorts.")


def cohort_runners_required(view):
    """Everyone else gets "not found", as on the induction pages: a cohort's number
    says nothing to someone who may not see it."""

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not user_runs_cohorts(request.user):
            raise Http404("No such page.")
        return view(request, *args, **kwargs)

    return wrapped
