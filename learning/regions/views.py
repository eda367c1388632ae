from django.shortcuts import render
from django.views import View

from .selectors import current_region, region_list, region_url, request_can_enter_region


class UnknownRegionView(View):
    """A host that names no region: say so and list the real ones (never a bare 404)."""

    def dispatch(self, request, *args, **kwargs):
        regions = [(region, region_url(region.slug)) for region in region_list()]
        return render(
            request,
            "regions/unknown_region.html",
            {"host": request.get_host(), "regions": regions},
            status=404,
        )


def region_forbidden_response(request):
    """None if this request's user may enter the current region; otherwise the 403
    page that says whose region it is and links to their own."""
    if request_can_enter_region(request):
        return None
    home_region = request.user.home_region
    return render(
        request,
        "regions/region_forbidden.html",
        {
            "region": current_region(),
            "home_region": home_region,
            "home_region_url": region_url(home_region.slug) if home_region else None,
        },
        status=403,
    )
