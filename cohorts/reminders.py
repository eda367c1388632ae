"""Reminder emails to members with overdue items: a coordinator's nudge, and the
weekly reminder. Both run in a region's schema and go through the outbox, whose
unique keys mean a repeated click or task never sends the same email twice."""

import hashlib
from datetime import date, timedelta

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from courses.models import CoursePage
from induction.selectors import induction_pack
from learning.mail.services import outbox_enqueue
from learning.regions.selectors import current_region, region_url

from .grid import Item
from .models import Cohort, ReminderSent
from .selectors import Behind, members_behind

TEMPLATE = "cohort_reminder"


def week_of(day: date) -> date:
    """The Monday of the week `day` is in: reminders are counted per week."""
    return day - timedelta(days=day.weekday())


def _absolute(base: str, url: str | None) -> str:
    if not url:
        return base + "/"
    return url if url.startswith(("http://", "https://")) else base + url


def item_links(region, items: list[Item]) -> dict[int, str]:
    """Assignment id -> where to do it, on the region's host (the page tree is shared,
    and members are signed in there). Two queries at most."""
    base = region_url(region.slug)
    course_ids = {item.course_id for item in items if item.course_id}
    pages = {page.pk: page for page in CoursePage.objects.filter(pk__in=course_ids)}
    pack = induction_pack() if any(item.is_induction for item in items) else None
    links = {}
    for item in items:
        page = pages.get(item.course_id) if item.course_id else pack
        links[item.assignment_id] = _absolute(base, page.url if page else None)
    return links


def _sender(user, region) -> str:
    from learning.accounts.enums import Role

    role = (
        "of the national learning team"
        if user.role == Role.NATIONAL
        else f"your learning coordinator in {region.name}"
    )
    return f"{user.full_name}, {role}," if user.full_name else f"Someone {role}"


def reminder_enqueue(
    *, key: str, region, behind: Behind, items: list[Item], links: dict, nudged_by=None
) -> None:
    user = behind.user
    outbox_enqueue(
        key=key,
        to=user.email,
        template=TEMPLATE,
        context={
            "recipient": user,
            "region": region,
            # Who asked, in words that read right with or without their name.
            "nudged_by": _sender(nudged_by, region) if nudged_by else "",
            "items": [
                {
                    "title": item.title,
                    "due_date": item.due_date,
                    "cohort": behind.cohorts.get(item.cohort_id, ""),
                    "link": links[item.assignment_id],
                }
                for item in items
            ],
            "my_learning_link": region_url(region.slug)
            + reverse("courses:my_learning", urlconf=settings.ROOT_URLCONF),
        },
    )


def region_reminders_send(*, today: date | None = None) -> int:
    """Email each member of this region's active cohorts about their overdue items
    not yet reminded this week, once, and record each item reminded. Running it
    again in the same week sends nothing new; the next week reminds again.
    Returns the number of emails queued."""
    region = current_region()
    if region is None:  # queued without a region's schema: the hub has no cohorts
        return 0
    today = today or timezone.localdate()
    week = week_of(today)
    behind = members_behind(cohorts=Cohort.objects.filter(archived_at=None), today=today)
    if not behind:
        return 0
    reminded = set(
        ReminderSent.objects.filter(week=week, user_id__in=[b.user.pk for b in behind]).values_list(
            "assignment_id", "user_id"
        )
    )
    links = item_links(region, [item for b in behind for item in b.items])
    sent = 0
    for member in behind:
        fresh = [i for i in member.items if (i.assignment_id, member.user.pk) not in reminded]
        if fresh and _weekly_send(
            region=region, behind=member, items=fresh, week=week, links=links
        ):
            sent += 1
    return sent


def _weekly_send(*, region, behind: Behind, items: list[Item], week: date, links: dict) -> bool:
    ids = ",".join(str(i) for i in sorted(item.assignment_id for item in items))
    digest = hashlib.sha256(ids.encode()).hexdigest()[:16]
    try:
        with transaction.atomic():
            # The rows first: a run at the same moment that got there before us makes
            # this fail, and the email is rolled back with them.
            ReminderSent.objects.bulk_create(
                ReminderSent(assignment_id=item.assignment_id, user=behind.user, week=week)
                for item in items
            )
            reminder_enqueue(
                key=f"cohort-weekly-{connection.schema_name}-{behind.user.pk}-{week}-{digest}",
                region=region,
                behind=behind,
                items=items,
                links=links,
            )
    except IntegrityError:
        return False
    return True
