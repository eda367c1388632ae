from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.seed import seed_demo


class Command(BaseCommand):
    help = "Create the hub, the seven regions and demo data. Safe to run again."

    def handle(self, *args, **options):
        password = getattr(settings, "DEMO_PASSWORD", None)
        if not password:
            # Production settings define no DEMO_PASSWORD: demo accounts with a
            # published password must never reach real NHS staff data.
            raise CommandError("Demo data is for development only (no DEMO_PASSWORD is set).")
        seed_demo(password=password)
        self.stdout.write(self.style.SUCCESS("Demo data is in place."))
