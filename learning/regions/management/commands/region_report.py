from django.core.management.base import BaseCommand, CommandError
from django_tenants.utils import tenant_context

from learning.regions.selectors import region_list
from learning.regions.tasks import region_report


class Command(BaseCommand):
    help = "Ask a Celery worker to report from inside each region's schema."

    def add_arguments(self, parser):
        parser.add_argument("--timeout", type=float, default=10.0)

    def handle(self, *args, timeout, **options):
        for region in region_list():
            with tenant_context(region):
                result = region_report.delay()
            try:
                report = result.get(timeout=timeout)
            except Exception as error:  # a missing worker shows as a timeout
                raise CommandError(f"{region.name}: no answer from a worker ({error})") from error
            self.stdout.write(f"{region.name}: schema {report['schema']}, {report['counts']}")
