"""The content security policy: strict on the site, relaxed for inline code in Wagtail's admin only."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from learning.accounts.enums import Role
from learning.accounts.tests.factories import UserFactory
from learning.csp import AdminCSPMiddleware, is_admin_path
from learning.home.models import HomePage

INLINE = "'unsafe-inline'"
EVAL = "'unsafe-eval'"


def policy_of(response) -> dict[str, list[str]]:
    """The Content-Security-Policy header as {directive: [sources]}."""
    header = response["Content-Security-Policy"]
    directives = (part.split() for part in header.split(";") if part.strip())
    return {name: sources for name, *sources in directives}


@pytest.fixture
def national(db):
    return UserFactory(role=Role.NATIONAL)


@pytest.mark.django_db
def test_the_wagtail_page_editor_allows_its_inline_scripts_and_styles(client_for, national):
    home = HomePage.objects.get()
    response = client_for(None, national).get(f"/admin/pages/{home.pk}/edit/")

    assert response.status_code == 200
    # Why the admin needs it: Wagtail writes widget set-up as inline script.
    assert "initDateTimeChooser(" in response.content.decode()
    policy = policy_of(response)
    assert policy["script-src"] == ["'self'", INLINE]
    assert policy["style-src"] == ["'self'", INLINE]
    assert EVAL not in policy["script-src"]
    # Everything else is the site's strict policy.
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'self'"]
    # The multiple-image uploader previews thumbnails from blob: URLs.
    assert policy["img-src"] == ["'self'", "data:", "blob:"]


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/admin/", "/admin/pages/"])
def test_every_admin_page_is_relaxed_on_regions_too(client_for, national, north_west, path):
    response = client_for(north_west, national).get(path, follow=True)
    assert response.status_code == 200
    assert INLINE in policy_of(response)["script-src"]


@pytest.mark.django_db
def test_the_admin_sign_in_redirect_is_relaxed_like_the_rest_of_the_admin(client_for):
    response = client_for().get("/admin/")
    assert response.status_code == 302  # to allauth's sign-in, which is strict
    assert INLINE in policy_of(response)["script-src"]
    sign_in = client_for().get("/accounts/login/")
    assert INLINE not in policy_of(sign_in)["script-src"]


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/join/", "/accounts/login/", "/no-such-page/"])
def test_the_site_keeps_the_strict_policy(client_for, path):
    response = client_for().get(path)
    policy = policy_of(response)
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["img-src"] == ["'self'", "data:"]


@pytest.mark.django_db
def test_the_site_is_strict_for_a_signed_in_editor_too(client_for, national, north_west):
    for client in (client_for(None, national), client_for(north_west, national)):
        policy = policy_of(client.get("/"))
        assert INLINE not in policy["script-src"] and INLINE not in policy["style-src"]


@pytest.mark.parametrize(
    ("path", "admin"),
    [
        ("/admin/", True),
        ("/admin/pages/3/edit/", True),
        ("/django-admin/", True),
        ("/admin", False),  # Django redirects it to /admin/, which is relaxed
        ("/administration/", False),
        ("/join/admin/", False),
        ("/", False),
    ],
)
def test_admin_paths_are_recognised_by_prefix(path, admin):
    assert is_admin_path(path) is admin


@override_settings(CSP_ADMIN_PATH_PREFIXES=("/cms/",))
def test_the_prefixes_come_from_settings():
    assert is_admin_path("/cms/pages/")
    assert not is_admin_path("/admin/")


def _policy_from_middleware(path: str, **response_attrs) -> dict[str, list[str]]:
    request = RequestFactory().get(path)
    middleware = AdminCSPMiddleware(lambda request: None)
    middleware.process_request(request)
    response = HttpResponse()
    for name, value in response_attrs.items():
        setattr(response, name, value)
    return policy_of(middleware.process_response(request, response))


def test_a_views_own_csp_update_is_kept_alongside_the_admin_relaxation():
    update = {"script-src": "https://example.org", "img-src": ["https://images.example.org"]}
    policy = _policy_from_middleware("/admin/example/", _csp_update=update)
    assert policy["script-src"] == ["'self'", "https://example.org", INLINE]
    assert policy["img-src"] == ["'self'", "data:", "https://images.example.org", "blob:"]
    policy = _policy_from_middleware("/example/", _csp_update=update)
    assert policy["script-src"] == ["'self'", "https://example.org"]
    assert policy["img-src"] == ["'self'", "data:", "https://images.example.org"]


def test_a_nonce_would_not_cancel_unsafe_inline_in_the_admin():
    """Browsers ignore 'unsafe-inline' beside a nonce; the admin gets none."""
    from csp.constants import NONCE, SELF

    with override_settings(
        CONTENT_SECURITY_POLICY={"DIRECTIVES": {"script-src": [SELF, NONCE]}},
    ):
        request = RequestFactory().get("/admin/")
        middleware = AdminCSPMiddleware(lambda request: None)
        middleware.process_request(request)
        str(request.csp_nonce)  # a template asked for one
        admin = policy_of(middleware.process_response(request, HttpResponse()))
        assert admin["script-src"] == ["'self'", INLINE]

        request = RequestFactory().get("/")
        middleware.process_request(request)
        nonce = str(request.csp_nonce)
        site = middleware.process_response(request, HttpResponse())
        assert f"'nonce-{nonce}'" in site["Content-Security-Policy"]


def test_the_middleware_is_installed_in_place_of_django_csps():
    from django.conf import settings

    assert "learning.csp.AdminCSPMiddleware" in settings.MIDDLEWARE
    assert "csp.middleware.CSPMiddleware" not in settings.MIDDLEWARE
