"""On a region host the regional community is open only to its members,
its coordinators and the national team."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from learning.accounts.enums import Role
from learning.accounts.tests.factories import UserFactory
from learning.regions.middleware import is_regional_view

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

    assert Client(HTTP_HOST="evil.example.com").get("/").status_code in (400, 404)


def _all_views(resolver, found):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            _all_views(pattern, found)
        elif isinstance(pattern, URLPattern):
            found.append(pattern.callback)
    return found


def test_every_view_of_a_tenant_app_is_guarded():
    from django.conf import settings

    views = _all_views(get_resolver(settings.ROOT_URLCONF), [])
    regional = [v for v in views if is_regional_view(v)]
    assert regional, "the region URLconf routes the community"
    tenant_modules = {v.__module__.split(".")[0] for v in regional}
    assert tenant_modules <= set(settings.TENANT_APPS)
    # and nothing from a tenant app escapes the check
    for view in views:
        if view.__module__.split(".")[0] in settings.TENANT_APPS:
            assert is_regional_view(view)


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
