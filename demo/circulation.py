"""Each demo CCG lead's cascade list: a social prescribing contact at each PCN of
their CCG, so "forward the schedule" has somewhere to go. Idempotent: a contact
already on the list is left alone."""

from django.db import transaction
from django.utils.text import slugify

from learning.accounts.enums import Role
from learning.accounts.models import User
from webinars.models import CascadeContact

# (first name, surname) of the invented people at each PCN, in turn.
CONTACT_NAMES = (
    ("Priya", "Shah"),
    ("Tom", "Hughes"),
    ("Grace", "Mensah"),
    ("Owen", "Price"),
    ("Leah", "Cohen"),
)


@transaction.atomic
def seed_demo_cascade_contacts() -> None:
    leads = User.objects.filter(
        role=Role.CCG_LEAD, email__startswith="ccglead.", ccg__isnull=False
    ).select_related("ccg")
    for lead in leads:
        for index, pcn in enumerate(lead.ccg.pcns.order_by("name")):
            first, last = CONTACT_NAMES[index % len(CONTACT_NAMES)]
            email = f"{first}.{last}.{slugify(pcn.code)}@example.org".lower()
            CascadeContact.objects.get_or_create(
                ccg=lead.ccg,
                email=email,
                defaults={"name": f"{first} {last}", "pcn": pcn, "added_by": lead},
            )
