"""Reads for forum notifications, follows and email preferences (current region's schema)."""

from django.db.models import Count, Q, QuerySet

from learning.accounts.enums import Role
from learning.accounts.models import User

from .models import EmailFrequency, Notification, NotificationPreference, Subscription


def region_members(region) -> QuerySet[User]:
    """Active people who may enter `region`, as one query: the same rule as
    `learning.accounts.selectors.user_can_enter_region` (national team, its
    coordinators, link workers and CCG leads whose organisation is in it), but
    for many people at once. Coordinators come through a subquery so the
    many-to-many join cannot repeat anyone."""
    return User.objects.filter(is_active=True).filter(
        Q(role=Role.NATIONAL)
        | Q(pk__in=region.coordinators.values("pk"))
        | Q(pcn__ccg__region=region)
        | Q(ccg__region=region)
    )


def _visible(notifications: QuerySet[Notification]) -> QuerySet[Notification]:
    # A post or thread a moderator has hidden no longer counts or shows.
    return notifications.filter(post__hidden=False, post__thread__hidden=False)


def notifications_for(user) -> QuerySet[Notification]:
    """The member's notifications, newest first, with what a list shows; paginate it."""
    return (
        _visible(Notification.objects.filter(user=user))
        .select_related("post__thread", "actor")
        .order_by("-created_at", "-pk")
    )


def unread_count(user) -> int:
    """One query, on the (user, read_at) index: the header asks on every page."""
    return _visible(Notification.objects.filter(user=user, read_at__isnull=True)).count()


def unread_counts(user_ids) -> dict[int, int]:
    """Unread notifications per member, for many members in one query."""
    rows = (
        _visible(Notification.objects.filter(user_id__in=user_ids, read_at__isnull=True))
        .values("user_id")
        .annotate(unread=Count("pk"))
        .order_by()
    )
    counts = dict.fromkeys(user_ids, 0)
    counts.update({row["user_id"]: row["unread"] for row in rows})
    return counts


def preference_for(user) -> str:
    """How the member wants this region's notifications emailed (an EmailFrequency);
    straight away until they choose."""
    chosen = NotificationPreference.objects.filter(user=user).values_list("email", flat=True)
    return chosen.first() or EmailFrequency.IMMEDIATE


def followed_threads(user) -> QuerySet[Subscription]:
    return (
        Subscription.objects.filter(user=user, thread__isnull=False, thread__hidden=False)
        .select_related("thread__category")
        .order_by("-thread__last_post_at", "-pk")
    )


def followed_categories(user) -> QuerySet[Subscription]:
    return (
        Subscription.objects.filter(user=user, category__isnull=False)
        .select_related("category")
        .order_by("category__position", "category__name")
    )
