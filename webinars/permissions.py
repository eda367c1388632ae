"""Who may run which sessions, and who may take a place on them."""

from learning.accounts.enums import Role
from learning.accounts.selectors import (
    regions_run_by,
    user_can_enter_region,
    user_runs_regions,
)
from learning.regions.models import Region

from .models import Session


def user_runs_events(user) -> bool:
    """The national team and learning coordinators: the people with the manage pages.
    The same people as the coordinators' pages, and the answer the menu already has."""
    return user.is_authenticated and user.is_active and user_runs_regions(user)


def user_region_ids(user) -> set[int]:
    """Regions whose learning events this person runs; remembered on the user object."""
    if not hasattr(user, "_event_region_ids"):
        user._event_region_ids = set(regions_run_by(user).values_list("pk", flat=True))
    return user._event_region_ids


def user_may_run_audience(user, region: Region | None) -> bool:
    """National sessions are the national team's; a region's learning events are its
    coordinators' (and the national team's)."""
    if not (user.is_authenticated and user.is_active):
        return False
    if user.role == Role.NATIONAL:
        return True
    return region is not None and region.pk in user_region_ids(user)


def user_may_run_session(user, session: Session) -> bool:
    return user_may_run_audience(user, session.region)


def user_in_audience(user, session: Session) -> bool:
    """A national session is open to everyone signed in; a regional event to the
    people of that region (and those who run it)."""
    if not (user.is_authenticated and user.is_active):
        return False
    if session.region_id is None:
        return True
    return user_can_enter_region(user, session.region)
