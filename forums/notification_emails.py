"""Forum notification emails: one straight away, or a daily digest, each with a
one-click unsubscribe (RFC 8058). Run inside a region's schema (Celery tasks
queued with that schema); mail goes through the outbox, so a repeated task
never sends twice."""

from collections import OrderedDict
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator

from learning.accounts.models import User
from learning.mail.services import outbox_enqueue
from learning.regions.selectors import current_region, region_url

from .models import EmailFrequency, Notification, NotificationPreference
from .notification_selectors import preference_for, region_members
from .quoting import hide_quotes_in_markdown

UNSUBSCRIBE_SALT = "forums.notification-emails.unsubscribe"
EXCERPT_CHARS = 300
DIGEST_MAX_ITEMS = 30
# A day, plus slack for a beat run that starts a little later than the last one;
# `emailed_at` keeps the overlap from being sent twice.
DIGEST_LOOKBACK = timedelta(hours=25)
# An email queued straight away normally goes within seconds; one still unsent after
# this long was lost (the broker was down when its post committed), so the sweep sends it.
MISSED_AFTER = timedelta(minutes=10)


# --- One-click unsubscribe -------------------------------------------------------------


def unsubscribe_token(user, *, schema_name: str) -> str:
    """A signed, non-expiring token naming the member and the region. It is the
    only credential the unsubscribe link needs (mail clients post it signed out);
    all it can do is turn that member's forum emails from that region off."""
    return signing.dumps([user.pk, schema_name], salt=UNSUBSCRIBE_SALT)


def unsubscribe_url(user, *, region) -> str:
    path = reverse(
        "forums:unsubscribe",
        args=[unsubscribe_token(user, schema_name=region.schema_name)],
        urlconf=settings.ROOT_URLCONF,
    )
    return region_url(region.slug) + path


def unsubscribe_user(token: str) -> User:
    """The member a token of this region names; ValidationError if it is forged,
    damaged, for another region, or for nobody."""
    try:
        user_id, schema_name = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except (signing.BadSignature, ValueError, TypeError):
        raise ValidationError(
            "This unsubscribe link is not valid. Copy the whole link from the email, "
            "or change your email settings after signing in."
        ) from None
    if schema_name != connection.schema_name:
        raise ValidationError(
            "This unsubscribe link is for another region's forums: open it from the email "
            "it came in."
        )
    user = User.objects.filter(pk=user_id).first() if isinstance(user_id, int) else None
    if user is None:
        raise ValidationError("This unsubscribe link is for an account that no longer exists.")
    return user


def _headers(unsubscribe: str) -> dict:
    return {
        "List-Unsubscribe": f"<{unsubscribe}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


# --- Emails ----------------------------------------------------------------------------


def _links(region, user) -> dict:
    base = region_url(region.slug)
    return {
        "notifications_link": base + reverse("forums:notifications", urlconf=settings.ROOT_URLCONF),
        "settings_link": base + reverse("forums:preferences", urlconf=settings.ROOT_URLCONF),
        "unsubscribe_link": unsubscribe_url(user, region=region),
    }


def _open_link(region, notification_id: int) -> str:
    """Through the notifications list, which marks it read and goes on to the post."""
    path = reverse("forums:notifications", urlconf=settings.ROOT_URLCONF)
    return f"{region_url(region.slug)}{path}?open={notification_id}"


def _still_wanted(notification: Notification, region) -> bool:
    post = notification.post
    return (
        notification.read_at is None
        and notification.emailed_at is None
        and not post.hidden
        and not post.thread.hidden
        and region_members(region).filter(pk=notification.user_id).exists()
    )


@transaction.atomic
def notification_email(*, notification_id: int) -> bool:
    """Email one notification straight away, unless it was read or emailed already,
    its post was hidden, the member lost access, or they no longer want email
    straight away. Returns True if an email was queued."""
    region = current_region()
    if region is None:  # queued without a region's schema: the hub has no forums
        return False
    notification = (
        Notification.objects.select_for_update(of=("self",))
        .select_related("user", "actor", "post__thread")
        .filter(pk=notification_id)
        .first()
    )
    if notification is None or not _still_wanted(notification, region):
        return False
    if preference_for(notification.user) != EmailFrequency.IMMEDIATE:
        return False
    post, user = notification.post, notification.user
    links = _links(region, user)
    outbox_enqueue(
        key=f"forum-notification-{connection.schema_name}-{notification.pk}",
        to=user.email,
        template="forum_notification",
        context={
            "recipient": user,
            "region": region,
            "actor_name": notification.actor.full_name or "A member",
            "what": notification.get_kind_display(),
            "thread_title": post.thread.title,
            # A quote of a post hidden since it was written shows no words of it.
            "excerpt": Truncator(hide_quotes_in_markdown(post.body)).chars(EXCERPT_CHARS),
            "link": _open_link(region, notification.pk),
            **links,
        },
        headers=_headers(links["unsubscribe_link"]),
    )
    notification.emailed_at = timezone.now()
    notification.save(update_fields=["emailed_at"])
    return True


def region_missed_emails_send(*, now=None) -> int:
    """Send the straight-away emails whose task was lost: the post was stored while
    the broker was down, so `on_commit` could not queue them. Runs in a region's
    schema; `notification_email` re-checks and locks each one, so a task that was
    only late never makes a second email. Returns emails queued."""
    now = now or timezone.now()
    not_immediate = NotificationPreference.objects.exclude(email=EmailFrequency.IMMEDIATE).values(
        "user_id"
    )
    missed = (
        Notification.objects.filter(
            read_at__isnull=True,
            emailed_at__isnull=True,
            created_at__gte=now - DIGEST_LOOKBACK,
            created_at__lte=now - MISSED_AFTER,
        )
        .exclude(user_id__in=not_immediate)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    return sum(notification_email(notification_id=pk) for pk in missed)


def _digest_groups(notifications: list[Notification], region) -> list[dict]:
    """Items grouped by thread, threads in the order of their first item."""
    groups: OrderedDict[int, dict] = OrderedDict()
    for notification in notifications:
        thread = notification.post.thread
        group = groups.setdefault(thread.pk, {"thread_title": thread.title, "items": []})
        group["items"].append(
            {
                "actor_name": notification.actor.full_name or "A member",
                "what": notification.get_kind_display(),
                "created_at": notification.created_at,
                "link": _open_link(region, notification.pk),
            }
        )
    return list(groups.values())


def region_digests_send(*, now=None) -> int:
    """Email each member who chose a daily digest one list of their unread
    notifications of the last day not yet emailed (up to DIGEST_MAX_ITEMS, grouped
    by thread, then "and N more"), and mark them all emailed. Returns emails queued."""
    region = current_region()
    if region is None:  # queued without a region's schema: the hub has no forums
        return 0
    now = now or timezone.now()
    daily = NotificationPreference.objects.filter(email=EmailFrequency.DAILY).values("user_id")
    pending = (
        Notification.objects.filter(
            user_id__in=daily,
            read_at__isnull=True,
            emailed_at__isnull=True,
            created_at__gte=now - DIGEST_LOOKBACK,
            post__hidden=False,
            post__thread__hidden=False,
        )
        .filter(user_id__in=region_members(region).values("pk"))
        .select_related("user", "actor", "post__thread")
        .order_by("user_id", "created_at", "pk")
    )
    by_user: OrderedDict[int, list[Notification]] = OrderedDict()
    for notification in pending:
        by_user.setdefault(notification.user_id, []).append(notification)
    for notifications in by_user.values():
        _digest_send(notifications, region=region, now=now)
    return len(by_user)


@transaction.atomic
def _digest_send(notifications: list[Notification], *, region, now) -> None:
    user = notifications[0].user
    shown = notifications[:DIGEST_MAX_ITEMS]
    links = _links(region, user)
    outbox_enqueue(
        # The newest item's id: a later digest with more in it is a new email.
        key=f"forum-digest-{connection.schema_name}-{user.pk}-{notifications[-1].pk}",
        to=user.email,
        template="forum_digest",
        context={
            "recipient": user,
            "region": region,
            "count": len(notifications),
            "groups": _digest_groups(shown, region),
            "more": len(notifications) - len(shown),
            **links,
        },
        headers=_headers(links["unsubscribe_link"]),
    )
    Notification.objects.filter(pk__in=[n.pk for n in notifications]).update(emailed_at=now)
