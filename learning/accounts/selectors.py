from django.db.models import Q, QuerySet

from learning.regions.models import Region

from .enums import JoinRequestStatus, Role
from .models import JoinRequest, User


def user_can_enter_region(user, region: Region) -> bool:
    """Members of a region, its coordinators and the national team; no one else."""
    if not (user.is_authenticated and user.is_active):
        return False
    if user.role == Role.NATIONAL:
        return True
    return (
        Region.objects.filter(pk=region.pk)
        .filter(Q(coordinators=user) | Q(ccgs__pcns__link_workers=user) | Q(ccgs__leads=user))
        .exists()
    )


def regions_decided_by(user) -> QuerySet[Region]:
    """Regions whose join requests this person may decide."""
    if not (user.is_authenticated and user.is_active):
        return Region.objects.none()
    if user.role == Role.NATIONAL:
        return Region.objects.regional()
    if user.role == Role.COORDINATOR:
        return user.coordinated_regions.all()
    return Region.objects.none()


def user_can_decide_join_requests(user) -> bool:
    return user.role == Role.NATIONAL or (
        user.role == Role.COORDINATOR and user.coordinated_regions.exists()
    )


def join_requests_for(
    user, *, status: str | None = JoinRequestStatus.PENDING
) -> QuerySet[JoinRequest]:
    """Requests this person may see and decide (status None: in any status).
    Coordinators decide link workers and CCG leads in their regions; only the
    national team appoints coordinators."""
    requests = JoinRequest.objects.filter(region__in=regions_decided_by(user))
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
