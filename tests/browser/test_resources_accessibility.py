"""axe-core on the local resources pages: no WCAG 2.2 AA violations it can detect, and
nothing scrolls sideways on a phone.

The pages, on the North West host as its link worker: the library (every resource;
filtered by need; a search that finds nothing; a filter naming another region's CCG:
the error summary), a service's page, an overdue one, and a correction sent empty (the
error summary); and the resources index on the hub. A correction is sent once in the
browser.

The rows are committed for the server to see and deleted when the module ends (the
package's `people` fixture then deletes the pages made for new CCGs).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.utils.text import slugify
from playwright.sync_api import expect

from .checks import Visit
from .conftest import made_for_the_module, signed_in_states

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

WORKER = "north_west_link_worker"


@dataclass(frozen=True)
class Made:
    library: str
    service: str
    overdue: str
    foreign_ccg: int


def _models():
    from resources.models import Correction, LinkCheck

    return [Correction, LinkCheck]


def _make(people) -> Made:
    from django.utils import timezone

    from learning.accounts.tests.factories import CCGFactory
    from learning.regions.models import Region
    from resources.enums import Need, ResourceKind
    from resources.models import RegionResourcesPage
    from resources.tests.factories import make_resource

    regions = {r.slug: r for r in Region.objects.regional()}
    ccg = people.north_west_pcn.ccg
    other = CCGFactory(region=regions["north-west"], name="NHS Bolton CCG")
    today = timezone.localdate()
    service = make_resource(
        ccg, title="Wythenshawe Men's Shed", needs=[Need.LONELINESS, Need.MENTAL_HEALTH],
        who_for="Men over 18", email="shed@example.org", website="https://shed.example.org/",
        address="12 Example Road\nWythenshawe", opening_times="Tuesdays and Thursdays, 10am to 3pm",
    )  # fmt: skip
    overdue = make_resource(
        other, title="Farnworth Lunch Club", needs=[Need.FOOD, Need.LONELINESS],
        last_reviewed=today - timedelta(days=400), next_review_due=today - timedelta(days=3),
    )  # fmt: skip
    make_resource(
        ccg, title="Council referral routes", kind=ResourceKind.LINK, needs=[Need.HOUSING],
        website="https://council.example.org/referrals", how_to_refer="", phone="",
    )  # fmt: skip
    for n in range(3):
        make_resource(other, title=f"Debt advice drop-in {n + 1}", needs=[Need.DEBT])
    foreign = CCGFactory(region=regions["london"], name="NHS Camden CCG")
    library = RegionResourcesPage.objects.get(region=regions["north-west"])
    return Made(
        library=library.url, service=service.url, overdue=overdue.url, foreign_ccg=foreign.pk
    )


@pytest.fixture(scope="module")
def made(people, django_db_blocker) -> Made:
    with made_for_the_module(django_db_blocker, _models(), lambda: _make(people)) as made:
        yield made


@pytest.fixture(scope="module")
def sessions(made, people, server, browser):
    return {
        "region": signed_in_states(
            browser, server.region("north-west"), people, (WORKER,), made.library
        )[WORKER],
        "hub": signed_in_states(browser, server.hub, people, (WORKER,), "/")[WORKER],
    }


def send_an_empty_correction(page):
    with page.expect_navigation():
        page.get_by_role("button", name="Send correction").press("Enter")
    expect(page.get_by_role("alert")).to_contain_text("There is a problem")


# name: (host, path of the data, what they do there first, what must show, status)
PAGES = {
    "library": ("region", lambda m: m.library, None, "Wythenshawe Men's Shed", 200),
    "library filtered by need": (
        "region", lambda m: m.library + "?need=debt", None, "3 resources match", 200,
    ),
    "library, nothing found": (
        "region", lambda m: m.library + "?q=skydiving", None, "No resources match", 200,
    ),
    "library, another region's CCG": (
        "region", lambda m: f"{m.library}?ccg={m.foreign_ccg}", None, "There is a problem", 200,
    ),
    "a service": ("region", lambda m: m.service, None, "How to refer", 200),
    "an overdue resource": ("region", lambda m: m.overdue, None, "Review overdue", 200),
    "a correction sent empty": (
        "region", lambda m: m.service, send_an_empty_correction, "Say what needs correcting", 200,
    ),
    "resources on the hub": ("hub", lambda m: "/resources/", None, "North West", 200),
}  # fmt: skip


def visit(name, *, server, made, sessions) -> Visit:
    host, path, then, shows, status = PAGES[name]
    base = server.region("north-west") if host == "region" else server.hub
    return Visit(
        url=base + path(made),
        storage_state=sessions[host],
        then=then,
        shows=shows,
        status=status,
    )


@pytest.mark.parametrize("name", PAGES)
def test_no_wcag_violations_axe_can_find(name, server, made, sessions, check_axe):
    check_axe(
        visit(name, server=server, made=made, sessions=sessions),
        name=f"resources {name}",
        screenshot=f"resources-{slugify(name)}",
    )


@pytest.mark.parametrize("name", PAGES)
def test_nothing_scrolls_sideways_on_a_phone(name, server, made, sessions, check_phone):
    check_phone(
        visit(name, server=server, made=made, sessions=sessions),
        name=f"resources {name}",
        screenshot=f"resources-{slugify(name)}",
    )


def test_a_link_worker_finds_a_service_and_suggests_a_correction(
    server, made, sessions, new_context
):
    page = new_context(storage_state=sessions["region"]).new_page()
    page.goto(server.region("north-west") + made.library)
    page.get_by_role("textbox", name="Search resources").fill("men's shed")
    with page.expect_navigation():
        page.get_by_role("button", name="Show resources").press("Enter")
    with page.expect_navigation():
        page.get_by_role("link", name="Wythenshawe Men's Shed").click()
    page.get_by_label("What needs correcting?").fill("They now meet on Fridays too.")
    with page.expect_navigation():
        page.get_by_role("button", name="Send correction").press("Enter")
    expect(page.locator("main")).to_contain_text("Your correction has gone to the CCG")
