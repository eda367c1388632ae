import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import Client
from django_tenants.utils import schema_exists, tenant_context

from forums.enums import DEFAULT_CATEGORIES
from forums.models import Category
from learning.regions.models import Domain, Region


@pytest.fixture
def cleanup_region(django_db_blocker):
    slugs = []
    yield slugs.append
    with django_db_blocker.unblock():
        connection.set_schema_to_public()
        for region in Region.objects.filter(slug__in=slugs):
            region.domains.all().delete()
            region.delete(force_drop=True)


@pytest.mark.django_db(transaction=False)
def test_add_region_creates_schema_host_and_default_categories(cleanup_region, capsys):
    cleanup_region("isle-of-wight")
    call_command("add_region", "isle-of-wight", "Isle of Wight")
    region = Region.objects.get(slug="isle-of-wight")
    assert region.schema_name == "isle_of_wight"
    assert schema_exists("isle_of_wight")
    assert Domain.objects.get(tenant=region).domain == "isle-of-wight.localhost"
    with tenant_context(region):
        assert Category.objects.count() == len(DEFAULT_CATEGORIES)
    assert "Isle of Wight" in Client(HTTP_HOST="isle-of-wight.localhost").get("/").content.decode()
    # Running it again changes nothing.
    call_command("add_region", "isle-of-wight", "Isle of Wight")
    assert Region.objects.filter(slug="isle-of-wight").count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("slug", ["Not A Slug", "-bad", "bad--slug", "a" * 64])
def test_add_region_refuses_a_bad_slug(slug):
    with pytest.raises(CommandError):
        call_command("add_region", slug, "Somewhere")
    assert not Region.objects.filter(name="Somewhere").exists()
