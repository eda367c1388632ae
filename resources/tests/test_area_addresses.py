"""A CCG's resources live at an address made from the CCG's name, which a person can
read and share (`/resources/north-west/nhs-manchester-ccg/...`), not `ccg-c6dd2f0`."""

import importlib

import pytest
from django.apps import apps
from wagtail.contrib.redirects.models import Redirect

from learning.accounts.tests.factories import CCGFactory
from resources.models import AreaResourcesPage
from resources.services import area_ensure, resource_tree_ensure

from .factories import make_resource

pytestmark = pytest.mark.django_db


def test_a_new_area_is_named_after_its_ccg(north_west):
    area = area_ensure(CCGFactory(region=north_west, name="NHS Bolton CCG", code="00T"))

    assert area.slug == "nhs-bolton-ccg"
    assert area.url == "/resources/north-west/nhs-bolton-ccg/"


def test_two_ccgs_with_one_name_in_a_library_get_different_addresses(north_west, london):
    first = area_ensure(CCGFactory(region=north_west, name="NHS Riverside CCG", code="R1A"))
    second = area_ensure(CCGFactory(region=north_west, name="NHS Riverside CCG", code="R2B"))
    elsewhere = area_ensure(CCGFactory(region=london, name="NHS Riverside CCG", code="R3C"))

    assert first.slug == "nhs-riverside-ccg"
    assert second.slug == "nhs-riverside-ccg-r2b"
    assert elsewhere.slug == "nhs-riverside-ccg"  # another library


def test_a_renamed_ccg_moves_its_resources_address_and_the_old_one_redirects(
    north_west, client_for, on_commit
):
    from learning.accounts.enums import Role
    from learning.accounts.tests.factories import UserFactory

    ccg = CCGFactory(region=north_west, name="NHS Wigan CCG", code="02H")
    resource = make_resource(ccg, title="Wigan Walking Group")
    old_url = resource.url
    assert old_url.startswith("/resources/north-west/nhs-wigan-ccg/")

    ccg.name = "NHS Wigan Borough CCG"
    with on_commit():  # Wagtail makes the redirects after commit
        ccg.save()

    area = AreaResourcesPage.objects.get(ccg=ccg)
    resource.refresh_from_db()
    assert area.title == "NHS Wigan Borough CCG" and area.slug == "nhs-wigan-borough-ccg"
    assert resource.url.startswith("/resources/north-west/nhs-wigan-borough-ccg/")
    reader = client_for(north_west, UserFactory(role=Role.LINK_WORKER, region=north_west))
    assert "Wigan Walking Group" in reader.get(resource.url).content.decode()
    moved = reader.get(old_url)
    assert moved.status_code == 301 and moved["Location"].rstrip("/") == resource.url.rstrip("/")


def _make_opaque(area):
    """An area as it was made before: `ccg-<code>`."""
    area.refresh_from_db()
    area.slug = f"ccg-{area.ccg.code.lower()}"
    area.save(clean=False, update_fields=["slug", "url_path"])
    return area


def test_setting_up_the_tree_again_renames_opaque_areas(north_west):
    ccg = CCGFactory(region=north_west, name="NHS Salford CCG", code="01G")
    area = _make_opaque(area_ensure(ccg))

    resource_tree_ensure(area.get_parent().get_parent().get_parent())

    area.refresh_from_db()
    assert area.slug == "nhs-salford-ccg"


def test_the_data_migration_renames_opaque_areas_and_keeps_old_addresses(north_west, client_for):
    from learning.accounts.enums import Role
    from learning.accounts.tests.factories import UserFactory

    ccg = CCGFactory(region=north_west, name="NHS Stockport CCG", code="01W")
    area = area_ensure(ccg)
    resource = make_resource(ccg, title="Stockport Lunch Club")
    _make_opaque(area)
    resource.refresh_from_db()
    old_url = resource.url
    assert "/ccg-01w/" in old_url
    migration = importlib.import_module("resources.migrations.0002_area_slugs_from_names")

    migration.area_slugs_from_names(apps, None)

    area.refresh_from_db()
    resource.refresh_from_db()
    assert area.slug == "nhs-stockport-ccg"
    assert resource.url == f"/resources/north-west/nhs-stockport-ccg/{resource.slug}/"
    assert Redirect.objects.filter(redirect_page=resource).exists()
    reader = client_for(north_west, UserFactory(role=Role.LINK_WORKER, region=north_west))
    assert "Stockport Lunch Club" in reader.get(resource.url).content.decode()
    assert reader.get(old_url)["Location"].rstrip("/") == resource.url.rstrip("/")


def test_setup_editorial_makes_each_regions_library_and_each_ccgs_area(north_west):
    from django.core.management import call_command

    from resources.models import RegionResourcesPage

    ccg = CCGFactory(region=north_west, name="NHS Wigan CCG", code="02H")

    call_command("setup_editorial", verbosity=0)

    assert RegionResourcesPage.objects.filter(region=north_west).exists()
    assert AreaResourcesPage.objects.filter(ccg=ccg).exists()
