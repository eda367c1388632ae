"""The learning coordinators' view of their region's inductions."""

import csv
import io

import pytest

from induction.enums import StepStatus
from induction.services import step_complete
from induction.tests.factories import steps_of
from learning.accounts.enums import Role
from learning.accounts.tests.factories import UserFactory
from learning.audit.enums import AuditAction
from learning.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

TABLE = "/induction-progress/"
EXPORT = "/induction-progress/export/"


def complete_everything(pack, person):
    found = steps_of(pack)
    step_complete(user=person, step=found["Who social prescribing helps"])
    step_complete(
        user=person,
        step=found["Reflect on what matters to me"],
        reflection="I listened.",
        share_reflection=True,
    )
    progress = step_complete(user=person, step=found["Meet your clinical supervisor"])
    progress.status = StepStatus.COMPLETED
    progress.save()


@pytest.fixture
def coordinator(north_west):
    return UserFactory(role=Role.COORDINATOR, region=north_west)


@pytest.fixture
def team(pack, north_west, london):
    """Three north-west link workers at different points, and one in London."""
    fresh = UserFactory(region=north_west, full_name="Ada Fresh")
    midway = UserFactory(region=north_west, full_name="Bea Midway")
    step_complete(user=midway, step=steps_of(pack)["Who social prescribing helps"])
    step_complete(user=midway, step=steps_of(pack)["Meet your clinical supervisor"])
    done = UserFactory(region=north_west, full_name="Cal Done")
    complete_everything(pack, done)
    elsewhere = UserFactory(region=london, full_name="Dev Elsewhere")
    return {"fresh": fresh, "midway": midway, "done": done, "elsewhere": elsewhere}


def names_in(html: str, team) -> list[str]:
    found = [(html.find(p.full_name), p.full_name) for p in team.values() if p.full_name in html]
    return [name for _, name in sorted(found)]


def test_a_coordinator_sees_their_regions_link_workers_and_how_far_each_is(
    team, coordinator, client_for
):
    html = client_for(None, coordinator).get(TABLE).content.decode()
    assert names_in(html, team) == ["Ada Fresh", "Bea Midway", "Cal Done"]
    assert "3 link workers" in html
    assert "1 of 3" in html and "3 of 3" in html and "0 of 3" in html
    assert "1 to sign off" in html
    assert "1 task waiting for your sign-off" in html


def test_the_table_filters_by_progress_and_by_name(team, coordinator, client_for):
    client = client_for(None, coordinator)
    completed = client.get(TABLE, {"state": "completed"}).content.decode()
    assert names_in(completed, team) == ["Cal Done"]
    waiting = client.get(TABLE, {"state": "awaiting_sign_off"}).content.decode()
    assert names_in(waiting, team) == ["Bea Midway"]
    not_started = client.get(TABLE, {"state": "not_started"}).content.decode()
    assert names_in(not_started, team) == ["Ada Fresh"]
    by_name = client.get(TABLE, {"q": "midway"}).content.decode()
    assert names_in(by_name, team) == ["Bea Midway"]
    nobody = client.get(TABLE, {"q": "nobody-called-this"}).content.decode()
    assert "No link workers match." in nobody


def test_the_table_sorts_by_progress_and_ignores_unknown_sorts(team, coordinator, client_for):
    client = client_for(None, coordinator)
    most_first = client.get(TABLE, {"sort": "-progress"}).content.decode()
    assert names_in(most_first, team) == ["Cal Done", "Bea Midway", "Ada Fresh"]
    assert 'aria-sort="descending"' in most_first
    forged = client.get(TABLE, {"sort": "password", "state": "x' OR 1=1", "region": "london"})
    assert forged.status_code == 200
    assert names_in(forged.content.decode(), team) == ["Ada Fresh", "Bea Midway", "Cal Done"]


def test_the_national_team_sees_every_region_and_can_narrow_to_one(team, client_for):
    client = client_for(None, UserFactory(role=Role.NATIONAL))
    everyone = client.get(TABLE).content.decode()
    assert "Dev Elsewhere" in everyone and "Ada Fresh" in everyone
    london = client.get(TABLE, {"region": "london"}).content.decode()
    assert names_in(london, team) == ["Dev Elsewhere"]


@pytest.mark.parametrize("role", [Role.LINK_WORKER, Role.CCG_LEAD])
def test_link_workers_and_ccg_leads_cannot_open_the_table(team, north_west, client_for, role):
    client = client_for(None, UserFactory(role=role, region=north_west))
    assert client.get(TABLE).status_code == 403
    assert client.get(EXPORT).status_code == 403
    assert client.get(f"/induction-progress/people/{team['done'].pk}/").status_code == 403


def test_signed_out_visitors_are_sent_to_sign_in(team, client_for):
    response = client_for().get(TABLE)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_the_csv_holds_every_filtered_row_is_audited_and_defuses_formulas(
    team, coordinator, client_for
):
    team["fresh"].full_name = '=HYPERLINK("http://evil.example")'
    team["fresh"].save()
    response = client_for(None, coordinator).get(EXPORT, {"sort": "-progress"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    body = b"".join(response.streaming_content).decode()
    assert body.startswith("\ufeff")  # so Excel reads it as UTF-8
    rows = list(csv.reader(io.StringIO(body[1:])))
    assert rows[0][:3] == ["Name", "Email", "PCN"]
    assert [row[0] for row in rows[1:]] == [
        "Cal Done",
        "Bea Midway",
        '\'=HYPERLINK("http://evil.example")',
    ]
    assert rows[1][5:9] == ["3", "3", "0", "Completed"]
    assert AuditEvent.objects.filter(
        action=AuditAction.INDUCTION_EXPORTED, actor=coordinator
    ).exists()


def test_a_coordinator_reads_a_persons_steps_and_reflections_and_it_is_audited(
    team, coordinator, client_for
):
    done = team["done"]
    response = client_for(None, coordinator).get(f"/induction-progress/people/{done.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "I listened." in html
    assert "3 of 3 required steps completed" in html
    assert AuditEvent.objects.filter(
        action=AuditAction.INDUCTION_RECORD_VIEWED, actor=coordinator, subject=done.email
    ).exists()


def test_another_regions_coordinator_cannot_read_a_persons_induction(team, london, client_for):
    outsider = client_for(None, UserFactory(role=Role.COORDINATOR, region=london))
    for path in (
        f"/induction-progress/people/{team['done'].pk}/",
        f"/induction-progress/people/{team['done'].pk}/record/",
    ):
        response = outsider.get(path)
        assert response.status_code == 404
        assert b"I listened." not in response.content
    table = outsider.get(TABLE).content.decode()
    assert names_in(table, team) == ["Dev Elsewhere"]


def test_the_table_is_paginated_and_its_queries_do_not_grow(
    pack, coordinator, north_west, client_for, django_assert_max_num_queries
):
    client = client_for(None, coordinator)
    UserFactory(region=north_west)
    client.get(TABLE)  # warm the site and content-type caches
    for n in range(30):
        person = UserFactory(region=north_west, full_name=f"Person {n:02d}")
        if n % 2:
            step_complete(user=person, step=steps_of(pack)["Who social prescribing helps"])
    # Two of these are django-tenants setting the search_path.
    with django_assert_max_num_queries(13):
        first = client.get(TABLE)
    html = first.content.decode()
    assert "31 link workers" in html
    assert html.count('role="row"') == 26  # a header row and 25 people
    assert "Page 2 of 2" in html
    second = client.get(TABLE, {"page": 2}).content.decode()
    assert second.count('role="row"') == 7
