"""On a region host the regional community is open only to its members,
its coordinators and the national team."""

import re

import pytest
from django.urls import URLResolver, get_resolver

from learning.accounts.enums import Role
from learning.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("role", "home", "expected"),
    [
        (Role.LINK_WORKER, "north-west", 200),
        (Role.CCG_LEAD, "north-west", 200),
        (Role.COORDINATOR, "north-west", 200),
        (Role.LINK_WORKER, "london", 403),
        (Role.CCG_LEAD, "london", 403),
        (Role.COORDINATOR, "london", 403),
        (Role.NATIONAL, "north-west", 200),
    ],
)
def test_who_may_enter_the_north_west_community(regions, client_for, role, home, expected):
    person = UserFactory(role=role, region=regions[home])
    response = client_for(regions["north-west"], person).get("/community/")
    assert response.status_code == expected


def test_the_refusal_explains_why_and_how_to_join(regions, client_for):
    outsider = UserFactory(region=regions["london"])
    response = client_for(regions["north-west"], outsider).get("/community/")
    page = response.content.decode()
    assert response.status_code == 403
    assert "You cannot open the North West community" in page
    assert "Your region is London" in page
    assert 'href="http://london.localhost:8000/community/"' in page
    assert "national team" in page


def test_anonymous_visitors_are_asked_to_sign_in(north_west, client_for):
    response = client_for(north_west).get("/community/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/community/"


def test_a_deactivated_member_is_refused(north_west, client_for):
    member = UserFactory(region=north_west)
    client = client_for(north_west, member)
    member.is_active = False
    member.save()
    assert client.get("/community/").status_code in (302, 403)


def test_the_hub_has_no_regional_community(client_for):
    national = UserFactory(role=Role.NATIONAL)
    assert client_for(None, national).get("/community/").status_code == 404


def test_an_unknown_region_host_gets_a_page_listing_the_regions(client_for):
    from django.test import Client

    response = Client(HTTP_HOST="narnia.localhost").get("/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "There is no region at narnia.localhost" in page
    assert "http://north-west.localhost:8000/" in page


def test_a_host_outside_allowed_hosts_is_refused():
    from django.test import Client

    # django-tenants answers a host outside ALLOWED_HOSTS with a bare 404, before any view.
    assert Client(HTTP_HOST="evil.example.com").get("/").status_code == 404


# Regional views opened signed out from an email, whose signed token is the credential
# (learning.regions.middleware.token_is_the_credential). Adding one is a decision.
TOKEN_VIEWS = {"/community/unsubscribe/x/"}


def _tenant_app_paths(*, token_views: bool = False):
    """A concrete path for every URL pattern that a TENANT_APPS app routes on a region
    host: the session-guarded ones, or (token_views) the ones a signed token opens."""
    from django.conf import settings

    paths = []

    def walk(resolver, prefix):
        for pattern in resolver.url_patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                walk(pattern, route)
            elif pattern.callback.__module__.split(".")[0] in settings.TENANT_APPS and (
                getattr(pattern.callback, "token_is_the_credential", False) == token_views
            ):
                # Fill converters with plausible values: the guard must answer before the view.
                concrete = re.sub(r"<int:\w+>", "1", route)
                concrete = re.sub(r"<(?:slug|str|path):\w+>|<\w+>", "x", concrete)
                paths.append("/" + concrete)

    walk(get_resolver(settings.ROOT_URLCONF), "")
    return paths


def test_tenant_apps_route_pages_on_region_hosts():
    assert "/community/" in _tenant_app_paths()


def test_only_the_listed_views_are_opened_by_a_token_instead_of_the_session():
    assert set(_tenant_app_paths(token_views=True)) == TOKEN_VIEWS


@pytest.mark.parametrize("path", _tenant_app_paths())
def test_every_page_of_a_tenant_app_refuses_another_regions_member(regions, client_for, path):
    outsider = UserFactory(region=regions["london"])
    for method in ("get", "post"):
        response = getattr(client_for(regions["north-west"], outsider), method)(path)
        assert response.status_code == 403, f"{method.upper()} {path}"
    assert client_for(regions["north-west"]).get(path).status_code == 302  # sign in first


def test_hub_lists_the_regions(client_for):
    page = client_for().get("/").content.decode()
    for name in ("North West", "London", "Midlands"):
        assert name in page
    assert 'href="http://north-west.localhost:8000/"' in page


def test_region_home_shows_the_region_and_a_way_in(north_west, client_for):
    member = UserFactory(region=north_west)
    page = client_for(north_west, member).get("/").content.decode()
    assert '<h1 class="nhsuk-heading-xl">North West</h1>' in page
    assert "Go to the North West community" in page


def test_the_community_link_is_shown_only_to_those_who_can_use_it(regions, client_for):
    member = UserFactory(region=regions["north-west"])
    outsider = UserFactory(region=regions["london"])
    assert (
        'href="/community/"' in client_for(regions["north-west"], member).get("/").content.decode()
    )
    outsider_page = client_for(regions["north-west"], outsider).get("/").content.decode()
    assert 'href="/community/"' not in outsider_page
    assert 'href="/community/"' not in client_for(regions["north-west"]).get("/").content.decode()


def test_someone_from_another_region_is_pointed_to_their_own_community(regions, client_for):
    outsider = UserFactory(region=regions["london"])
    page = client_for(regions["north-west"], outsider).get("/").content.decode()
    assert 'href="http://london.localhost:8000/community/"' in page
