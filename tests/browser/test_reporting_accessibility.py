"""axe-core on the dashboards: no WCAG 2.2 AA violations it can detect, and nothing
scrolls sideways on a phone.

The pages: North West's dashboard for its coordinator (12 and 52 weeks, the table
alternative of a chart opened, a period not offered: the error summary), a CSV for
another region refused, and England's dashboard for the national team. The charts are
SVG images: the test also checks each one loads.

The figures are committed for the server to see and deleted when the module ends.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace

import pytest
from django.utils.text import slugify
from playwright.sync_api import expect

from .checks import Visit
from .conftest import made_for_the_module, signed_in_states

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

COORDINATOR, NATIONAL = "coordinator", "national"


@dataclass(frozen=True)
class Made:
    people: SimpleNamespace


def _models():
    from reporting.models import DailyFigure, FiguresRefreshed

    return [DailyFigure, FiguresRefreshed]


def _make(people) -> Made:
    from datetime import timedelta

    from django.utils import timezone

    from learning.accounts.enums import Role
    from learning.accounts.tests.factories import UserFactory
    from learning.regions.models import Region
    from reporting.enums import Breakdown, Metric
    from reporting.models import DailyFigure, FiguresRefreshed

    today = timezone.localdate()
    rows = []
    for n, region in enumerate(Region.objects.regional().order_by("name")):
        for days_ago in range(0, 370, 3):
            day = today - timedelta(days=days_ago)
            for metric in Metric:
                value = (days_ago * (n + 3) + len(metric)) % 9 + 1
                rows.append(DailyFigure(region=region, day=day, metric=metric,
                                        breakdown=Breakdown.REGION, value=value))  # fmt: skip
                for key, label in ((1, "NHS Manchester CCG"), (2, "NHS Liverpool CCG")):
                    rows.append(DailyFigure(region=region, day=day, metric=metric, key=key,
                                            label=label, breakdown=Breakdown.CCG, value=value))  # fmt: skip
                rows.append(DailyFigure(region=region, day=day, metric=metric, key=5,
                                        label="Autumn intake 2026", breakdown=Breakdown.COHORT,
                                        value=1))  # fmt: skip
        FiguresRefreshed.objects.create(region=region, refreshed_at=timezone.now())
    DailyFigure.objects.bulk_create(rows, batch_size=5000)
    national = UserFactory(
        role=Role.NATIONAL, full_name="Nadia Osei", email="nadia.osei.reports@example.nhs.uk"
    )
    return Made(
        people=SimpleNamespace(coordinator=people.north_west_coordinator, national=national)
    )


@pytest.fixture(scope="module")
def made(people, django_db_blocker) -> Made:
    with made_for_the_module(django_db_blocker, _models(), lambda: _make(people)) as made:
        yield made


@pytest.fixture(scope="module")
def sessions(made, server, browser):
    return {
        COORDINATOR: signed_in_states(
            browser, server.region("north-west"), made.people, (COORDINATOR,), "/reports/"
        )[COORDINATOR],
        NATIONAL: signed_in_states(browser, server.hub, made.people, (NATIONAL,), "/reports/")[
            NATIONAL
        ],
    }


def open_a_table(page):
    page.get_by_text("Learning completed per week: the figures as a table").click()
    expect(page.get_by_role("table", name="Learning completed per week")).to_be_visible()


def choose_a_period_not_offered(page):
    # The select offers only the periods; a hand-edited address is what sends another.
    page.goto(page.url.split("?")[0] + "?weeks=7")


# name: (who, host, path, what they do there first, what must show, status)
PAGES = {
    "regional dashboard": (COORDINATOR, "region", "/reports/", None, "NHS Liverpool CCG", 200),
    "regional dashboard, 52 weeks": (
        COORDINATOR, "region", "/reports/?weeks=52", None, "Autumn intake 2026", 200,
    ),
    "regional dashboard, a chart's table": (
        COORDINATOR, "region", "/reports/", open_a_table, "Week starting", 200,
    ),
    "regional dashboard, a period not offered": (
        COORDINATOR, "region", "/reports/", choose_a_period_not_offered, "There is a problem", 200,
    ),
    "another region's CSV refused": (
        COORDINATOR, "region", "/reports/export.csv?region=london", None,
        "exports North West's figures only", 403,
    ),
    "national dashboard": (NATIONAL, "hub", "/reports/", None, "Region by region", 200),
}  # fmt: skip


def visit(name, *, server, sessions) -> Visit:
    who, host, path, then, shows, status = PAGES[name]
    base = server.region("north-west") if host == "region" else server.hub
    return Visit(
        url=base + path, storage_state=sessions[who], then=then, shows=shows, status=status
    )


@pytest.mark.parametrize("name", PAGES)
def test_no_wcag_violations_axe_can_find(name, server, made, sessions, check_axe):
    check_axe(
        visit(name, server=server, sessions=sessions),
        name=f"reports {name}",
        screenshot=f"reports-{slugify(name)}",
    )


@pytest.mark.parametrize("name", PAGES)
def test_nothing_scrolls_sideways_on_a_phone(name, server, made, sessions, check_phone):
    check_phone(
        visit(name, server=server, sessions=sessions),
        name=f"reports {name}",
        screenshot=f"reports-{slugify(name)}",
    )


@pytest.mark.parametrize(("who", "host"), [(COORDINATOR, "region"), (NATIONAL, "hub")])
def test_every_chart_loads_as_an_image(who, host, server, made, sessions, new_context):
    base = server.region("north-west") if host == "region" else server.hub
    page = new_context(storage_state=sessions[who]).new_page()
    page.goto(base + "/reports/", wait_until="load")  # "load" waits for images
    charts = page.locator("img.lwln-chart")
    assert charts.count() == 3
    for index in range(3):
        chart = charts.nth(index)
        assert chart.get_attribute("alt").startswith("Line chart: ")
        width = chart.evaluate("img => img.complete ? img.naturalWidth : 0")
        assert width == 900, f"chart {index} did not load"
