from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from learning.regions.selectors import region_host
from learning.regions.services import region_create


class Command(BaseCommand):
    help = "Add a region in one step: its schema, migrations, host and default forum categories."

    def add_arguments(self, parser):
        parser.add_argument("slug", help="Host label, e.g. north-west")
        parser.add_argument("name", help="Display name, e.g. 'North West'")

    def handle(self, *args, slug, name, **options):
        try:
            region = region_create(slug=slug, name=name)
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"{region.name}: schema {region.schema_name}, host {region_host(slug)}"
            )
        )
