"""Reporting posts (members) and moderating them (the region's learning coordinators)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import connection
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from learning.accounts.models import User
from learning.forms import apply_validation_error

from . import moderation
from .forms import MoveForm, SuspendForm
from .forms_moderation import ReportForm
from .models import Post
from .permissions import active_suspension, moderators_required
from .quoting import hide_quotes_in_posts
from .selectors import category_list, open_reports_by_post, post_page_number
from .views import POSTS_PER_PAGE, not_suspended

REPORTS_PER_PAGE = 20


def _crumbs(*extra):
    return [("Community", reverse("forums:index")), *extra]


@not_suspended
@require_http_methods(["GET", "POST"])
def report(request, pk):
    post = get_object_or_404(Post.objects.select_related("thread", "author"), pk=pk, hidden=False)
    hide_quotes_in_posts([post])
    number = post_page_number(post, per_page=POSTS_PER_PAGE)
    back = f"{post.thread.get_absolute_url()}?page={number}#post-{post.pk}"
    form = ReportForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            moderation.post_report(
                reporter=request.user, post_id=post.pk, request=request, **form.cleaned_data
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(
                request,
                "Thank you. Your report has been sent to your region's learning coordinators.",
            )
            return redirect(back)
    return render(
        request,
        "forums/report.html",
        {
            "post": post,
            "form": form,
            "back": back,
            "crumbs": _crumbs((post.thread.title, back)),
        },
        status=400 if form.errors else 200,
    )


@moderators_required
def queue(request):
    page = Paginator(open_reports_by_post(), REPORTS_PER_PAGE).get_page(request.GET.get("page"))
    for post in page:  # where a moderator finds it (hidden posts count for them)
        number = post.posts_before // POSTS_PER_PAGE + 1
        post.place = f"{post.thread.get_absolute_url()}?page={number}#post-{post.pk}"
    return render(request, "forums/moderation/queue.html", {"page_obj": page, "crumbs": _crumbs()})


def _act(request, action, success: str, **kwargs):
    try:
        action(moderator=request.user, request=request, **kwargs)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success)


def _back(request, default: str):
    # Only our own paths: never an address from the form.
    target = request.POST.get("next", "")
    return redirect(target if target.startswith("/community/") else default)


@moderators_required
@require_POST
def post_action(request, pk):
    action = request.POST.get("action")
    if action in ("hide", "restore"):
        hidden = action == "hide"
        success = (
            "The post is hidden. Its author sees the reason and is emailed it."
            if hidden
            else "The post is shown again."
        )
        reason = request.POST.get("reason", "")
        _act(request, moderation.post_set_hidden, success, post_id=pk, hidden=hidden, reason=reason)
    elif action == "dismiss":
        success = "The reports are dismissed; the post stays."
        _act(request, moderation.report_dismiss, success, post_id=pk)
    else:
        messages.error(request, "Choose hide, restore or dismiss.")
    return _back(request, reverse("forums:moderation"))


@moderators_required
@require_POST
def thread_action(request, pk):
    action = request.POST.get("action")
    changes = {
        "lock": ({"locked": True}, "The thread is locked."),
        "unlock": ({"locked": False}, "The thread is open for replies again."),
        "pin": ({"pinned": True}, "The thread is pinned to the top of its category."),
        "unpin": ({"pinned": False}, "The thread is no longer pinned."),
        "hide": ({"hidden": True}, "The thread is hidden: only moderators can see it now."),
        "restore": ({"hidden": False}, "The thread is visible to members again."),
    }
    if action == "move":
        form = MoveForm(request.POST, categories=category_list())
        if form.is_valid():
            _act(
                request,
                moderation.thread_update,
                "The thread has moved.",
                thread_id=pk,
                category_slug=form.cleaned_data["category"],
            )
        else:
            messages.error(request, "Choose a category of this region's forums.")
    elif action in changes:
        fields, success = changes[action]
        _act(request, moderation.thread_update, success, thread_id=pk, **fields)
    else:
        messages.error(request, "Choose lock, unlock, pin, unpin, hide, restore or move.")
    return redirect("forums:thread", pk=pk)


@moderators_required
@require_http_methods(["GET", "POST"])
def suspend(request, user_id):
    member = get_object_or_404(User, pk=user_id, is_active=True)
    form = SuspendForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            moderation.member_suspend(
                moderator=request.user, member=member, request=request, **form.cleaned_data
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(
                request,
                f"{member.full_name or member.email} is suspended from the "
                f"{connection.tenant.name} forums and has been emailed the reason.",
            )
            return redirect("forums:moderation")
    return render(
        request,
        "forums/moderation/suspend.html",
        {
            "member": member,
            "form": form,
            "suspension": active_suspension(member),
            "crumbs": _crumbs(("Moderation", reverse("forums:moderation"))),
        },
        status=400 if form.errors else 200,
    )


@moderators_required
@require_POST
def unsuspend(request, user_id):
    member = get_object_or_404(User, pk=user_id)
    _act(request, moderation.member_unsuspend, "The suspension is lifted.", member=member)
    return redirect("forums:suspend", user_id=member.pk)
