from django.db import transaction
from django_tenants.utils import get_public_schema_name

from .models import Domain, Region
from .selectors import region_host


def schema_name_for(slug: str) -> str:
    return slug.replace("-", "_")


@transaction.atomic
def hub_ensure(*, host: str) -> Region:
    """The national hub: the public schema's tenant row, served at the base domain."""
    hub, _ = Region.objects.get_or_create(
        schema_name=get_public_schema_name(),
        defaults={"name": "National hub", "slug": "hub"},
    )
    Domain.objects.get_or_create(domain=host, defaults={"tenant": hub, "is_primary": True})
    return hub


def region_create(*, slug: str, name: str) -> Region:
    """Create a region in one step: schema, migrations, host, default content.

    Saving a Region creates its schema by cloning the migrated template schema
    (`Region.create_schema`, learning.regions.template); the `post_schema_sync`
    signal lets tenant apps seed defaults (forum categories).
    Idempotent: an existing region is returned unchanged but for a missing domain.
    """
    region = Region.objects.filter(slug=slug).first()
    if region is None:
        region = Region(slug=slug, name=name, schema_name=schema_name_for(slug))
        region.full_clean()
        region.save(verbosity=0)  # creates the schema; not atomic by design
    Domain.objects.get_or_create(
        domain=region_host(slug), defaults={"tenant": region, "is_primary": True}
    )
    return region
