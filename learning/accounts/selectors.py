from django.db.models import Q, QuerySet

from learning.regions.models import Region

from .enums import JoinRequestStatus, Role
from .models import JoinRequest, User


def regions_entered_by(user) -> QuerySet[Region]:
    """The regions this person may enter: every one for the national team; for anyone
    else those they coordinate and the one their PCN or CCG is in."""
    if not (user.is_authenticated and user.is_active):
        return Region.objects.none()
    if user.role == Role.NATIONAL:
        return Region.objects.regional()
    return Region.objects.filter(
        Q(coordinators=user) | Q(ccgs__pcns__link_workers=user) | Q(ccgs__leads=user)
    )


def user_can_enter_region(user, region: Region) -> bool:
    """Members of a region, its coordinators and the national team; no one else."""
    if not (user.is_authenticated and user.is_active):
        return False
    if user.role == Role.NATIONAL:
        return True
    return regions_entered_by(user).filter(pk=region.pk).exists()


def regions_run_by(user) -> QuerySet[Region]:
    """Regions this person runs: they decide its join requests and follow its link
    workers' learning. Every region for the national team; a coordinator's own."""
    if not (user.is_authenticated and user.is_active):
        return Region.objects.none()
    if user.role == Role.NATIONAL:
        return Region.objects.regional()
    if user.role == Role.COORDINATOR:
        return user.coordinated_regions.all()
    return Region.objects.none()


def user_runs_regions(user) -> bool:
    """Whether the coordinators' pages are for this person, without counting anyone.
    Remembered on the user object: the menu and the page's own check both ask."""
    if not hasattr(user, "_runs_regions"):
        user._runs_regions = user.role == Role.NATIONAL or (
            user.role == Role.COORDINATOR and user.coordinated_regions.exists()
        )
    return user._runs_regions


def user_runs_region(user, region: Region) -> bool:
    """The national team, and the learning coordinators of this region: the people
    who moderate its forums and run its cohorts. Remembered on the user object per
    region: the menu and the page's own check both ask."""
    if not (user.is_authenticated and user.is_active):
        return False
    cache = user.__dict__.setdefault("_runs_region", {})
    if region.pk not in cache:
        cache[region.pk] = user.role == Role.NATIONAL or (
            user.role == Role.COORDINATOR and user.coordinated_regions.filter(pk=region.pk).exists()
        )
    return cache[region.pk]


def join_requests_for(
    user, *, status: str | None = JoinRequestStatus.PENDING
) -> QuerySet[JoinRequest]:
    """Requests this person may see and decide (status None: in any status).
    Coordinators decide link workers and CCG leads in their regions; only the
    national team appoints coordinators."""
    requests = JoinRequest.objects.filter(region__in=regions_run_by(user))
    if status is not None:
        requests = requests.filter(status=status)
    if user.role != Role.NATIONAL:
        requests = requests.exclude(role__in=[Role.COORDINATOR, Role.NATIONAL])
    return requests.select_related("region", "pcn", "ccg", "decided_by").order_by(
        "created_at" if status == JoinRequestStatus.PENDING else "-decided_at"
    )


def region_coordinators(region: Region) -> QuerySet[User]:
    return User.objects.filter(
        role=Role.COORDINATOR, coordinated_regions=region, is_active=True
    ).order_by("full_name")


def people(*, query: str = "", role: str = "") -> QuerySet[User]:
    users = User.objects.select_related("pcn__ccg__region", "ccg__region").prefetch_related(
        "coordinated_regions"
    )
    if role:
        users = users.filter(role=role)
    if query:
        users = users.filter(Q(full_name__icontains=query) | Q(email__icontains=query))
    return users.order_by("full_name", "email")


def link_workers_overseen_by(user) -> QuerySet[User]:
    """Link workers whose learning this person may follow: the national team sees
    everyone, a learning coordinator the link workers of the regions they run."""
    if not (user.is_authenticated and user.is_active):
        return User.objects.none()
    workers = User.objects.filter(role=Role.LINK_WORKER)
    if user.role == Role.NATIONAL:
        return workers
    if user.role == Role.COORDINATOR:
        return workers.filter(pcn__ccg__region__in=user.coordinated_regions.all())
    return User.objects.none()


def user_oversees(viewer, person) -> bool:
    return link_workers_overseen_by(viewer).filter(pk=person.pk).exists()
