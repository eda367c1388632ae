from functools import wraps

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import connection
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from learning.forms import apply_validation_error
from learning.regions.consumers import region_group

from . import services
from .forms import MoveForm, ReplyForm, ThreadForm
from .models import Category, Post, Thread
from .permissions import active_suspension, user_moderates
from .selectors import category_list, category_threads, thread_posts

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
        {"categories": category_list(), "crumbs": [("Home", "/")]},
    )


@not_suspended
def category(request, slug):
    category = get_object_or_404(Category, slug=slug)
    page = Paginator(category_threads(category), THREADS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "forums/category.html",
        {
            "category": category,
            "page_obj": page,
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


def _thread_page(request, thread, *, form, page_number=None, status=200):
    is_moderator = user_moderates(request.user, connection.tenant)
    posts = thread_posts(thread, include_hidden=is_moderator)
    if is_moderator:  # moderators see what edited posts said before
        posts = posts.prefetch_related("revisions")
    paginator = Paginator(posts, POSTS_PER_PAGE)
    number = page_number or request.GET.get("page")
    page = paginator.get_page(paginator.num_pages if number == "last" else number)
    return render(
        request,
        "forums/thread.html",
        {
            "thread": thread,
            "page_obj": page,
            "form": form,
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


@not_suspended
def thread(request, pk):
    thread = get_object_or_404(Thread.objects.select_related("category"), pk=pk)
    return _thread_page(request, thread, form=ReplyForm())


@not_suspended
@require_POST
def reply(request, pk):
    thread = get_object_or_404(Thread.objects.select_related("category"), pk=pk)
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
    return _thread_page(request, thread, form=form, page_number="last", status=400)


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
