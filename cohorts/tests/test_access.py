"""Only the people who run a region see its cohorts; everyone else finds nothing,
and a cohort, member or assignment number from elsewhere changes nothing."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django_tenants.utils import tenant_context

from learning.accounts.enums import Role
from learning.accounts.tests.factories import UserFactory
from learning.audit.models import AuditEvent

from .. import services
from ..models import Cohort, CohortAssignment, CohortMember
from .factories import add_members, assign, make_cohort

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(north_west, coordinator, workers, module):
    with tenant_context(north_west):
        cohort = make_cohort(by=coordinator, start_date=date(2027, 3, 1))
        [member] = add_members(cohort, workers[:1], by=coordinator)
        assignment = assign(cohort, module, due=date(2027, 4, 1))
    return cohort, member, assignment


def every_url(cohort_id: int, member_id: int, assignment_id: int) -> list[str]:
    base = f"/cohorts/{cohort_id}"
    return [
        "/cohorts/",
        "/cohorts/new/",
        f"{base}/",
        f"{base}/export/",
        f"{base}/edit/",
        f"{base}/archive/",
        f"{base}/members/",
        f"{base}/members/upload/",
        f"{base}/members/{member_id}/remove/",
        f"{base}/learning/",
        f"{base}/learning/{assignment_id}/",
        f"{base}/learning/{assignment_id}/remove/",
        f"{base}/remind/",
    ]


def test_every_cohort_page_is_listed_here():
    from cohorts.urls import urlpatterns

    assert len(urlpatterns) == len(every_url(1, 1, 1))


def snapshot(region):
    with tenant_context(region):
        return (
            list(Cohort.objects.values_list("pk", "name", "start_date", "archived_at")),
            list(CohortMember.objects.values_list("pk", "cohort_id", "user_id")),
            list(CohortAssignment.objects.values_list("pk", "due_date")),
        )


@pytest.mark.parametrize("role", [Role.LINK_WORKER, Role.CCG_LEAD])
def test_members_of_the_region_who_do_not_run_it_find_nothing(north_west, setup, client_for, role):
    cohort, member, assignment = setup
    client = client_for(north_west, UserFactory(role=role, region=north_west))
    before = snapshot(north_west)
    for url in every_url(cohort.pk, member.pk, assignment.pk):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"name": "Taken", "email": "x@nhs.net"}).status_code == 404, url
    assert snapshot(north_west) == before
    assert not AuditEvent.objects.exists()


def test_the_cohorts_menu_item_shows_only_to_those_who_run_the_region(
    north_west, setup, client_for, coordinator
):
    worker = client_for(north_west, UserFactory(region=north_west))
    assert 'href="/cohorts/"' not in worker.get("/my-learning/").content.decode()
    assert worker.get("/manage/").status_code == 404
    # A coordinator's tools are on the Manage page, one item from the header.
    coordinator_client = client_for(north_west, coordinator)
    assert 'href="/manage/"' in coordinator_client.get("/my-learning/").content.decode()
    assert 'href="/cohorts/"' in coordinator_client.get("/manage/").content.decode()


def test_another_regions_coordinator_is_refused_at_the_door(north_west, london, setup, client_for):
    cohort, member, assignment = setup
    client = client_for(north_west, UserFactory(role=Role.COORDINATOR, region=london))
    for url in every_url(cohort.pk, member.pk, assignment.pk):
        assert client.get(url).status_code == 403, url


def test_signed_out_visitors_are_asked_to_sign_in(north_west, setup, client_for):
    response = client_for(north_west).get(f"/cohorts/{setup[0].pk}/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_national_team_runs_every_regions_cohorts(north_west, setup, client_for):
    cohort, member, assignment = setup
    client = client_for(north_west, UserFactory(role=Role.NATIONAL))
    for url in every_url(cohort.pk, member.pk, assignment.pk):
        if not url.endswith("/archive/"):  # POST only
            assert client.get(url).status_code == 200, url


def test_the_hub_has_no_cohort_pages(setup, client_for):
    client = client_for(None, UserFactory(role=Role.NATIONAL))
    assert client.get("/cohorts/").status_code == 404


def test_a_cohort_of_another_region_is_not_found_and_nothing_changes(
    north_west, london, coordinator, workers, module, client_for
):
    london_coordinator = UserFactory(role=Role.COORDINATOR, region=london)
    with tenant_context(london):
        theirs = make_cohort(by=london_coordinator, name="London spring")
        [their_member] = add_members(theirs, [UserFactory(region=london)], by=london_coordinator)
        their_item = assign(theirs, module, due=date(2027, 4, 1))
    with tenant_context(north_west):
        assert not Cohort.objects.filter(pk=theirs.pk).exists()  # numbers are per schema
    national = client_for(north_west, UserFactory(role=Role.NATIONAL))
    before = snapshot(london)
    for url in every_url(theirs.pk, their_member.pk, their_item.pk)[2:]:
        if not url.endswith("/archive/"):  # POST only: a GET is refused before any lookup
            assert national.get(url).status_code == 404, url
        assert (
            national.post(url, {"email": workers[0].email, "action": "archive"}).status_code == 404
        )
    assert snapshot(london) == before
    with tenant_context(north_west):
        assert not CohortMember.objects.exists()


@pytest.mark.parametrize("forged", ["0", "999999999", "99999999999999999999"])
def test_forged_numbers_are_not_found(north_west, setup, coordinator_client, forged):
    cohort = setup[0]
    before = snapshot(north_west)
    for url in [
        f"/cohorts/{forged}/",
        f"/cohorts/{forged}/members/",
        f"/cohorts/{cohort.pk}/members/{forged}/remove/",
        f"/cohorts/{cohort.pk}/learning/{forged}/",
        f"/cohorts/{cohort.pk}/learning/{forged}/remove/",
        f"/cohorts/{forged}/remind/",
    ]:
        assert coordinator_client.get(url).status_code == 404, url
        assert coordinator_client.post(url).status_code == 404, url
    assert snapshot(north_west) == before


def test_services_check_again_whoever_calls_them(north_west, setup, workers):
    cohort, member, assignment = setup
    worker = workers[0]
    calls = [
        lambda: services.cohort_create(actor=worker, name="Mine", start_date=date(2027, 1, 1)),
        lambda: services.cohort_member_add(actor=worker, cohort_id=cohort.pk, email="x@nhs.net"),
        lambda: services.cohort_member_remove(
            actor=worker, cohort_id=cohort.pk, member_id=member.pk
        ),
        lambda: services.cohort_assignment_remove(
            actor=worker, cohort_id=cohort.pk, assignment_id=assignment.pk
        ),
        lambda: services.cohort_nudge(actor=worker, cohort_id=cohort.pk),
        lambda: services.cohort_set_archived(actor=worker, cohort_id=cohort.pk, archived=True),
    ]
    with tenant_context(north_west):
        assert connection.schema_name == north_west.schema_name
        for call in calls:
            with pytest.raises(PermissionDenied):
                call()
    assert snapshot(north_west)[1] == [(member.pk, cohort.pk, worker.pk)]
