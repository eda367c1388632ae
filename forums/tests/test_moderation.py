"""Members report posts; the region's learning coordinators moderate."""

import pytest
from django_tenants.utils import tenant_context

from forums.models import Post, Report, Suspension, Thread
from forums.tests.factories import make_thread
from learning.accounts.enums import Role
from learning.accounts.tests.factories import UserFactory
from learning.audit.enums import AuditAction
from learning.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

QUEUE = "/community/moderation/"


@pytest.fixture
def thread(north_west, author):
    with tenant_context(north_west):
        return make_thread(author=author, title="Tricky referral", body="Here is the name: Jo B.")


def first_post(region, thread) -> Post:
    with tenant_context(region):
        return thread.posts.get()


def report_url(post) -> str:
    return f"/community/p/{post.pk}/report/"


def test_a_report_reaches_the_queue_and_cannot_be_sent_twice(
    north_west, thread, member, coordinator, client_for
):
    post = first_post(north_west, thread)
    client = client_for(north_west, member)
    response = client.post(
        report_url(post), {"reason": "personal_data", "note": "It names a person we support."}
    )
    assert response.status_code == 302
    again = client.post(report_url(post), {"reason": "other", "note": "Again"})
    assert again.status_code == 400
    assert "You have already reported this post." in again.content.decode()
    queue = client_for(north_west, coordinator).get(QUEUE).content.decode()
    assert "It names a person we support." in queue
    assert "1 report in" in queue


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"note": "No reason chosen"}, "Choose why you are reporting this post."),
        ({"reason": "not-a-reason"}, "Select a valid choice."),
        ({"reason": "other", "note": "  "}, "Say why you are reporting this post."),
    ],
)
def test_a_report_needs_a_reason(north_west, thread, member, client_for, data, message):
    post = first_post(north_west, thread)
    response = client_for(north_west, member).post(report_url(post), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    with tenant_context(north_west):
        assert not Report.objects.exists()


def test_a_safeguarding_report_emails_the_coordinators_at_once(
    north_west, thread, member, coordinator, client_for, on_commit, mailoutbox
):
    post = first_post(north_west, thread)
    with on_commit():
        client_for(north_west, member).post(
            report_url(post), {"reason": "safeguarding", "note": "They may be at risk tonight."}
        )
    [email] = mailoutbox
    assert email.to == [coordinator.email]
    assert email.subject == "Safeguarding concern reported in the North West forums"
    assert "They may be at risk tonight." in email.body
    assert "/community/moderation/" in email.body
    queue = client_for(north_west, coordinator).get(QUEUE).content.decode()
    assert "Safeguarding" in queue


def test_hiding_a_post_removes_it_for_members_and_closes_its_reports(
    north_west, thread, member, coordinator, client_for
):
    post = first_post(north_west, thread)
    client_for(north_west, member).post(
        report_url(post), {"reason": "personal_data", "note": "Names a client."}
    )
    moderator = client_for(north_west, coordinator)
    moderator.post(
        f"/community/moderation/posts/{post.pk}/",
        {"action": "hide", "reason": "It names someone we support."},
    )
    member_view = client_for(north_west, member).get(f"/community/t/{thread.pk}/").content.decode()
    assert "Jo B." not in member_view
    moderator_view = moderator.get(f"/community/t/{thread.pk}/").content.decode()
    assert "Jo B." in moderator_view and "Hidden" in moderator_view
    assert "No posts are waiting for you." in moderator.get(QUEUE).content.decode()
    with tenant_context(north_west):
        assert Report.objects.get().outcome == "hidden"
    assert AuditEvent.objects.filter(
        action=AuditAction.FORUM_POST_HIDDEN, actor=coordinator, region_schema="north_west"
    ).exists()
    moderator.post(f"/community/moderation/posts/{post.pk}/", {"action": "restore"})
    assert "Jo B." in client_for(north_west, member).get(thread.get_absolute_url()).content.decode()


def test_dismissing_keeps_the_post(north_west, thread, member, coordinator, client_for):
    post = first_post(north_west, thread)
    client_for(north_west, member).post(
        report_url(post), {"reason": "other", "note": "I disagree."}
    )
    client_for(north_west, coordinator).post(
        f"/community/moderation/posts/{post.pk}/", {"action": "dismiss"}
    )
    with tenant_context(north_west):
        assert Report.objects.get().outcome == "dismissed"
        assert not Post.objects.get(pk=post.pk).hidden


def test_a_coordinator_locks_pins_and_moves_a_thread(north_west, thread, coordinator, client_for):
    client = client_for(north_west, coordinator)
    url = f"/community/moderation/threads/{thread.pk}/"
    client.post(url, {"action": "lock"})
    client.post(url, {"action": "pin"})
    client.post(url, {"action": "move", "category": "supervision-wellbeing"})
    with tenant_context(north_west):
        changed = Thread.objects.select_related("category").get(pk=thread.pk)
    assert changed.locked and changed.pinned
    assert changed.category.slug == "supervision-wellbeing"
    assert AuditEvent.objects.filter(action=AuditAction.FORUM_THREAD_CHANGED).count() == 3
    forged = client.post(url, {"action": "move", "category": "not-a-category"}, follow=True)
    assert "Choose a category of this region&#x27;s forums." in forged.content.decode()


def test_members_and_other_regions_coordinators_cannot_moderate(
    north_west, london, thread, member, client_for
):
    post = first_post(north_west, thread)
    for person in (member, UserFactory(role=Role.COORDINATOR, region=london)):
        client = client_for(north_west, person)
        assert client.get(QUEUE).status_code == 403
        hide = client.post(f"/community/moderation/posts/{post.pk}/", {"action": "hide"})
        assert hide.status_code == 403
        lock = client.post(f"/community/moderation/threads/{thread.pk}/", {"action": "lock"})
        assert lock.status_code == 403
    with tenant_context(north_west):
        assert not Post.objects.get(pk=post.pk).hidden
        assert not Thread.objects.get(pk=thread.pk).locked


def test_a_suspended_member_is_kept_out_until_lifted(
    north_west, thread, author, coordinator, client_for, on_commit, mailoutbox
):
    moderator = client_for(north_west, coordinator)
    with on_commit():
        response = moderator.post(
            f"/community/moderation/members/{author.pk}/",
            {"days": "7", "reason": "Shared a client's details after a warning."},
        )
    assert response.status_code == 302
    [email] = mailoutbox
    assert "Shared a client's details after a warning." in email.body
    client = client_for(north_west, author)
    page = client.get(thread.get_absolute_url())
    assert page.status_code == 403
    assert "You are suspended from the North West forums" in page.content.decode()
    reply = client.post(f"/community/t/{thread.pk}/reply/", {"body": "Still here"})
    assert reply.status_code == 403
    with tenant_context(north_west):
        assert Post.objects.filter(thread=thread).count() == 1
    moderator.post(f"/community/moderation/members/{author.pk}/lift/")
    assert client.get(thread.get_absolute_url()).status_code == 200


def test_a_suspension_in_one_region_does_not_reach_another(
    north_west, london, coordinator, client_for
):
    national = UserFactory(role=Role.NATIONAL)
    suspended = UserFactory(region=north_west)
    client_for(north_west, coordinator).post(
        f"/community/moderation/members/{suspended.pk}/", {"days": "1", "reason": "Spam."}
    )
    with tenant_context(london):
        assert not Suspension.objects.exists()
    assert client_for(london, national).get("/community/").status_code == 200


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"days": "3", "reason": "x"}, "Select a valid choice."),
        ({"days": "7", "reason": ""}, "Say why you are suspending this member."),
    ],
)
def test_a_suspension_needs_a_length_and_a_reason(
    north_west, author, coordinator, client_for, data, message
):
    response = client_for(north_west, coordinator).post(
        f"/community/moderation/members/{author.pk}/", data
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    with tenant_context(north_west):
        assert not Suspension.objects.exists()


def test_moderators_cannot_be_suspended(north_west, coordinator, client_for):
    other = UserFactory(role=Role.COORDINATOR, region=north_west)
    response = client_for(north_west, coordinator).post(
        f"/community/moderation/members/{other.pk}/", {"days": "1", "reason": "Testing."}
    )
    assert response.status_code == 400
    assert "Moderators of this region cannot be suspended from it." in response.content.decode()


def test_the_queue_runs_a_bounded_number_of_queries(
    north_west, coordinator, client_for, queries_for, django_assert_max_num_queries
):
    from forums.moderation import post_report

    client = client_for(north_west, coordinator)

    def reported_posts(count):
        for n in range(count):
            author = UserFactory(region=north_west)
            post = make_thread(author=author, title=f"Thread {n}").posts.get()
            for reporter in (UserFactory(region=north_west), UserFactory(region=north_west)):
                post_report(reporter=reporter, post_id=post.pk, reason="offensive", note="Rude")

    with tenant_context(north_west):
        reported_posts(1)
    client.get(QUEUE)
    few = queries_for(lambda: client.get(QUEUE))
    with tenant_context(north_west):
        reported_posts(8)
    with django_assert_max_num_queries(14):
        html = client.get(QUEUE).content.decode()
    assert html.count("2 reports in") == 9
    assert queries_for(lambda: client.get(QUEUE)) == few


def test_the_queue_lists_only_posts_with_open_reports(
    north_west, thread, member, coordinator, client_for
):
    with tenant_context(north_west):
        make_thread(author=member, title="Nobody reported this")
    post = first_post(north_west, thread)
    client_for(north_west, member).post(
        report_url(post), {"reason": "personal_data", "note": "Names a client."}
    )
    html = client_for(north_west, coordinator).get(QUEUE).content.decode()
    assert "Tricky referral" in html
    assert "Nobody reported this" not in html
    assert "0 reports" not in html
