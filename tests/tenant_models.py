"""How each model in TENANT_APPS is made and where it shows, for the isolation test.

Every tenant model must have an entry; tests/test_tenant_isolation.py fails
for a model added to a tenant app without one, so new models are covered
without anyone remembering to write a test.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class TenantModelCase:
    make: Callable[[str], object]  # makes a row carrying the given marker text
    # A regional page that lists such rows: a URL name, or row -> path.
    page: str | Callable[[object], str] | None
    why_no_page: str = ""


def _category(marker: str):
    from forums.tests.factories import CategoryFactory

    return CategoryFactory(name=f"Category {marker}")


def _author():
    from learning.accounts.enums import Role
    from learning.accounts.tests.factories import UserFactory

    return UserFactory(role=Role.NATIONAL)


def _thread(marker: str):
    from forums.tests.factories import make_thread

    return make_thread(author=_author(), title=f"Thread {marker}")


def _post(marker: str):
    from forums.tests.factories import make_thread

    return make_thread(author=_author(), body=f"Post {marker}").posts.get()


def _report(marker: str):
    from forums.moderation import post_report

    post = _post("reported")
    return post_report(reporter=_author(), post_id=post.pk, reason="other", note=marker)


def _suspension(marker: str):
    from datetime import timedelta

    from django.utils import timezone

    from forums.models import Suspension

    return Suspension.objects.create(
        user=_author(),
        created_by=_author(),
        until=timezone.now() + timedelta(days=1),
        reason=f"Suspended {marker}",
    )


def _revision(marker: str):
    from forums.models import PostRevision

    post = _post("edited")
    return PostRevision.objects.create(post=post, body=marker, body_html=f"<p>{marker}</p>")


def _helpful_mark(marker: str):
    from forums.models import HelpfulMark

    return HelpfulMark.objects.create(post=_post(marker), user=_author())


def _subscription(marker: str):
    from forums.models import Subscription

    return Subscription.objects.create(thread=_thread(marker), user=_author())


def _thread_read(marker: str):
    from forums.models import ThreadRead

    thread = _thread(marker)
    return ThreadRead.objects.create(
        thread=thread, user=_author(), last_read_post_id=thread.posts.get().pk
    )


def _notification(marker: str):
    from forums.models import Notification, NotificationKind

    post = _post(marker)
    return Notification.objects.create(
        user=_author(), actor=post.author, post=post, kind=NotificationKind.MENTION
    )


def _preference(marker: str):
    from forums.models import EmailFrequency, NotificationPreference

    return NotificationPreference.objects.create(user=_author(), email=EmailFrequency.DAILY)


def _cohort(marker: str):
    from datetime import date

    from cohorts.models import Cohort

    return Cohort.objects.create(
        name=f"Cohort {marker}", start_date=date(2027, 3, 1), created_by=_author()
    )


def _cohort_member(marker: str):
    from cohorts.models import CohortMember
    from learning.accounts.tests.factories import UserFactory

    worker = UserFactory(full_name=f"Member {marker}")
    return CohortMember.objects.create(cohort=_cohort("joined"), user=worker, added_by=_author())


def _cohort_assignment(marker: str):
    from datetime import date

    from cohorts.enums import AssignmentKind
    from cohorts.models import CohortAssignment
    from courses.tests.factories import make_course

    course = make_course(f"Module {marker}", lessons=1, questions=1)
    return CohortAssignment.objects.create(
        cohort=_cohort("assigned"),
        kind=AssignmentKind.COURSE,
        course=course,
        due_date=date(2027, 4, 1),
    )


def _reminder_sent(marker: str):
    from datetime import date

    from cohorts.enums import AssignmentKind
    from cohorts.models import CohortAssignment, ReminderSent

    assignment = CohortAssignment.objects.create(
        cohort=_cohort(marker), kind=AssignmentKind.INDUCTION, due_date=date(2027, 4, 1)
    )
    return ReminderSent.objects.create(assignment=assignment, user=_author(), week=date(2027, 4, 5))


ONLY_FOR_ITS_OWNER = (
    "Shown only to the member it belongs to; forums/tests/test_notifications.py shows "
    "another region's never appear"
)

CASES = {
    "forums.Category": TenantModelCase(make=_category, page="forums:index"),
    "forums.Thread": TenantModelCase(
        make=_thread, page=lambda thread: f"/community/c/{thread.category.slug}/"
    ),
    "forums.Post": TenantModelCase(make=_post, page=lambda post: f"/community/t/{post.thread_id}/"),
    "forums.Report": TenantModelCase(make=_report, page="forums:moderation"),
    # Earlier versions show to moderators (the national team is one) on the thread.
    "forums.PostRevision": TenantModelCase(
        make=_revision, page=lambda r: f"/community/t/{r.post.thread_id}/"
    ),
    # These carry no text of their own; their post or thread shows where they count.
    "forums.HelpfulMark": TenantModelCase(
        make=_helpful_mark, page=lambda mark: f"/community/t/{mark.post.thread_id}/"
    ),
    "forums.Subscription": TenantModelCase(
        make=_subscription, page=lambda s: f"/community/c/{s.thread.category.slug}/"
    ),
    "forums.ThreadRead": TenantModelCase(
        make=_thread_read, page=lambda r: f"/community/c/{r.thread.category.slug}/"
    ),
    "forums.Notification": TenantModelCase(
        make=_notification, page=None, why_no_page=ONLY_FOR_ITS_OWNER
    ),
    "forums.NotificationPreference": TenantModelCase(
        make=_preference, page=None, why_no_page=ONLY_FOR_ITS_OWNER
    ),
    "forums.Suspension": TenantModelCase(
        make=_suspension, page=lambda s: f"/community/moderation/members/{s.user_id}/"
    ),
    "cohorts.Cohort": TenantModelCase(make=_cohort, page="cohorts:index"),
    "cohorts.CohortMember": TenantModelCase(
        make=_cohort_member, page=lambda m: f"/cohorts/{m.cohort_id}/members/"
    ),
    # Its page names the module; another region's module list would name it too.
    "cohorts.CohortAssignment": TenantModelCase(
        make=_cohort_assignment, page=lambda a: f"/cohorts/{a.cohort_id}/learning/{a.pk}/"
    ),
    "cohorts.ReminderSent": TenantModelCase(
        make=_reminder_sent,
        page=None,
        why_no_page=(
            "Carries no text and shows on no page: it records that a weekly reminder "
            "was sent; cohorts/tests/test_reminders.py shows each region reminds its own"
        ),
    ),
}
