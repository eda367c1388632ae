"""The Wagtail admin's dashboard says which site this is by the network's name.

Wagtail names the site by its Site row's `site_name`, or else its host name, so the
dashboard said "localhost" (and "Pages created in localhost") on every host, the
regions' included. Every host serves the one national page tree, so the pages are
counted as the network's; the heading (templates/wagtailadmin/home.html) adds the
region whose host this is."""

from django.conf import settings
from wagtail import hooks
from wagtail.admin.site_summary import PagesSummaryItem


class NetworkPagesSummaryItem(PagesSummaryItem):
    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["site_name"] = settings.SERVICE_NAME
        return context


# After Wagtail's own hook has added its items (hooks of order 0).
@hooks.register("construct_homepage_summary_items", order=100)
def name_the_network(request, items):
    items[:] = [
        NetworkPagesSummaryItem(request) if type(item) is PagesSummaryItem else item
        for item in items
    ]
