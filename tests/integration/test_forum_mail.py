"""Forum notification emails on real processes: the reply commits in a region, the
task goes through the real broker to a real Celery worker, which runs it in that
region's schema and speaks SMTP to a local sink (aiosmtpd). The daily digest starts
on the hub, as beat starts it, and fans out to every region."""

import time

import pytest
from django.db import transaction
from django_tenants.utils import tenant_context

from forums.models import EmailFrequency, Notification, NotificationPreference, Thread
from forums.notifications import subscription_follow
from forums.services import post_reply
from forums.tasks import send_daily_digests
from forums.tests.factories import make_thread
from learning.accounts.tests.factories import UserFactory
from learning.mail.models import OutboxMessage
from learning.regions.models import Region

from .test_induction_mail import body_of, smtp_sink, wait_for, worker_mailing_to  # noqa: F401

pytestmark = pytest.mark.integration


@pytest.fixture
def north_west_people(committed):
    """A thread's author, a member who follows it and one who replies, committed in
    North West; everything they make there is deleted afterwards."""
    north_west = Region.objects.get(slug="north-west")
    people = {
        "author": UserFactory(region=north_west, full_name="Pat Writer"),
        "follower": UserFactory(region=north_west, full_name="Jane Smith"),
        "replier": UserFactory(region=north_west, full_name="Sam Okafor"),
    }
    with tenant_context(north_west), transaction.atomic():
        thread = make_thread(author=people["author"], title="Falls prevention groups")
        subscription_follow(people["follower"], thread=thread)
    try:
        yield north_west, thread, people
    finally:
        with tenant_context(north_west):
            # Notifications, follows and posts go with the thread.
            Thread.objects.filter(pk=thread.pk).delete()
            NotificationPreference.objects.filter(user__in=people.values()).delete()
        OutboxMessage.objects.filter(to__in=[p.email for p in people.values()]).delete()
        for person in people.values():
            pcn = person.pcn
            person.delete()
            pcn.delete()
            pcn.ccg.delete()


def wait_until(check, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)


def test_a_reply_emails_the_threads_follower_from_the_worker(
    north_west_people,
    worker_mailing_to,  # noqa: F811
):
    inbox = worker_mailing_to
    north_west, thread, people = north_west_people
    with tenant_context(north_west):
        with transaction.atomic():  # the author gets a digest: only the follower now
            NotificationPreference.objects.create(user=people["author"], email=EmailFrequency.DAILY)
        with transaction.atomic():
            post_reply(author=people["replier"], thread_id=thread.pk, body="Try **Steady Steps**.")
        notification = Notification.objects.get(user=people["follower"])

    wait_for(inbox, 1)
    [message] = inbox.messages
    assert message["To"] == people["follower"].email
    assert message["Subject"] == (
        "Sam Okafor replied in a thread you follow: Falls prevention groups"
    )
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # A long header is folded onto the next line; mail clients unfold it.
    unsubscribe = message["List-Unsubscribe"].strip()
    assert unsubscribe.startswith("<http://north-west.localhost:8000/community/unsubscribe/")
    body = body_of(message)
    assert "Try **Steady Steps**." in body
    assert f"north-west.localhost:8000/community/notifications/?open={notification.pk}" in body
    # The worker found the row in North West's schema, and recorded it there.
    assert OutboxMessage.objects.filter(
        key=f"forum-notification-north_west-{notification.pk}"
    ).exists()
    with tenant_context(north_west):
        wait_until(lambda: Notification.objects.get(pk=notification.pk).emailed_at is not None)


def test_the_daily_digest_starts_on_the_hub_and_reaches_a_daily_member(
    north_west_people,
    worker_mailing_to,  # noqa: F811
):
    inbox = worker_mailing_to
    north_west, thread, people = north_west_people
    follower = people["follower"]
    with tenant_context(north_west):
        with transaction.atomic():
            for person in people.values():
                NotificationPreference.objects.create(user=person, email=EmailFrequency.DAILY)
        for body in ("Tuesdays at ten", "And Thursdays"):
            with transaction.atomic():
                post_reply(author=people["replier"], thread_id=thread.pk, body=body)
    time.sleep(1)
    assert inbox.messages == []  # nobody wants email straight away

    send_daily_digests.delay()  # queued in the public schema, as beat queues it

    wait_for(inbox, 2)  # the follower's digest, and the author's
    digest = {m["To"]: m for m in inbox.messages}[follower.email]
    assert digest["Subject"] == (
        "Your daily summary from the North West forums: 2 new notifications"
    )
    assert body_of(digest).count("Sam Okafor replied in a thread you follow") == 2
    assert "Falls prevention groups" in body_of(digest)
    with tenant_context(north_west):
        wait_until(
            lambda: not Notification.objects.filter(user=follower, emailed_at__isnull=True).exists()
        )
    time.sleep(1)
    assert len(inbox.messages) == 2  # one each, nothing more
