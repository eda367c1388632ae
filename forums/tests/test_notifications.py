"""Forum notifications: @mentions, following threads and categories, the
notifications page and header count, email settings, notification emails and
daily digests, and one-click unsubscribe."""

import html
import re
from datetime import timedelta
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone
from django_tenants.utils import tenant_context

from forums.markdown import render_markdown
from forums.mentions import MAX_MENTIONS, mention_handle, mentioned_handles
from forums.models import (
    Category,
    EmailFrequency,
    Notification,
    NotificationKind,
    NotificationPreference,
    Subscription,
    Suspension,
    Thread,
)
from forums.notification_emails import (
    MISSED_AFTER,
    notification_email,
    region_digests_send,
    region_missed_emails_send,
    unsubscribe_url,
)
from forums.notification_selectors import unread_count
from forums.notifications import subscription_follow, subscription_unfollow
from forums.services import post_reply
from forums.tasks import send_daily_digests, sweep_missed_emails
from forums.tests.factories import make_thread
from forums.tests.xss_payloads import XSS_PAYLOADS
from learning.accounts.enums import Role
from learning.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

NOTIFICATIONS = "/community/notifications/"
SETTINGS = "/community/notifications/settings/"


@pytest.fixture
def author(north_west):
    return UserFactory(region=north_west, full_name="Pat Writer", email="pat.writer@nhs.net")


@pytest.fixture
def replier(north_west):
    return UserFactory(region=north_west, full_name="Sam Okafor", email="sam.okafor@nhs.net")


@pytest.fixture
def jane(north_west):
    return UserFactory(region=north_west, full_name="Jane Smith", email="Jane.Smith@nhs.net")


def in_region(region, call):
    with tenant_context(region):
        return call()


def notifications_of(region, user) -> list[tuple[str, int]]:
    """(kind, post id) of each of the member's notifications there, oldest first."""
    with tenant_context(region):
        rows = Notification.objects.filter(user=user).order_by("pk")
        return [(n.kind, n.post_id) for n in rows]


def start(region, author, body="Has anyone used the falls service?", **kwargs) -> Thread:
    return in_region(region, lambda: make_thread(author=author, body=body, **kwargs))


def reply(region, author, thread, body):
    return in_region(region, lambda: post_reply(author=author, thread_id=thread.pk, body=body))


# --- Mentions ----------------------------------------------------------------------


def test_mentions_are_read_from_the_text_not_from_code_or_email_addresses():
    body = (
        "Thanks @Jane.Smith, and @alex.brown. Ask @o'brien too!\n\n"
        "Write to sam.okafor@nhs.net or <lee.ward@nhs.net>, not @ someone.\n\n"
        "In code: `@code.span` and\n\n```\n@fenced.block\n```\n\n    @indented.block\n\n"
        "> quoted @quoted.person\n\n- listed @listed.person"
    )
    assert mentioned_handles(render_markdown(body)) == [
        "jane.smith",
        "alex.brown",
        "o'brien",
        "quoted.person",
        "listed.person",
    ]


def test_a_possessive_mention_names_the_person():
    body = "See @jane.smith's notes and @o'brien's list, then ask @o'brien."
    assert mentioned_handles(render_markdown(body)) == ["jane.smith", "o'brien"]


def test_a_mention_notifies_only_active_members_of_this_region(north_west, london, author, jane):
    londoner = UserFactory(region=london, email="lee.london@nhs.net")
    gone = UserFactory(region=north_west, email="gone.away@nhs.net", is_active=False)
    coordinator = UserFactory(role=Role.COORDINATOR, region=north_west, email="asha.patel@nhs.net")
    thread = start(
        north_west,
        author,
        body="@jane.smith @lee.london @gone.away @nobody.here @asha.patel @pat.writer",
    )
    post_id = in_region(north_west, lambda: thread.posts.get().pk)
    assert notifications_of(north_west, jane) == [(NotificationKind.MENTION, post_id)]
    assert notifications_of(north_west, coordinator) == [(NotificationKind.MENTION, post_id)]
    for nobody in (londoner, gone, author):
        assert notifications_of(north_west, nobody) == []
    assert notifications_of(london, londoner) == []


def test_one_post_mentions_at_most_twenty_people(north_west, author):
    people = [
        UserFactory(region=north_west, email=f"member.{n:02d}@nhs.net")
        for n in range(MAX_MENTIONS + 2)
    ]
    start(north_west, author, body=" ".join(f"@member.{n:02d}" for n in range(len(people))))
    with tenant_context(north_west):
        notified = set(Notification.objects.values_list("user_id", flat=True))
    assert len(notified) == MAX_MENTIONS
    assert notified == {person.pk for person in people[:MAX_MENTIONS]}


def test_mention_handle_is_what_others_type(jane):
    assert mention_handle(jane) == "@jane.smith"


# --- Following -----------------------------------------------------------------------


def test_a_reply_notifies_the_threads_followers_but_not_its_author(
    north_west, author, replier, jane
):
    thread = start(north_west, author)  # the author follows what they start
    in_region(north_west, lambda: subscription_follow(jane, thread=thread))
    post = reply(north_west, replier, thread, "The library runs one on Tuesdays.")
    assert notifications_of(north_west, author) == [(NotificationKind.REPLY, post.pk)]
    assert notifications_of(north_west, jane) == [(NotificationKind.REPLY, post.pk)]
    assert notifications_of(north_west, replier) == []
    # ...and replying made the replier a follower: the author's answer reaches them.
    answer = reply(north_west, author, thread, "Thank you!")
    assert notifications_of(north_west, replier) == [(NotificationKind.REPLY, answer.pk)]
    assert (NotificationKind.REPLY, answer.pk) not in notifications_of(north_west, author)


def test_a_mention_wins_over_following(north_west, author, replier):
    thread = start(north_west, author)
    post = reply(north_west, replier, thread, "@pat.writer is this the one you meant?")
    assert notifications_of(north_west, author) == [(NotificationKind.MENTION, post.pk)]


def test_a_new_thread_notifies_the_categorys_followers(north_west, author, replier, jane):
    category = in_region(north_west, lambda: Category.objects.get(slug="peer-support"))
    in_region(north_west, lambda: subscription_follow(replier, category=category))
    thread = start(north_west, author, title="Carers' groups near Wigan")
    first = in_region(north_west, lambda: thread.posts.get())
    assert notifications_of(north_west, replier) == [(NotificationKind.THREAD, first.pk)]
    assert notifications_of(north_west, jane) == []  # follows nothing
    assert in_region(north_west, lambda: Subscription.objects.filter(user=author).count()) == 1


def test_followers_who_cannot_read_the_forums_are_not_notified(
    north_west, london, author, replier, jane
):
    thread = start(north_west, author)
    moved_away = UserFactory(region=london)
    with tenant_context(north_west):
        subscription_follow(moved_away, thread=thread)
        subscription_follow(jane, thread=thread)
        Suspension.objects.create(
            user=jane, created_by=author, until=timezone.now() + timedelta(days=3), reason="x"
        )
    reply(north_west, replier, thread, "Anyone else?")
    assert notifications_of(north_west, moved_away) == []
    assert notifications_of(north_west, jane) == []
    assert len(notifications_of(north_west, author)) == 1


def test_following_takes_one_visible_thread_or_one_category(north_west, author, jane):
    thread = start(north_west, author)
    with tenant_context(north_west):
        category = Category.objects.get(slug="peer-support")
        first = subscription_follow(jane, thread=thread)
        assert subscription_follow(jane, thread=thread).pk == first.pk  # idempotent
        with pytest.raises(ValidationError):
            subscription_follow(jane)
        with pytest.raises(ValidationError):
            subscription_follow(jane, thread=thread, category=category)
        Thread.objects.filter(pk=thread.pk).update(hidden=True)
        with pytest.raises(ValidationError, match="hidden"):
            subscription_follow(author, category=None, thread=thread)
        assert subscription_unfollow(jane, thread=thread) == 1
        assert subscription_unfollow(jane, thread=thread) == 0
        assert not Subscription.objects.filter(user=jane).exists()


# --- The notifications page and the header count ------------------------------------------


def test_the_header_shows_the_unread_count_to_members_on_region_hosts_only(
    north_west, author, replier, client_for
):
    thread = start(north_west, author)
    for n in range(3):
        reply(north_west, replier, thread, f"Reply {n}")
    page = client_for(north_west, author).get("/community/").content.decode()
    assert 'href="/community/notifications/"' in page
    assert 'id="notifications-unread">Notifications, 3 unread</span>' in page
    assert "notifications-live.js" in page
    nothing_new = client_for(north_west, replier).get("/community/").content.decode()
    assert 'id="notifications-badge" hidden>0<' in nothing_new
    assert 'id="notifications-unread">Notifications</span>' in nothing_new
    for elsewhere in (client_for(None, author), client_for(north_west)):
        page = elsewhere.get("/").content.decode()
        assert "/community/notifications/" not in page
        assert "notifications-live.js" not in page


def test_opening_a_notification_marks_it_read_and_goes_to_the_post(
    north_west, author, replier, client_for
):
    thread = start(north_west, author)
    first = reply(north_west, replier, thread, "First reply")
    second = reply(north_west, replier, thread, "Second reply")
    client = client_for(north_west, author)
    page = client.get(NOTIFICATIONS).content.decode()
    assert page.count("Unread") == 2
    assert "Sam Okafor replied in a thread you follow: A question about referrals" in page
    opened = in_region(north_west, lambda: Notification.objects.get(post=first))
    response = client.get(f"{NOTIFICATIONS}?open={opened.pk}")
    assert response.status_code == 302
    assert response["Location"] == f"/community/t/{thread.pk}/#post-{first.pk}"
    with tenant_context(north_west):
        assert Notification.objects.get(pk=opened.pk).read_at is not None
        assert Notification.objects.get(post=second).read_at is None
        assert unread_count(author) == 1
    # Someone else's notification does not open.
    assert client_for(north_west, replier).get(f"{NOTIFICATIONS}?open={opened.pk}").status_code == (
        404
    )


def test_a_notification_on_a_later_page_of_the_thread_opens_that_page(
    north_west, author, replier, client_for
):
    thread = start(north_west, author)
    with tenant_context(north_west):
        for n in range(20):
            post_reply(author=author, thread_id=thread.pk, body=f"Note {n}")
    post = reply(north_west, replier, thread, "On page two")
    opened = in_region(north_west, lambda: Notification.objects.get(post=post))
    response = client_for(north_west, author).get(f"{NOTIFICATIONS}?open={opened.pk}")
    assert response["Location"] == f"/community/t/{thread.pk}/?page=2#post-{post.pk}"


def test_mark_all_as_read(north_west, author, replier, client_for):
    thread = start(north_west, author)
    reply(north_west, replier, thread, "One")
    reply(north_west, replier, thread, "Two")
    client = client_for(north_west, author)
    assert "Mark all as read" in client.get(NOTIFICATIONS).content.decode()
    response = client.post(NOTIFICATIONS, follow=True)
    page = response.content.decode()
    assert "2 notifications marked as read." in page
    assert "Unread</strong>" not in page
    assert "Mark all as read" not in page
    assert in_region(north_west, lambda: unread_count(author)) == 0


def test_a_member_with_no_notifications_is_told_how_they_come(north_west, jane, client_for):
    page = client_for(north_west, jane).get(NOTIFICATIONS).content.decode()
    assert "You have no notifications yet." in page
    assert "@jane.smith" in page
    assert "Mark all as read" not in page


def test_the_notifications_page_is_paginated_and_its_queries_do_not_grow(
    north_west, author, client_for, queries_for, django_assert_max_num_queries
):
    actors = [UserFactory(region=north_west) for _ in range(3)]
    threads = [start(north_west, author, title=f"Thread {n}") for n in range(10)]
    reply(north_west, actors[0], threads[0], "The first")
    client = client_for(north_west, author)
    client.get(NOTIFICATIONS)
    few = queries_for(lambda: client.get(NOTIFICATIONS))
    for n in range(29):
        reply(north_west, actors[n % 3], threads[n % 10], f"Reply {n}")
    with django_assert_max_num_queries(12):
        page = client.get(NOTIFICATIONS).content.decode()
    assert page.count("?open=") == 25
    assert "Page 1 of 2" not in page and "Page 2 of 2" in page
    assert client.get(NOTIFICATIONS + "?page=2").content.decode().count("?open=") == 5
    assert queries_for(lambda: client.get(NOTIFICATIONS)) == few


def test_a_regions_notifications_never_show_in_another_region(
    north_west, london, author, client_for
):
    national = UserFactory(role=Role.NATIONAL, email="nat.lead@nhs.net")
    start(north_west, author, title="North West only", body="@nat.lead have a look")
    with tenant_context(north_west):
        notification = Notification.objects.get(user=national)
    london_client = client_for(london, national)
    page = london_client.get(NOTIFICATIONS).content.decode()
    assert "North West only" not in page
    assert "You have no notifications yet." in page
    assert 'id="notifications-unread">Notifications</span>' in page
    assert london_client.get(f"{NOTIFICATIONS}?open={notification.pk}").status_code == 404
    assert "North West only" in client_for(north_west, national).get(NOTIFICATIONS).content.decode()
    # And people of another region cannot open the page at all.
    outsider = UserFactory(region=london)
    assert client_for(north_west, outsider).get(NOTIFICATIONS).status_code == 403


# --- Email settings and following, on the settings page --------------------------------------


def checked_choice(page: str) -> str | None:
    checked = re.search(r'<input type="radio" name="email" value="(\w+)"[^>]*\bchecked\b', page)
    return checked and checked.group(1)


def test_the_email_setting_is_saved(north_west, jane, client_for):
    client = client_for(north_west, jane)
    page = client.get(SETTINGS).content.decode()
    assert checked_choice(page) == "immediate"  # until they choose
    response = client.post(SETTINGS, {"email": "daily"})
    assert response.status_code == 302
    with tenant_context(north_west):
        assert NotificationPreference.objects.get(user=jane).email == EmailFrequency.DAILY
    page = client.get(SETTINGS).content.decode()
    assert "Your email settings are saved." in page
    assert checked_choice(page) == "daily"


@pytest.mark.parametrize("data", [{"email": "weekly"}, {}])
def test_a_bad_email_setting_is_refused_and_nothing_changes(north_west, jane, client_for, data):
    with tenant_context(north_west):
        NotificationPreference.objects.create(user=jane, email=EmailFrequency.DAILY)
    response = client_for(north_west, jane).post(SETTINGS, data)
    assert response.status_code == 400
    assert "Choose how often you want forum emails." in response.content.decode()
    with tenant_context(north_west):
        assert NotificationPreference.objects.get(user=jane).email == EmailFrequency.DAILY


def test_followed_threads_and_categories_are_listed_and_can_be_unfollowed(
    north_west, author, client_for
):
    client = client_for(north_west, author)
    empty = client.get(SETTINGS).content.decode()
    assert "You do not follow any threads." in empty
    assert "You do not follow any categories." in empty
    thread = start(north_west, author, title="Walking groups")
    with tenant_context(north_west):
        category = Category.objects.get(slug="peer-support")
        subscription_follow(author, category=category)
    page = client.get(SETTINGS).content.decode()
    assert "Walking groups" in page and category.name in page
    client.post(SETTINGS, {"unfollow_thread": thread.pk})
    client.post(SETTINGS, {"unfollow_category": category.pk})
    assert not in_region(north_west, lambda: Subscription.objects.filter(user=author).exists())
    assert "You no longer follow" in client.get(SETTINGS).content.decode()


# --- Notification emails ----------------------------------------------------------------


def test_a_reply_emails_followers_who_want_email_straight_away(
    north_west, author, replier, jane, on_commit, mailoutbox, client_for
):
    thread = start(north_west, author, title="Falls prevention groups")
    with tenant_context(north_west):
        subscription_follow(jane, thread=thread)
        NotificationPreference.objects.create(user=jane, email=EmailFrequency.DAILY)
    with on_commit():
        client_for(north_west, replier).post(
            f"/community/t/{thread.pk}/reply/", {"body": "Try the *Steady Steps* class."}
        )
    [email] = mailoutbox  # Jane chose a digest: only the author is emailed now
    assert email.to == [author.email]
    assert email.subject == "Sam Okafor replied in a thread you follow: Falls prevention groups"
    assert "Try the *Steady Steps* class." in email.body
    notification = in_region(north_west, lambda: Notification.objects.get(user=author))
    link = f"http://north-west.localhost:8000/community/notifications/?open={notification.pk}"
    assert link in email.body
    assert f'href="{link}"' in email.alternatives[0][0]
    unsubscribe = email.extra_headers["List-Unsubscribe"]
    assert unsubscribe.startswith("<http://north-west.localhost:8000/community/unsubscribe/")
    assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe[1:-1] in email.body
    assert in_region(north_west, lambda: Notification.objects.get(pk=notification.pk)).emailed_at
    # The link in the email opens the post for the signed-in member.
    path = urlsplit(link).path + "?" + urlsplit(link).query
    assert (
        client_for(north_west, author)
        .get(path)["Location"]
        .startswith(f"/community/t/{thread.pk}/")
    )


def test_no_email_once_read_already_emailed_or_turned_off(north_west, author, replier):
    thread = start(north_west, author)
    with tenant_context(north_west):
        first = post_reply(author=replier, thread_id=thread.pk, body="One")
        notification = Notification.objects.get(post=first)
        Notification.objects.filter(pk=notification.pk).update(read_at=timezone.now())
        assert notification_email(notification_id=notification.pk) is False
        second = post_reply(author=replier, thread_id=thread.pk, body="Two")
        later = Notification.objects.get(post=second)
        NotificationPreference.objects.create(user=author, email=EmailFrequency.NEVER)
        assert notification_email(notification_id=later.pk) is False
        NotificationPreference.objects.filter(user=author).update(email=EmailFrequency.IMMEDIATE)
        assert notification_email(notification_id=later.pk) is True
        assert notification_email(notification_id=later.pk) is False  # emailed already


def test_emails_lost_while_the_broker_was_down_are_sent_by_the_sweep_once(
    north_west, author, replier, jane, mailoutbox, on_commit
):
    """No `on_commit` around the post: the post is stored but its email task never queued,
    as when the broker is down. The sweep sends what is old enough, once, and
    leaves digests, read notifications and fresh ones (their task may still run)."""
    thread = start(north_west, author)
    with tenant_context(north_west):
        subscription_follow(jane, thread=thread)
        NotificationPreference.objects.create(user=jane, email=EmailFrequency.DAILY)
        post_reply(author=replier, thread_id=thread.pk, body="Lost while the broker was down")
        lost = Notification.objects.get(user=author)
        assert mailoutbox == []
        assert region_missed_emails_send() == 0  # too fresh: its task may be on its way
        later = timezone.now() + MISSED_AFTER + timedelta(seconds=1)
        with on_commit():  # the outbox delivers after the sweep's transaction
            assert region_missed_emails_send(now=later) == 1
            assert region_missed_emails_send(now=later) == 0
        [email] = mailoutbox
        assert email.to == [author.email]
        assert Notification.objects.get(pk=lost.pk).emailed_at is not None
        assert Notification.objects.get(user=jane).emailed_at is None  # left for her digest


def test_beat_sweeps_every_region_for_lost_emails_every_quarter_hour():
    from celery.schedules import crontab

    from learning.celery import app

    entry = app.conf.beat_schedule["forum-missed-emails"]
    assert entry["task"] == sweep_missed_emails.name
    assert entry["schedule"] == crontab(minute="*/15")


class _Executable(HTMLParser):
    """Anything in an email that could run: script, event handlers, script URLs."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        if tag in {"script", "iframe", "object", "embed", "svg", "math", "img", "form", "style"}:
            self.found.append(tag)
        for name, value in attrs:
            value = "".join((value or "").split()).lower()
            if name.startswith("on") or name in {"srcdoc", "formaction"}:
                self.found.append(f"{tag}[{name}]")
            if value.startswith(("javascript:", "data:", "vbscript:")):
                self.found.append(f"{tag}[{name}={value}]")


def test_notification_emails_carry_no_executable_markup_from_any_payload(
    north_west, author, replier, on_commit, mailoutbox
):
    thread = start(north_west, author, title="<script>alert(1)</script> in a title")
    with tenant_context(north_west), on_commit():
        for payload in XSS_PAYLOADS:
            post_reply(author=replier, thread_id=thread.pk, body=f"@pat.writer {payload}")
    assert len(mailoutbox) == len(XSS_PAYLOADS)
    for email in mailoutbox:
        body_html = email.alternatives[0][0]
        parser = _Executable()
        parser.feed(body_html)
        assert parser.found == [], (email.body, parser.found)
        assert "<script" not in body_html.lower()


# --- Daily digests -------------------------------------------------------------------------


def test_the_daily_digest_lists_the_days_notifications_once(
    north_west, author, replier, on_commit, mailoutbox
):
    walking = start(north_west, author, title="Walking groups")
    carers = start(north_west, author, title="Carers' support")
    with tenant_context(north_west):
        NotificationPreference.objects.create(user=author, email=EmailFrequency.DAILY)
        with on_commit():
            post_reply(author=replier, thread_id=walking.pk, body="Tuesdays")
            post_reply(author=replier, thread_id=carers.pk, body="Ask the council")
            old = post_reply(author=replier, thread_id=carers.pk, body="Last week's")
        Notification.objects.filter(post=old).update(created_at=timezone.now() - timedelta(days=3))
    assert mailoutbox == []  # a digest member is not emailed straight away
    with on_commit():
        send_daily_digests.delay()  # from the hub, as beat runs it: one task per region
    [digest] = mailoutbox
    assert digest.to == [author.email]
    assert digest.subject == ("Your daily summary from the North West forums: 2 new notifications")
    assert "Walking groups" in digest.body and "Carers' support" in digest.body
    assert digest.body.count("Sam Okafor replied in a thread you follow") == 2
    assert "List-Unsubscribe" in digest.extra_headers
    with tenant_context(north_west):
        assert Notification.objects.filter(emailed_at__isnull=False).count() == 2
        assert Notification.objects.get(post=old).emailed_at is None
        with on_commit():
            assert region_digests_send() == 0  # nothing new: nothing sent again
    assert len(mailoutbox) == 1


def test_a_long_digest_shows_thirty_and_says_how_many_more(
    north_west, author, replier, on_commit, mailoutbox
):
    threads = [start(north_west, author, title=f"Thread {n}") for n in range(7)]
    with tenant_context(north_west):
        NotificationPreference.objects.create(user=author, email=EmailFrequency.DAILY)
        for n in range(35):
            post_reply(author=replier, thread_id=threads[n % 7].pk, body=f"Reply {n}")
        with on_commit():
            assert region_digests_send() == 1
        assert not Notification.objects.filter(emailed_at__isnull=True).exists()
    [digest] = mailoutbox
    assert digest.body.count("?open=") == 30
    assert "And 5 more" in digest.body


# --- One-click unsubscribe -----------------------------------------------------------------


def _unsubscribe_path(user, region) -> str:
    with tenant_context(region):
        return urlsplit(unsubscribe_url(user, region=region)).path


def test_the_unsubscribe_link_works_signed_out_after_a_confirmation(north_west, jane, client_for):
    path = _unsubscribe_path(jane, north_west)
    client = client_for(north_west)  # signed out
    page = client.get(path)
    assert page.status_code == 200
    assert "Stop emails from the North West forums?" in page.content.decode()
    with tenant_context(north_west):
        assert not NotificationPreference.objects.filter(user=jane).exists()  # GET changes nothing
    done = client.post(path)
    assert done.status_code == 200
    assert "You will no longer get forum emails from North West" in done.content.decode()
    assert 'href="/community/notifications/settings/"' in done.content.decode()
    with tenant_context(north_west):
        assert NotificationPreference.objects.get(user=jane).email == EmailFrequency.NEVER


def test_one_click_unsubscribe_needs_no_csrf_token(north_west, jane):
    path = _unsubscribe_path(jane, north_west)
    mail_client = Client(HTTP_HOST="north-west.localhost", enforce_csrf_checks=True)
    response = mail_client.post(
        path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    with tenant_context(north_west):
        assert NotificationPreference.objects.get(user=jane).email == EmailFrequency.NEVER


@pytest.mark.parametrize("damage", ["forged", "truncated", "garbage"])
def test_a_forged_or_damaged_unsubscribe_link_is_refused_clearly(
    north_west, jane, client_for, damage
):
    path = _unsubscribe_path(jane, north_west)
    token = path.rstrip("/").rsplit("/", 1)[1]
    bad = {
        "forged": token[:-4] + ("AAAA" if not token.endswith("AAAA") else "BBBB"),
        "truncated": token[: len(token) // 2],
        "garbage": "not-a-token",
    }[damage]
    for method in ("get", "post"):
        response = getattr(client_for(north_west), method)(f"/community/unsubscribe/{bad}/")
        assert response.status_code == 400
        assert "This unsubscribe link is not valid." in response.content.decode()
    with tenant_context(north_west):
        assert not NotificationPreference.objects.filter(user=jane).exists()


def test_an_unsubscribe_link_works_only_on_its_own_regions_host(
    north_west, london, jane, client_for
):
    path = _unsubscribe_path(jane, north_west)
    response = client_for(london).post(path)
    assert response.status_code == 400
    assert "for another region's forums" in html.unescape(response.content.decode())
    for region in (north_west, london):
        with tenant_context(region):
            assert not NotificationPreference.objects.filter(user=jane).exists()


def test_the_unsubscribe_link_in_an_email_turns_that_members_emails_off(
    north_west, author, replier, on_commit, mailoutbox, client_for
):
    thread = start(north_west, author)
    with on_commit():
        reply(north_west, replier, thread, "Hello")
    header = mailoutbox[0].extra_headers["List-Unsubscribe"]
    client_for(north_west).post(urlsplit(header[1:-1]).path)
    with on_commit():
        reply(north_west, replier, thread, "Hello again")
    assert len(mailoutbox) == 1
    assert len(notifications_of(north_west, author)) == 2  # still shown on the site


def test_beat_sends_the_digests_every_morning():
    from celery.schedules import crontab

    from learning.celery import app

    entry = app.conf.beat_schedule["forum-daily-digests"]
    assert entry["task"] == send_daily_digests.name
    assert entry["schedule"] == crontab(hour=7, minute=0)
