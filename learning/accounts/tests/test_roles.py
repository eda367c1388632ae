import pytest

from learning.accounts.enums import NATIONAL_TEAM_GROUP, Role
from learning.accounts.tests.factories import CCGFactory, PCNFactory, UserFactory
from learning.audit.enums import AuditAction
from learning.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_the_national_team_changes_a_role_and_it_is_audited(north_west, client_for):
    national = UserFactory(role=Role.NATIONAL)
    worker = UserFactory(region=north_west)
    response = client_for(None, national).post(
        f"/people/{worker.pk}/role/", {"role": Role.COORDINATOR, "regions": [north_west.pk]}
    )
    assert response.status_code == 302
    worker.refresh_from_db()
    assert worker.role == Role.COORDINATOR
    assert worker.pcn is None
    assert list(worker.coordinated_regions.all()) == [north_west]
    event = AuditEvent.objects.get(action=AuditAction.ROLE_CHANGED)
    assert event.actor == national
    assert event.subject == worker.email
    assert event.details["before"]["role"] == Role.LINK_WORKER
    assert event.details["after"]["regions"] == ["north-west"]


def test_making_someone_national_team_gives_admin_access(client_for):
    national = UserFactory(role=Role.NATIONAL)
    worker = UserFactory()
    client_for(None, national).post(f"/people/{worker.pk}/role/", {"role": Role.NATIONAL})
    worker.refresh_from_db()
    assert worker.is_staff
    assert worker.groups.filter(name=NATIONAL_TEAM_GROUP).exists()
    assert worker.has_perm("wagtailadmin.access_admin")


def test_a_role_needs_its_organisation(client_for):
    national = UserFactory(role=Role.NATIONAL)
    worker = UserFactory()
    response = client_for(None, national).post(
        f"/people/{worker.pk}/role/", {"role": Role.CCG_LEAD}
    )
    assert response.status_code == 400
    assert "Choose the CCG" in response.content.decode()
    worker.refresh_from_db()
    assert worker.role == Role.LINK_WORKER
    assert not AuditEvent.objects.filter(action=AuditAction.ROLE_CHANGED).exists()


def test_only_the_national_team_can_change_roles(north_west, client_for):
    coordinator = UserFactory(role=Role.COORDINATOR, region=north_west)
    worker = UserFactory(region=north_west)
    client = client_for(None, coordinator)
    assert client.get("/people/").status_code == 403
    response = client.post(f"/people/{worker.pk}/role/", {"role": Role.NATIONAL})
    assert response.status_code == 403
    worker.refresh_from_db()
    assert worker.role == Role.LINK_WORKER


def test_only_the_national_team_reads_the_audit_log(north_west, client_for):
    assert client_for(None, UserFactory(role=Role.NATIONAL)).get("/audit/").status_code == 200
    coordinator = UserFactory(role=Role.COORDINATOR, region=north_west)
    assert client_for(None, coordinator).get("/audit/").status_code == 403
    assert client_for().get("/audit/").status_code == 302


def test_home_region_follows_the_organisation(north_west, london):
    worker = UserFactory(region=london)
    assert worker.home_region == london
    lead = UserFactory(role=Role.CCG_LEAD, region=north_west)
    assert lead.home_region == north_west
    pcn = PCNFactory(ccg=CCGFactory(region=north_west))
    worker.pcn = pcn
    worker.save()
    assert worker.home_region == north_west


def test_people_page_queries_do_not_grow_with_people(client_for, queries_for):
    national = UserFactory(role=Role.NATIONAL)
    client = client_for(None, national)
    client.get("/people/")
    few = queries_for(lambda: client.get("/people/"))
    for role in (Role.LINK_WORKER, Role.CCG_LEAD, Role.COORDINATOR) * 5:
        UserFactory(role=role)
    many = queries_for(lambda: client.get("/people/"))
    assert many == few
    assert many <= 12


@pytest.mark.parametrize("path", ["/people/?q=a%00b", "/audit/?q=a%00b", "/people/?role=%00"])
def test_search_boxes_survive_nul_characters(client_for, path):
    national = UserFactory(role=Role.NATIONAL)
    assert client_for(None, national).get(path).status_code == 200


def test_a_superuser_moved_to_another_role_loses_all_permissions(north_west, client_for):
    national = UserFactory(role=Role.NATIONAL)
    admin = UserFactory(role=Role.NATIONAL)
    admin.is_superuser = True
    admin.save()
    pcn = PCNFactory(ccg=CCGFactory(region=north_west))
    client_for(None, national).post(
        f"/people/{admin.pk}/role/", {"role": Role.LINK_WORKER, "pcn": pcn.pk}
    )
    admin.refresh_from_db()
    assert admin.role == Role.LINK_WORKER
    assert not admin.is_superuser
    assert not admin.is_staff
    assert not admin.has_perm("wagtailadmin.access_admin")
