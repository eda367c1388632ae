"""Admin guard: a module assigned to any region's cohort cannot be deleted (the
cohort's row points at it, and its grid would lose a column without a word)."""

from django.contrib import messages
from django.shortcuts import redirect
from django_tenants.utils import tenant_context
from wagtail import hooks

from courses.wagtail_hooks import modules_under
from learning.regions.models import Region

from .models import CohortAssignment


def regions_assigning(module_ids: list[int]) -> list[str]:
    """Names of the regions with a cohort that has one of these modules assigned."""
    names = []
    for region in Region.objects.regional().order_by("name"):
        with tenant_context(region):
            if CohortAssignment.objects.filter(course_id__in=module_ids).exists():
                names.append(region.name)
    return names


@hooks.register("before_delete_page")
def refuse_deleting_assigned_modules(request, page):
    module_ids = list(modules_under(page).values_list("pk", flat=True))
    regions = regions_assigning(module_ids) if module_ids else []
    if regions:
        messages.error(
            request,
            f"“{page.title}” cannot be deleted: cohorts in {', '.join(regions)} have it "
            "assigned. Ask their learning coordinators to remove it, or unpublish it instead.",
        )
        return redirect("wagtailadmin_explore", page.get_parent().pk)
    return None
