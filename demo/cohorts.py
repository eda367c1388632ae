"""A demo cohort in every region, run by its demo learning coordinator: every
link worker of the region as members, the induction pack and two modules
assigned, one due date passed, so the grid shows every status and the nudge has
people to remind. Written through the cohort services, as a coordinator would.
Idempotent: a region that already has the demo cohort is left alone.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django_tenants.utils import tenant_context

from cohorts.models import Cohort
from cohorts.services import cohort_assignment_create, cohort_create, cohort_member_add
from courses.models import CoursePage
from induction.selectors import induction_pack
from learning.accounts.enums import Role
from learning.accounts.models import User
from learning.regions.models import Region

from .training import PERSONALISED_CARE, SAFEGUARDING

COHORT_NAME = "New link workers, autumn 2026"
STARTED_WEEKS_AGO = 8
# (what, days from today it is due): the induction and safeguarding are overdue
# for anyone who has not finished them.
ASSIGNMENTS = (("induction", -14), (SAFEGUARDING, -7), (PERSONALISED_CARE, 21))


def seed_demo_cohorts() -> None:
    modules = dict(
        CoursePage.objects.live()
        .filter(slug__in=[slug for slug, _ in ASSIGNMENTS])
        .values_list("slug", "pk")
    )
    today = timezone.localdate()
    for region in Region.objects.regional().order_by("slug"):
        coordinator = User.objects.filter(email=f"coordinator.{region.slug}@example.org").first()
        if coordinator is None:
            continue
        members = list(
            User.objects.filter(
                role=Role.LINK_WORKER, is_active=True, pcn__ccg__region=region
            ).order_by("full_name")
        )
        with tenant_context(region), transaction.atomic():
            if Cohort.objects.filter(name=COHORT_NAME).exists():
                continue
            cohort = cohort_create(
                actor=coordinator,
                name=COHORT_NAME,
                start_date=today - timedelta(weeks=STARTED_WEEKS_AGO),
            )
            for member in members:
                cohort_member_add(actor=coordinator, cohort_id=cohort.pk, email=member.email)
            for what, days in ASSIGNMENTS:
                if what == "induction":
                    if induction_pack() is None:
                        continue
                    item = "induction"
                elif what in modules:
                    item = f"course-{modules[what]}"
                else:
                    continue
                cohort_assignment_create(
                    actor=coordinator,
                    cohort_id=cohort.pk,
                    item=item,
                    due_date=today + timedelta(days=days),
                )
