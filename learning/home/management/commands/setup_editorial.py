from django.core.management.base import BaseCommand, CommandError

from learning.accounts.services import roles_ensure_groups
from learning.home.models import HomePage
from learning.home.services import CONTENT_WORKFLOW, editorial_workflow_ensure
from learning.home.signals import editorial_setup


class Command(BaseCommand):
    help = (
        "Give the National team group editing rights and the Content reviewers group "
        "publishing rights, and put national content through review; make each region's "
        "resource library and each CCG's area, whose leads publish there. Safe to run again."
    )

    def handle(self, *args, **options):
        home = HomePage.objects.first()
        if home is None:
            raise CommandError("There is no home page yet: create it in the Wagtail admin first.")
        roles_ensure_groups()
        editorial_workflow_ensure(home)
        editorial_setup.send(sender=HomePage, home=home)
        self.stdout.write(
            self.style.SUCCESS(
                f"Editors submit, content reviewers publish ({CONTENT_WORKFLOW}); "
                "CCG leads publish their own CCG's local resources."
            )
        )
