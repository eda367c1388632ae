from django.core.validators import RegexValidator
from django.db import models
from django_tenants.models import DomainMixin, TenantMixin
from django_tenants.utils import (
    get_creation_fakes_migrations,
    get_public_schema_name,
    schema_exists,
)

from .template import template_ensure, template_lock, unique_constraint_names_restore

slug_validator = RegexValidator(
    r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$",
    "Use lower-case letters, digits and single hyphens, starting with a letter.",
)


class RegionQuerySet(models.QuerySet):
    def regional(self):
        """The regions proper, without the national hub's public-schema row."""
        return self.exclude(schema_name=get_public_schema_name())


class Region(TenantMixin):
    """An NHS England region: its own schema and host. The public row is the national hub."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=63, unique=True, validators=[slug_validator])
    created_at = models.DateTimeField(auto_now_add=True)

    auto_create_schema = True
    auto_drop_schema = False
    # New schemas are cloned from the template (learning.regions.template):
    # its structure only, so no row in it can ever reach a region.
    clone_mode = "NODATA"

    objects = RegionQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def create_schema(self, check_if_exists=False, sync_schema=True, verbosity=1):
        """Clone the template schema, after bringing it up to the latest migration."""
        if (
            not sync_schema
            or not get_creation_fakes_migrations()  # cloning switched off: plain migration
            or (check_if_exists and schema_exists(self.schema_name))
        ):
            return super().create_schema(check_if_exists, sync_schema, verbosity)
        with template_lock():
            template = template_ensure(verbosity=verbosity)
            created = super().create_schema(check_if_exists, sync_schema, verbosity)
            unique_constraint_names_restore(source=template, target=self.schema_name)
        return created

    @property
    def is_hub(self) -> bool:
        return self.schema_name == get_public_schema_name()

    @property
    def primary_host(self) -> str:
        domain = self.domains.filter(is_primary=True).first()
        return domain.domain if domain else ""


class Domain(DomainMixin):
    def __str__(self) -> str:
        return self.domain
