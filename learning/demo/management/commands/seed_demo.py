from django.conf import settings
from django.core.management.base import BaseCommand

from learning.demo.seed import seed_demo


class Command(BaseCommand):
    help = "Create the hub, the seven regions and demo data. Safe to run again."

    def handle(self, *args, **options):
        seed_demo(password=getattr(settings, "DEMO_PASSWORD", None) or "learning-network-demo")
        self.stdout.write(self.style.SUCCESS("Demo data is in place."))
