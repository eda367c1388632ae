"""Forum notifications (writes): following threads and categories, telling members
about new posts, read state and email preference. Everything is in the current
region's schema; emails are in forums/notification_emails.py."""

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from .broadcast import broadcast_after_commit
from .mentions import MAX_MENTIONS, handle_expression, mentioned_handles
from .models import (
    EmailFrequency,
    Notification,
    NotificationKind,
    NotificationPreference,
    Post,
    Subscription,
    Suspension,
    Thread,
)
from .notification_selectors import region_members, unread_count, unread_counts
from .tasks import email_notification


def _one_target(thread, category) -> None:
    if (thread is None) == (category is None):
        raise ValidationError("Choose one thread or one category to follow.")


def subscription_follow(user, *, thread=None, category=None) -> Subscription:
    """Follow a thread (its replies) or a category (its new threads); idempotent."""
    _one_target(thread, category)
    if thread is not None:
        # Read again: the caller's copy may predate a moderator hiding it.
        if not Thread.objects.filter(pk=thread.pk, hidden=False).exists():
            raise ValidationError("That thread has been hidden: it cannot be followed.")
        subscription, _ = Subscription.objects.get_or_create(user=user, thread=thread)
    else:
        subscription, _ = Subscription.objects.get_or_create(user=user, category=category)
    return subscription


def subscription_unfollow(user, *, thread=None, category=None) -> int:
    """Stop following; not following already is fine. Returns how many were removed."""
    _one_target(thread, category)
    target = {"thread": thread} if thread is not None else {"category": category}
    deleted, _ = Subscription.objects.filter(user=user, **target).delete()
    return deleted


def _recipients(post: Post, *, new_thread: bool, handles: list[str]) -> list[tuple[int, str]]:
    """(user id, kind) for everyone to tell about `post`, from one query over people:
    the mentioned and the followers, active, still allowed into the region, and not
    suspended from its forums. A suspended member cannot read the forums, so they
    are not sent what is posted there either."""
    follows = (
        Subscription.objects.filter(category=post.thread.category_id)
        if new_thread
        else Subscription.objects.filter(thread=post.thread_id)
    )
    suspended = Suspension.objects.filter(
        user=OuterRef("pk"), until__gt=timezone.now(), lifted_at__isnull=True
    )
    people = (
        region_members(connection.tenant)
        .exclude(pk=post.author_id)
        .annotate(handle=handle_expression(), follows=Exists(follows.filter(user=OuterRef("pk"))))
        .filter(Q(handle__in=handles) | Q(follows=True))
        .filter(~Exists(suspended))
        .order_by("pk")
    )
    follow_kind = NotificationKind.THREAD if new_thread else NotificationKind.REPLY
    recipients, mentions = [], 0
    for pk, handle, follows_post in people.values_list("pk", "handle", "follows"):
        if handle in handles and mentions < MAX_MENTIONS:
            recipients.append((pk, NotificationKind.MENTION))
            mentions += 1
        elif follows_post:
            recipients.append((pk, follow_kind))
    return recipients


def notify_about_post(post: Post, *, new_thread: bool) -> list[Notification]:
    """Tell people about a new post, inside the transaction that stores it.

    The author follows the thread from now on (starting or joining a conversation
    is following it). Then one notification per person: a mention wins over
    following. After commit, each recipient's open pages get their new unread
    count, and those who want email straight away get a task each."""
    subscription_follow(post.author, thread=post.thread)
    recipients = _recipients(post, new_thread=new_thread, handles=mentioned_handles(post.body_html))
    if not recipients:
        return []
    created = Notification.objects.bulk_create(
        Notification(user_id=pk, kind=kind, post=post, actor_id=post.author_id)
        for pk, kind in recipients
    )
    for user_id, unread in unread_counts([pk for pk, _ in recipients]).items():
        broadcast_after_commit(f"user.{user_id}", {"type": "notifications", "unread": unread})
    _queue_immediate_emails(created)
    return created


def _queue_immediate_emails(notifications: list[Notification]) -> None:
    not_now = set(
        NotificationPreference.objects.filter(user_id__in=[n.user_id for n in notifications])
        .exclude(email=EmailFrequency.IMMEDIATE)
        .values_list("user_id", flat=True)
    )
    # The schema goes with each task explicitly: the worker runs it in this region.
    headers = {"_schema_name": connection.schema_name}
    for notification in notifications:
        if notification.user_id not in not_now:
            transaction.on_commit(
                lambda pk=notification.pk: email_notification.apply_async(
                    args=[pk], headers=headers
                )
            )


def notifications_mark_read(user, ids=None) -> int:
    """Mark some (ids) or all (None) of the member's unread notifications read.
    Their other open pages get the new count."""
    unread = Notification.objects.filter(user=user, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=list(ids))
    marked = unread.update(read_at=timezone.now())
    if marked:
        broadcast_after_commit(
            f"user.{user.pk}", {"type": "notifications", "unread": unread_count(user)}
        )
    return marked


def preference_set(user, email: str) -> NotificationPreference:
    """Choose how this region's forum notifications are emailed."""
    if email not in EmailFrequency.values:
        raise ValidationError({"email": "Choose how often you want forum emails."})
    preference, _ = NotificationPreference.objects.update_or_create(
        user=user, defaults={"email": email}
    )
    return preference
