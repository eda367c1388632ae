"""Reads for local resources."""

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db.models import QuerySet

from learning.accounts.enums import Role
from learning.accounts.models import CCG, User

from .models import Correction, RegionResourcesPage, ResourcePage

SEARCH_VECTOR = SearchVector(
    "title", "summary", "who_for", "how_to_refer", "description", "address", config="english"
)


def ccg_leads(ccg: CCG | None) -> list[User]:
    if ccg is None:
        return []
    return list(
        User.objects.filter(role=Role.CCG_LEAD, ccg=ccg, is_active=True).order_by("full_name")
    )


def resource_contacts(ccg: CCG) -> list[User]:
    """Who hears about a CCG's resources (corrections, reviews, broken links): its
    leads, or the region's learning coordinators while it has none."""
    from learning.accounts.selectors import region_coordinators

    return ccg_leads(ccg) or list(region_coordinators(ccg.region))


def libraries_for(user) -> QuerySet[RegionResourcesPage]:
    """The live libraries of the regions this person may enter."""
    from learning.accounts.selectors import regions_entered_by

    return (
        RegionResourcesPage.objects.live()
        .filter(region__in=regions_entered_by(user))
        .select_related("region")
        .order_by("title")
    )


def library_resources(
    library: RegionResourcesPage,
    *,
    query: str = "",
    need: str = "",
    ccg: CCG | None = None,
    kind: str = "",
) -> QuerySet[ResourcePage]:
    """The library's live resources, filtered; best match first when searching, else by title."""
    resources = (
        ResourcePage.objects.live().filter(region_id=library.region_id).select_related("ccg")
    )
    if need:
        resources = resources.filter(needs__contains=[need])
    if ccg is not None:
        resources = resources.filter(ccg=ccg)
    if kind:
        resources = resources.filter(kind=kind)
    if query:
        search = SearchQuery(query, search_type="websearch", config="english")
        return (
            resources.annotate(search_document=SEARCH_VECTOR)
            .filter(search_document=search)
            .annotate(rank=SearchRank(SEARCH_VECTOR, search))
            .order_by("-rank", "title")
        )
    return resources.order_by("title")


def resources_due_for_review(*, today) -> QuerySet[ResourcePage]:
    return (
        ResourcePage.objects.live()
        .filter(next_review_due__lte=today)
        .select_related("region", "ccg")
        .order_by("next_review_due", "pk")
    )


def resources_with_web_addresses() -> QuerySet[ResourcePage]:
    return ResourcePage.objects.live().exclude(website="").select_related("region", "ccg")


def hidden_resource_paths(request) -> list[str]:
    """Tree paths of the libraries this request must not find in site search: every
    region's but the current one's, and that one too unless the person may enter it."""
    from learning.regions.selectors import current_region, request_can_enter_region

    region = current_region()
    libraries = RegionResourcesPage.objects.all()
    if region is not None and request_can_enter_region(request):
        libraries = libraries.exclude(region=region)
    return list(libraries.values_list("path", flat=True))


def corrections_visible_to(user) -> QuerySet[Correction]:
    """Corrections readers sent: the national team sees every one, a CCG lead those to
    their own CCG's resources, anyone else none."""
    corrections = Correction.objects.select_related("resource", "resource__ccg", "author")
    if not (user.is_authenticated and user.is_active):
        return corrections.none()
    if user.is_superuser or user.role == Role.NATIONAL:
        return corrections
    if user.role == Role.CCG_LEAD and user.ccg_id:
        return corrections.filter(resource__ccg_id=user.ccg_id)
    return corrections.none()
