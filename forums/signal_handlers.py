from django.dispatch import receiver
from django_tenants.signals import post_schema_sync
from django_tenants.utils import get_public_schema_name, tenant_context

from .services import categories_seed_defaults


@receiver(post_schema_sync)
def seed_new_region(sender, tenant, **kwargs):
    """A new region starts with the default forum categories."""
    if tenant.schema_name == get_public_schema_name():
        return
    with tenant_context(tenant):
        categories_seed_defaults()
