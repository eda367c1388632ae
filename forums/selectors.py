from django.db.models import Count, Exists, OuterRef, Q, Subquery

from .models import Category, HelpfulMark, Post, Report, Subscription, Thread, ThreadRead


def category_list():
    return Category.objects.order_by("position", "name")


def category_threads(category: Category, *, user, include_hidden: bool = False):
    """A category's threads, pinned first then most recently active; paginate it.

    Each carries `newest_post_id` and `read_up_to` (the member's marker, None if
    never opened), so "new" is worked out in the same query as the list."""
    threads = category.threads.all() if include_hidden else category.threads.filter(hidden=False)
    newest = Post.objects.filter(thread=OuterRef("pk"), hidden=False).order_by("-pk")
    marker = ThreadRead.objects.filter(thread=OuterRef("pk"), user=user)
    return (
        threads.select_related("author")
        .annotate(
            newest_post_id=Subquery(newest.values("pk")[:1]),
            read_up_to=Subquery(marker.values("last_read_post_id")[:1]),
        )
        .order_by("-pinned", "-last_post_at", "-pk")
    )


def visible_thread(pk: int, *, user, include_hidden: bool = False):
    """The thread (a queryset of it), carrying the member's read marker (`read_up_to`,
    None if never opened) and whether they follow it, all in one query."""
    threads = Thread.objects.select_related("category").annotate(
        read_up_to=Subquery(
            ThreadRead.objects.filter(thread=OuterRef("pk"), user=user).values("last_read_post_id")[
                :1
            ]
        ),
        following=Exists(Subscription.objects.filter(thread=OuterRef("pk"), user=user)),
    )
    return threads.filter(pk=pk) if include_hidden else threads.filter(pk=pk, hidden=False)


def thread_posts(thread: Thread, *, user=None, include_hidden: bool = False):
    """A thread's posts, oldest first (hidden ones only for moderators); paginate it.

    With `user`, each post carries its helpful count and whether they marked it."""
    posts = thread.posts.all() if include_hidden else thread.posts.filter(hidden=False)
    posts = posts.select_related("author").order_by("created_at", "pk")
    if user is not None:
        posts = posts.annotate(
            helpful_count=Count("helpful_marks"),
            marked_helpful=Exists(HelpfulMark.objects.filter(post=OuterRef("pk"), user=user)),
        )
    return posts


def post_page_number(post: Post, *, per_page: int) -> int:
    """The page of its thread a visible post is on (for links to it)."""
    before = post.thread.posts.filter(hidden=False).filter(
        Q(created_at__lt=post.created_at) | Q(created_at=post.created_at, pk__lt=post.pk)
    )
    return before.count() // per_page + 1


def first_unread_post_id(*, thread_id: int, after_id: int) -> int | None:
    return (
        Post.objects.filter(thread_id=thread_id, hidden=False, pk__gt=after_id)
        .order_by("pk")
        .values_list("pk", flat=True)
        .first()
    )


def follows_category(user, category: Category) -> bool:
    return Subscription.objects.filter(user=user, category=category).exists()


def open_reports_by_post():
    """Reported posts with open reports, safeguarding concerns first, then oldest;
    each post carries its open reports (two queries per page)."""
    from django.contrib.postgres.aggregates import BoolOr
    from django.db.models import Count, Exists, Min, OuterRef, Prefetch, Q

    open_reports = Report.objects.filter(resolved_at__isnull=True).select_related("reporter")
    has_open_report = Exists(Report.objects.filter(post=OuterRef("pk"), resolved_at__isnull=True))
    return (
        Post.objects.filter(has_open_report)
        .annotate(
            open_count=Count("reports", filter=Q(reports__resolved_at__isnull=True)),
            safeguarding=BoolOr(
                "reports__safeguarding", filter=Q(reports__resolved_at__isnull=True)
            ),
            first_reported=Min("reports__created_at", filter=Q(reports__resolved_at__isnull=True)),
        )
        .select_related("author", "thread")
        .prefetch_related(Prefetch("reports", queryset=open_reports, to_attr="open_reports"))
        .order_by("-safeguarding", "first_reported", "pk")
    )


BACKFILL_LIMIT = 50


def posts_after(*, thread_id: int, after_id: int) -> list[dict]:
    """What a page that reconnects missed: visible posts after the last one it shows,
    oldest first, as the same payloads live updates carry."""
    posts = (
        Post.objects.filter(
            thread_id=thread_id, pk__gt=after_id, hidden=False, thread__hidden=False
        )
        .select_related("author")
        .order_by("pk")[:BACKFILL_LIMIT]
    )
    return [post_payload(post) for post in posts]


def post_payload(post) -> dict:
    return {
        "type": "post",
        "thread": post.thread_id,
        "post": post.pk,
        "author": post.author.full_name or "A member",
        "created_at": post.created_at.isoformat(),
        "html": post.body_html,
    }
