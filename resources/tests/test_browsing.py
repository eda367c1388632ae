"""Link workers browse, search and filter their own region's resources."""

from datetime import timedelta

import pytest
from django.utils import timezone

from learning.accounts.enums import Role
from learning.accounts.tests.factories import CCGFactory, UserFactory
from resources.enums import Need, ResourceKind
from resources.models import RegionResourcesPage

from .factories import make_resource

pytestmark = pytest.mark.django_db


@pytest.fixture
def worker(north_west):
    return UserFactory(role=Role.LINK_WORKER, region=north_west)


@pytest.fixture
def library(north_west):
    return RegionResourcesPage.objects.get(region=north_west)


def titles(response) -> list[str]:
    return [resource.title for resource in response.context["page_obj"]]


def test_the_library_lists_this_regions_live_resources_only(
    worker, library, north_west, london, client_for
):
    ccg = worker.pcn.ccg
    make_resource(ccg, title="Manchester Debt Advice")
    make_resource(ccg, title="Draft Walking Group", live=False)
    make_resource(CCGFactory(region=london), title="Camden Befriending")

    response = client_for(north_west, worker).get(library.url)

    assert response.status_code == 200
    assert titles(response) == ["Manchester Debt Advice"]
    assert "Camden Befriending" not in response.content.decode()


def test_filters_by_need_ccg_and_kind_and_searches(worker, library, north_west, client_for):
    own, other = worker.pcn.ccg, CCGFactory(region=north_west)
    make_resource(own, title="Citizens Advice Manchester", needs=[Need.DEBT, Need.HOUSING],
                  summary="Free advice on debt, benefits and housing.")  # fmt: skip
    make_resource(other, title="Blackpool Carers Centre", needs=[Need.CARERS],
                  summary="Breaks and support for unpaid carers.")  # fmt: skip
    make_resource(own, title="Carers guide", kind=ResourceKind.LINK, needs=[Need.CARERS],
                  website="https://example.org/carers", summary="What carers can claim.")  # fmt: skip
    client = client_for(north_west, worker)

    assert titles(client.get(library.url, {"need": "carers"})) == [
        "Blackpool Carers Centre", "Carers guide",
    ]  # fmt: skip
    assert titles(client.get(library.url, {"ccg": other.pk})) == ["Blackpool Carers Centre"]
    assert titles(client.get(library.url, {"kind": "link"})) == ["Carers guide"]
    assert titles(client.get(library.url, {"q": "benefits"})) == ["Citizens Advice Manchester"]
    assert titles(client.get(library.url, {"q": "carers", "ccg": own.pk})) == ["Carers guide"]
    nothing = client.get(library.url, {"q": "skydiving"})
    assert "No resources match your search" in nothing.content.decode()


def test_another_regions_ccg_in_the_filter_is_an_error_not_a_leak(
    worker, library, north_west, london, client_for
):
    foreign = CCGFactory(region=london)
    make_resource(foreign, title="Camden Befriending")
    make_resource(worker.pcn.ccg, title="Manchester Debt Advice")

    response = client_for(north_west, worker).get(library.url, {"ccg": foreign.pk, "need": "nope"})

    assert response.status_code == 200
    page = response.content.decode()
    assert "Choose one of this region&#x27;s CCGs." in page
    assert "Select a valid choice" in page
    assert titles(response) == ["Manchester Debt Advice"], "a bad filter is dropped, not applied"


def test_an_overdue_resource_is_marked_for_readers(worker, library, north_west, client_for):
    today = timezone.localdate()
    overdue = make_resource(
        worker.pcn.ccg,
        title="Old Lunch Club",
        last_reviewed=today - timedelta(days=400),
        next_review_due=today - timedelta(days=1),
    )
    client = client_for(north_west, worker)

    assert "Review overdue" in client.get(library.url).content.decode()
    page = client.get(overdue.url).content.decode()
    assert "Review overdue" in page
    assert "check them before you refer someone" in page
    assert f"Page last reviewed: {overdue.last_reviewed:%-d %B %Y}" in page


def test_a_resource_page_shows_how_to_refer_and_contact(worker, north_west, client_for):
    resource = make_resource(
        worker.pcn.ccg, title="Moss Side Allotment", phone="0161 496 0123",
        email="grow@example.org", opening_times="Saturdays, 10am to 2pm",
    )  # fmt: skip

    page = client_for(north_west, worker).get(resource.url).content.decode()

    assert 'href="tel:01614960123"' in page
    assert "mailto:grow@example.org" in page
    assert "Saturdays, 10am to 2pm" in page
    assert "Phone the shed" in page


def test_people_of_another_region_are_refused(london, north_west, client_for):
    resource = make_resource(CCGFactory(region=north_west), title="Manchester Debt Advice")
    outsider = UserFactory(role=Role.LINK_WORKER, region=london)

    response = client_for(north_west, outsider).get(resource.url)

    assert response.status_code == 403
    assert "Manchester Debt Advice" not in response.content.decode()


def test_on_another_host_the_page_sends_people_to_its_regions_host(
    worker, london, north_west, client_for
):
    resource = make_resource(worker.pcn.ccg)

    for host_region in (None, london):
        response = client_for(host_region, worker).get(resource.url)
        assert response.status_code == 302
        assert response["Location"].startswith("http://north-west.localhost")


def test_signed_out_people_are_asked_to_sign_in(north_west, library, client_for):
    response = client_for(north_west).get(library.url)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_resources_index_takes_a_member_to_their_regions_library(
    worker, library, north_west, client_for
):
    response = client_for(north_west, worker).get("/resources/")
    assert response.status_code == 302 and response["Location"] == library.url

    hub = client_for(None, worker).get("/resources/").content.decode()
    assert "http://north-west.localhost" in hub
    assert "London" not in hub


def test_site_search_finds_only_this_regions_resources(worker, north_west, london, client_for):
    make_resource(worker.pcn.ccg, title="Manchester Befriending Service")
    make_resource(CCGFactory(region=london), title="Camden Befriending Service")

    region_results = client_for(north_west, worker).get("/search/", {"q": "befriending"})
    hub_results = client_for(None, worker).get("/search/", {"q": "befriending"})

    found = [page.title for page in region_results.context["page_obj"]]
    assert found == ["Manchester Befriending Service"]
    assert list(hub_results.context["page_obj"]) == []


def test_the_library_runs_the_same_queries_however_many_resources(
    worker, library, north_west, client_for, django_assert_max_num_queries
):
    client = client_for(north_west, worker)
    for n in range(3):
        make_resource(worker.pcn.ccg, title=f"Group {n}")
    client.get(library.url)  # warm the menu's cache
    with django_assert_max_num_queries(24) as few:
        client.get(library.url, {"need": "loneliness"})
    for n in range(3, 25):
        make_resource(CCGFactory(region=north_west), title=f"Group {n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(library.url, {"need": "loneliness"})
    assert response.context["page_obj"].paginator.count == 25
