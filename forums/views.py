from functools import wraps

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import connection
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from learning.forms import apply_validation_error
from learning.regions.consumers import region_group

from . import services
from .forms import MoveForm, ReplyForm, ThreadForm
from .helpful import helpful_mark, helpful_unmark
from .models import Category, Post
from .notifications import subscription_follow, subscription_unfollow
from .permissions import active_suspension, user_moderates
from .quoting import hide_quotes_in_posts, quote_markdown
from .reading import thread_mark_read
from .selectors import (
    category_list,
    category_summaries,
    category_threads,
    first_unread_post_id,
    follows_category,
    member_thread_page,
    post_page_number,
    thread_posts,
    visible_thread,
)

THREADS_PER_PAGE = 20
POSTS_PER_PAGE = 20


def not_suspended(view):
    """A member suspended from this region's forums sees why, and nothing else of them."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.user.is_authenticated and (suspension := active_suspension(request.user)):
            return render(request, "forums/suspended.html", {"suspension": suspension}, status=403)
        return view(request, *args, **kwargs)

    return wrapped


def _too_many(request):
    return render(request, "forums/429.html", status=429)


@not_suspended
def index(request):
    return render(
        request,
        "forums/index.html",
        {"categories": category_summaries(user=request.user), "crumbs": [("Home", "/")]},
    )


@not_suspended
def category(request, slug):
    category = get_object_or_404(Category, slug=slug)
    threads = category_threads(
        category,
        user=request.user,
        include_hidden=user_moderates(request.user, connection.tenant),
    )
    page = Paginator(threads, THREADS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "forums/category.html",
        {
            "category": category,
            "page_obj": page,
            "following": follows_category(request.user, category),
            "crumbs": [("Home", "/"), ("Community", reverse("forums:index"))],
        },
    )


@not_suspended
@require_http_methods(["GET", "POST"])
def thread_new(request, slug):
    category = get_object_or_404(Category, slug=slug)
    form = ThreadForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if services.posting_rate_limited(request.user):
            return _too_many(request)
        if form.is_valid():
            try:
                thread = services.thread_start(
                    author=request.user, category=category, **form.cleaned_data
                )
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                messages.success(request, "Your thread has been posted.")
                return redirect(thread)
    return render(
        request,
        "forums/thread_new.html",
        {
            "category": category,
            "form": form,
            "crumbs": [
                ("Community", reverse("forums:index")),
                (category.name, reverse("forums:category", args=[category.slug])),
            ],
        },
        status=400 if form.errors else 200,
    )


def _thread_page(request, thread, *, form, is_moderator, page_number=None, status=200):
    posts = thread_posts(thread, user=request.user, include_hidden=is_moderator)
    if is_moderator:  # moderators see what edited posts said before
        posts = posts.prefetch_related("revisions")
    paginator = Paginator(posts, POSTS_PER_PAGE)
    number = page_number or request.GET.get("page")
    page = paginator.get_page(paginator.num_pages if number == "last" else number)
    # Members see a hidden post as a placeholder in its place, without its words.
    posts = list(page) if is_moderator else member_thread_page(thread, page, user=request.user)
    hide_quotes_in_posts([post for post in posts if is_moderator or not post.hidden])
    read_before = thread.read_up_to or 0
    shown = [post.pk for post in posts if is_moderator or not post.hidden]
    if shown and max(shown) > read_before:
        thread_mark_read(user=request.user, thread_id=thread.pk, up_to_post_id=max(shown))
    return render(
        request,
        "forums/thread.html",
        {
            "thread": thread,
            "page_obj": page,
            "posts": posts,
            "form": form,
            "read_before": read_before,
            "following": thread.following,
            "live_group": region_group(connection.schema_name, f"thread.{thread.pk}"),
            "is_moderator": is_moderator,
            "now": timezone.now(),
            "move_form": MoveForm(categories=category_list()) if is_moderator else None,
            "crumbs": [
                ("Community", reverse("forums:index")),
                (thread.category.name, reverse("forums:category", args=[thread.category.slug])),
            ],
        },
        status=status,
    )


def _thread_or_404(request, pk):
    """Hidden threads are gone for members (404) and kept for moderators."""
    is_moderator = user_moderates(request.user, connection.tenant)
    threads = visible_thread(pk, user=request.user, include_hidden=is_moderator)
    return get_object_or_404(threads), is_moderator


def _quote_initial(request, thread) -> dict:
    """`?quote=<post id>` starts the reply with that post quoted (no JavaScript needed)."""
    quote = request.GET.get("quote", "")
    if not quote.isdigit():
        return {}
    post = thread.posts.filter(pk=int(quote), hidden=False).select_related("author").first()
    return {"body": quote_markdown(post)} if post else {}


def _post_place(thread, post_id: str, *, is_moderator: bool):
    """`?post=<id>` (quote links, emails): the page of the thread that post is on."""
    post = thread.posts.filter(pk=int(post_id)).first() if post_id.isdigit() else None
    if post is None:
        return redirect(thread)
    post.thread = thread
    number = post_page_number(post, per_page=POSTS_PER_PAGE, include_hidden=is_moderator)
    # A member's placeholder after the last visible post is on the last page.
    last = Paginator(thread_posts(thread, include_hidden=is_moderator), POSTS_PER_PAGE).num_pages
    number = min(number, last)
    return redirect(f"{thread.get_absolute_url()}?page={number}#post-{post.pk}")


@not_suspended
def thread(request, pk):
    thread, is_moderator = _thread_or_404(request, pk)
    if "post" in request.GET:
        return _post_place(thread, request.GET["post"], is_moderator=is_moderator)
    form = ReplyForm(initial=_quote_initial(request, thread))
    page_number = "last" if "quote" in request.GET else None
    return _thread_page(
        request, thread, form=form, is_moderator=is_moderator, page_number=page_number
    )


@not_suspended
def thread_unread(request, pk):
    """Jump to the first post the member has not read (or the end if none)."""
    thread, is_moderator = _thread_or_404(request, pk)
    post_id = first_unread_post_id(thread_id=thread.pk, after_id=thread.read_up_to or 0)
    if post_id is None:
        return redirect(f"{thread.get_absolute_url()}?page=last")
    post = Post.objects.select_related("thread").get(pk=post_id)
    number = post_page_number(post, per_page=POSTS_PER_PAGE, include_hidden=is_moderator)
    return redirect(f"{thread.get_absolute_url()}?page={number}#post-{post_id}")


@not_suspended
@require_POST
def reply(request, pk):
    thread, is_moderator = _thread_or_404(request, pk)
    if services.posting_rate_limited(request.user):
        return _too_many(request)
    form = ReplyForm(request.POST)
    if form.is_valid():
        try:
            post = services.post_reply(
                author=request.user, thread_id=thread.pk, body=form.cleaned_data["body"]
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            last = Paginator(thread_posts(thread), POSTS_PER_PAGE).num_pages
            url = reverse("forums:thread", args=[thread.pk])
            return redirect(
                f"{url}?page={last}#post-{post.pk}" if last > 1 else f"{url}#post-{post.pk}"
            )
    return _thread_page(
        request, thread, form=form, is_moderator=is_moderator, page_number="last", status=400
    )


@not_suspended
@require_POST
def helpful(request, pk):
    """Mark or unmark a reply as helpful, then back to it."""
    post = get_object_or_404(Post.objects.select_related("thread"), pk=pk)
    change = helpful_unmark if request.POST.get("action") == "unmark" else helpful_mark
    try:
        change(user=request.user, post_id=post.pk)
    except ValidationError as error:
        if post.hidden or post.thread.hidden:
            raise Http404("That post does not exist or has been hidden.") from error
        messages.error(request, " ".join(error.messages))
    number = post_page_number(post, per_page=POSTS_PER_PAGE)
    return redirect(f"{post.thread.get_absolute_url()}?page={number}#post-{post.pk}")


def _follow_change(request, **target):
    try:
        if request.POST.get("action") == "unfollow":
            subscription_unfollow(request.user, **target)
            messages.success(request, "You will no longer be notified about it.")
        else:
            subscription_follow(request.user, **target)
            messages.success(request, "You are following it: you will be notified of new posts.")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))


@not_suspended
@require_POST
def follow_thread(request, pk):
    thread, _ = _thread_or_404(request, pk)
    _follow_change(request, thread=thread)
    return redirect(thread)


@not_suspended
@require_POST
def follow_category(request, slug):
    category = get_object_or_404(Category, slug=slug)
    _follow_change(request, category=category)
    return redirect("forums:category", slug=category.slug)


@not_suspended
@require_http_methods(["GET", "POST"])
def post_edit(request, pk):
    post = get_object_or_404(
        Post.objects.select_related("thread__category"), pk=pk, author=request.user, hidden=False
    )
    form = ReplyForm(
        request.POST if request.method == "POST" else None, initial={"body": post.body}
    )
    form.fields["body"].label = "Your post"
    if request.method == "POST" and form.is_valid():
        try:
            services.post_edit(author=request.user, post_id=post.pk, body=form.cleaned_data["body"])
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, "Your post has been changed.")
            return redirect(f"{post.thread.get_absolute_url()}?page=last#post-{post.pk}")
    return render(
        request,
        "forums/post_edit.html",
        {
            "post": post,
            "form": form,
            "crumbs": [
                ("Community", reverse("forums:index")),
                (post.thread.title, post.thread.get_absolute_url()),
            ],
        },
        status=400 if form.errors else 200,
    )
