"""URLs served on every host, hub and region alike (Wagtail's catch-all is last)."""

from django.conf import settings
from django.urls import include, path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from learning.health import health, live
from learning.navigation import manage
from learning.search import search

service_urlpatterns = [
    path("health/", health, name="health"),
    path("health/live/", live, name="health_live"),
    path("accounts/", include("allauth.urls")),
    path("", include("learning.accounts.urls")),
    path("audit/", include("learning.audit.urls")),
    path("induction-progress/", include("induction.urls")),
    path("", include("courses.urls")),
    path("", include("webinars.urls")),
    path("reports/", include("reporting.urls")),
    path("search/", search, name="search"),
    path("manage/", manage, name="manage"),
    # Every sign-in goes through allauth, so throttling and the second factor
    # cannot be side-stepped through Wagtail's own login form.
    path(
        "admin/login/",
        RedirectView.as_view(pattern_name="account_login", query_string=True),
        name="wagtailadmin_login",
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
]

wagtail_urlpatterns = [path("", include(wagtail_urls))]

if settings.DEBUG:
    from django.conf.urls.static import static

    wagtail_urlpatterns = (
        static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + wagtail_urlpatterns
    )

handler400 = "learning.errors.bad_request"
handler403 = "learning.errors.permission_denied"
handler404 = "learning.errors.page_not_found"
handler500 = "learning.errors.server_error"
