from django.conf import settings

from learning.navigation import menu_items

from .selectors import current_region


def region(request):
    region = current_region()
    return {
        "service_name": settings.SERVICE_NAME,
        "current_region": region,
        "hub_url": settings.HUB_URL,
        "primary_navigation": menu_items(request, region),
    }
