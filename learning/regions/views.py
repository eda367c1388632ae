from django.shortcuts import render
from django.views import View

from .selectors import region_list, region_url


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
