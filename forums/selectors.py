from django.contrib.postgres.aggregates import BoolOr
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    Func,
    IntegerField,
    Min,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Sum,
    Value,
    When,
    Window,
)
from django.db.models.functions import Coalesce

from .models import Category, HelpfulMark, Post, Report, Subscription, Thread, ThreadRead
from .quoting import hide_quotes_in_html


def category_list():
    return Category.objects.order_by("position", "name")


def _count(queryset):
    """A correlated COUNT(*) subquery (0 when nothing matches)."""
    counted = queryset.order_by().annotate(n=Func(Value(1), function="COUNT")).values("n")
    return Coalesce(Subquery(counted[:1]), 0)


def category_summaries(*, user) -> list[Category]:
    """The community home: every category with its visible thread count, its latest
    visible post (`latest_post`, with thread and author) and `has_unread` (a visible
    post the member's read markers do not cover). Two queries however many
    categories and threads. Hidden threads and posts count for nobody here."""
    visible = Post.objects.filter(
        thread__category=OuterRef("pk"), hidden=False, thread__hidden=False
    )
    categories = Category.objects.annotate(
        thread_count=_count(Thread.objects.filter(category=OuterRef("pk"), hidden=False)),
        latest_post_id=Subquery(visible.order_by("-created_at", "-pk").values("pk")[:1]),
    )
    if user.is_authenticated:
        read = ThreadRead.objects.filter(
            thread=OuterRef("thread"), user=user, last_read_post_id__gte=OuterRef("pk")
        )
        categories = categories.annotate(has_unread=Exists(visible.filter(~Exists(read))))
    categories = list(categories.order_by("position", "name"))
    latest = (
        Post.objects.select_related("thread", "author")
        .defer("body", "body_html")
        .in_bulk([c.latest_post_id for c in categories if c.latest_post_id])
    )
    for category in categories:
        category.latest_post = latest.get(category.latest_post_id)
    return categories


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


def member_thread_page(thread: Thread, page, *, user) -> list[Post]:
    """The posts a member sees on `page` (paginated over the visible posts, so page
    numbers stay those of `thread_posts`), with a hidden post in its place between
    them as a placeholder: its words are blanked here, never sent to the template.

    One query, like the page it replaces: each post carries how many visible posts
    come before it, and a hidden one goes on the page the next visible post is on
    (after the last, on the last page)."""
    is_visible = Case(When(hidden=False, then=1), default=0, output_field=IntegerField())
    before = Window(Sum(is_visible), order_by=[F("created_at").asc(), F("pk").asc()]) - is_visible
    # Helpful counts as a subquery: a GROUP BY (Count over a join) cannot hold a window.
    posts = (
        thread.posts.select_related("author")
        .annotate(
            helpful_count=_count(HelpfulMark.objects.filter(post=OuterRef("pk"))),
            marked_helpful=Exists(HelpfulMark.objects.filter(post=OuterRef("pk"), user=user)),
            visible_before=before,
        )
        .order_by("created_at", "pk")
    )
    bottom = (page.number - 1) * page.paginator.per_page
    posts = posts.filter(visible_before__gte=bottom)
    if page.has_next():
        posts = posts.filter(visible_before__lt=bottom + page.paginator.per_page)
    posts = list(posts)
    for post in posts:
        if post.hidden:
            post.body = post.body_html = ""
    return posts


def post_page_number(post: Post, *, per_page: int, include_hidden: bool = False) -> int:
    """The page of its thread a post is on (for links to it), as a member sees the
    thread (a hidden post's placeholder by the next visible post) or a moderator."""
    posts = post.thread.posts.all() if include_hidden else post.thread.posts.filter(hidden=False)
    before = posts.filter(
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
    each post carries its open reports with their reporters, and `posts_before`
    (for the link to its page): two queries per page however many reports."""
    open_reports = (
        Report.objects.filter(resolved_at__isnull=True)
        .select_related("reporter")
        .order_by("created_at", "pk")
    )
    has_open_report = Exists(Report.objects.filter(post=OuterRef("pk"), resolved_at__isnull=True))
    # Moderators see hidden posts in the thread, so those count for the page too.
    earlier = Post.objects.filter(thread=OuterRef("thread")).filter(
        Q(created_at__lt=OuterRef("created_at"))
        | Q(created_at=OuterRef("created_at"), pk__lt=OuterRef("pk"))
    )
    return (
        Post.objects.filter(has_open_report)
        .annotate(
            open_count=Count("reports", filter=Q(reports__resolved_at__isnull=True)),
            safeguarding=BoolOr(
                "reports__safeguarding", filter=Q(reports__resolved_at__isnull=True)
            ),
            first_reported=Min("reports__created_at", filter=Q(reports__resolved_at__isnull=True)),
            posts_before=_count(earlier),
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
        # A reply may quote a post hidden since: its words stay out (a query only
        # when the reply quotes something).
        "html": hide_quotes_in_html(post.body_html),
    }
