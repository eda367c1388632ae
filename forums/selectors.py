from .models import Category, Post, Report, Thread


def category_list():
    return Category.objects.order_by("position", "name")


def category_threads(category: Category):
    """A category's threads, pinned first then most recently active; paginate it."""
    return category.threads.select_related("author").order_by("-pinned", "-last_post_at", "-pk")


def thread_posts(thread: Thread, *, include_hidden: bool = False):
    """A thread's posts, oldest first (hidden ones only for moderators); paginate it."""
    posts = thread.posts.all() if include_hidden else thread.posts.filter(hidden=False)
    return posts.select_related("author").order_by("created_at", "pk")


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
        Post.objects.filter(thread_id=thread_id, pk__gt=after_id, hidden=False)
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
