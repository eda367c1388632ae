"""Who sees which dashboard, what it shows, its charts and CSV, its query count, and
refusals that say why."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from learning.accounts.enums import Role
from learning.accounts.tests.factories import UserFactory
from reporting.enums import Breakdown, Metric
from reporting.models import DailyFigure, FiguresRefreshed

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(north_west):
    return UserFactory(role=Role.COORDINATOR, region=north_west)


@pytest.fixture
def national():
    return UserFactory(role=Role.NATIONAL)


def store(region, metric, value, *, breakdown=Breakdown.REGION, key=0, label="", days_ago=0):
    DailyFigure.objects.update_or_create(
        region=region, day=timezone.localdate() - timezone.timedelta(days=days_ago),
        metric=metric, breakdown=breakdown, key=key, defaults={"label": label, "value": value},
    )  # fmt: skip


@pytest.fixture
def figures(north_west, london):
    for region, scale in ((north_west, 1), (london, 10)):
        store(region, Metric.LINK_WORKERS, 40 * scale)
        store(region, Metric.MODULES_COMPLETED, 3 * scale)
        # Seven days ago is last week whatever today is (eight, on a Monday, is two weeks back).
        store(region, Metric.MODULES_COMPLETED, 2 * scale, days_ago=7)
        store(region, Metric.FORUM_FIRST_RESPONSES, 2)
        store(region, Metric.FORUM_RESPONSE_MINUTES, 180)
        FiguresRefreshed.objects.create(region=region, refreshed_at=timezone.now())
    store(
        north_west,
        Metric.MODULES_COMPLETED,
        3,
        breakdown=Breakdown.CCG,
        key=7,
        label="NHS Bolton CCG",
    )
    store(
        north_west, Metric.LINK_WORKERS, 25, breakdown=Breakdown.CCG, key=7, label="NHS Bolton CCG"
    )
    store(
        north_west,
        Metric.MODULES_COMPLETED,
        1,
        breakdown=Breakdown.COHORT,
        key=3,
        label="Spring intake",
    )


@pytest.mark.parametrize(
    ("role", "host", "status"),
    [
        ("coordinator", "north-west", 200),
        ("national", "north-west", 200),
        ("national", None, 200),
        ("london coordinator", "north-west", 404),
        ("link worker", "north-west", 404),
        ("link worker", None, 404),
    ],
)
def test_who_sees_which_dashboard(role, host, status, figures, regions, client_for):
    people = {
        "coordinator": lambda: UserFactory(role=Role.COORDINATOR, region=regions["north-west"]),
        "national": lambda: UserFactory(role=Role.NATIONAL),
        "london coordinator": lambda: UserFactory(role=Role.COORDINATOR, region=regions["london"]),
        "link worker": lambda: UserFactory(region=regions["north-west"]),
    }
    client = client_for(regions[host] if host else None, people[role]())
    for path in (
        "/reports/",
        "/reports/charts/learning.svg" if host else "/reports/charts/replies.svg",
        "/reports/export.csv",
    ):
        assert client.get(path).status_code == status, path


def test_a_coordinator_on_the_hub_is_sent_to_their_regions_dashboard(coordinator, client_for):
    page = client_for(None, coordinator).get("/reports/").content.decode()
    assert 'href="http://north-west.localhost:8000/reports/"' in page


@pytest.mark.clock
def test_the_regional_dashboard_shows_figures_by_ccg_and_cohort(
    coordinator, figures, north_west, client_for
):
    page = client_for(north_west, coordinator).get("/reports/").content.decode()

    assert "How North West is doing" in page
    assert "NHS Bolton CCG" in page and "Spring intake" in page
    assert "1.5 h" in page  # 180 minutes over 2 first replies
    assert 'src="/reports/charts/learning.svg"' in page
    assert "the figures as a table" in page
    assert "London" not in page


@pytest.mark.clock
def test_the_national_dashboard_is_region_by_region_and_reads_only_totals(
    national, figures, client_for
):
    client = client_for(None, national)
    with CaptureQueriesContext(connection) as captured:
        page = client.get("/reports/").content.decode()

    assert "How the network is doing in England" in page
    assert "NHS Bolton CCG" not in page and "Spring intake" not in page
    assert "England" in page
    sql = " ".join(query["sql"] for query in captured.captured_queries)
    for personal in (
        "forums_",
        "cohorts_",
        "courses_enrolment",
        "induction_stepprogress",
        "webinars_",
    ):
        assert personal not in sql
    assert "'ccg'" not in sql and "'cohort'" not in sql


def test_dashboards_run_the_same_queries_however_many_regions_and_figures(
    national, coordinator, figures, north_west, london, client_for, django_assert_max_num_queries
):
    hub, region = client_for(None, national), client_for(north_west, coordinator)
    hub.get("/reports/"), region.get("/reports/")  # warm the menu's cache
    with django_assert_max_num_queries(20) as national_few:
        hub.get("/reports/")
    with django_assert_max_num_queries(20) as regional_few:
        region.get("/reports/")
    for days_ago in range(1, 60):
        for metric in Metric:
            store(north_west, metric, days_ago, days_ago=days_ago)
            store(london, metric, days_ago, days_ago=days_ago)
            store(
                north_west,
                metric,
                1,
                breakdown=Breakdown.CCG,
                key=100 + days_ago,
                label=f"CCG {days_ago}",
                days_ago=days_ago,
            )
    with django_assert_max_num_queries(len(national_few.captured_queries)):
        hub.get("/reports/", {"weeks": 52})
    with django_assert_max_num_queries(len(regional_few.captured_queries)):
        response = region.get("/reports/", {"weeks": 52})
    assert len(response.context["figures"].ccg_rows) == 60


def test_a_chart_is_an_svg_with_its_lines_and_a_policy_that_runs_nothing(
    coordinator, figures, north_west, client_for
):
    response = client_for(north_west, coordinator).get("/reports/charts/learning.svg")

    assert response["Content-Type"] == "image/svg+xml"
    svg = response.content.decode()
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg
    assert "Modules completed" in svg and "Certificates issued" in svg
    policy = response["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "script-src" not in policy
    assert (
        client_for(north_west, coordinator).get("/reports/charts/nonsense.svg").status_code == 404
    )


def read_csv(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


@pytest.mark.clock
def test_the_regional_csv_has_weekly_figures_and_the_ccg_and_cohort_tables(
    coordinator, figures, north_west, client_for
):
    response = client_for(north_west, coordinator).get("/reports/export.csv", {"weeks": "4"})

    assert (
        response["Content-Disposition"] == 'attachment; filename="figures-north-west-4-weeks.csv"'
    )
    rows = read_csv(response)
    assert rows[0] == ["Section", "Name", "Figure", "Week starting", "Value"]
    weekly = [r for r in rows if r[0] == "Weekly" and r[2] == "Modules completed"]
    assert [int(r[4]) for r in weekly][-2:] == [2, 3]
    assert ["By CCG", "NHS Bolton CCG", "Modules completed", "", "3"] in rows
    assert ["By cohort", "Spring intake", "Modules completed", "", "1"] in rows
    assert not any(r[1] == "London" for r in rows)


def test_a_csv_for_another_region_is_refused_with_a_reason(
    coordinator, national, figures, north_west, client_for
):
    refused = client_for(north_west, coordinator).get("/reports/export.csv", {"region": "london"})
    assert refused.status_code == 403
    assert "exports North West's figures only" in refused.content.decode()

    on_the_hub = client_for(None, national).get("/reports/export.csv", {"region": "london"})
    assert on_the_hub.status_code == 404
    assert "downloaded from that region's own dashboard" in on_the_hub.content.decode()


def test_a_period_not_offered_is_a_form_error_and_the_default_is_shown(
    coordinator, figures, north_west, client_for
):
    response = client_for(north_west, coordinator).get("/reports/", {"weeks": "9999"})

    assert response.status_code == 400
    assert "Choose one of the periods in the list." in response.content.decode()
    assert len(response.context["figures"].weeks) == 12


def test_before_any_figures_the_dashboard_says_so(coordinator, north_west, client_for):
    page = client_for(north_west, coordinator).get("/reports/").content.decode()
    assert "No figures have been worked out yet" in page
