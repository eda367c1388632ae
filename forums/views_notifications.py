"""A member's forum notifications, what they follow and how they are emailed,
and the one-click unsubscribe link from those emails.

RegionAccessMiddleware guards these like every forums view (signed in, member of
the region), except `unsubscribe`, which a signed token opens."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import connection
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from learning.regions.middleware import token_is_the_credential

from .forms_notifications import EmailPreferenceForm
from .mentions import mention_handle
from .models import Category, EmailFrequency, Thread
from .notification_emails import unsubscribe_user
from .notification_selectors import (
    followed_categories,
    followed_threads,
    notifications_for,
    preference_for,
)
from .notifications import (
    notifications_mark_read,
    preference_set,
    subscription_unfollow,
)
from .selectors import post_page_number
from .views import POSTS_PER_PAGE, not_suspended

NOTIFICATIONS_PER_PAGE = 25


def _crumbs(*extra):
    return [("Community", reverse("forums:index")), *extra]


def _open(request, notification_id: str):
    """Mark one notification read, then go to its post (on the page it is on)."""
    if not notification_id.isdigit():
        raise Http404("No such notification.")
    notification = notifications_for(request.user).filter(pk=int(notification_id)).first()
    if notification is None:  # someone else's, or its post has been hidden
        raise Http404("No such notification.")
    notifications_mark_read(request.user, ids=[notification.pk])
    post = notification.post
    url = post.thread.get_absolute_url()
    page = post_page_number(post, per_page=POSTS_PER_PAGE)
    return redirect(f"{url}?page={page}#post-{post.pk}" if page > 1 else f"{url}#post-{post.pk}")


@not_suspended
@require_http_methods(["GET", "POST"])
def notifications(request):
    if request.method == "POST":
        marked = notifications_mark_read(request.user)
        messages.success(
            request,
            f"{marked} notification{'s' if marked != 1 else ''} marked as read."
            if marked
            else "You had no unread notifications.",
        )
        return redirect("forums:notifications")
    if "open" in request.GET:
        return _open(request, request.GET["open"])
    page = Paginator(notifications_for(request.user), NOTIFICATIONS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "forums/notifications.html",
        {
            "page_obj": page,
            "handle": mention_handle(request.user),
            "crumbs": _crumbs(),
        },
    )


def _unfollow(request):
    thread_id = request.POST.get("unfollow_thread", "")
    category_id = request.POST.get("unfollow_category", "")
    if thread_id.isdigit():
        thread = get_object_or_404(Thread, pk=thread_id, hidden=False)
        subscription_unfollow(request.user, thread=thread)
        name = thread.title
    elif category_id.isdigit():
        category = get_object_or_404(Category, pk=category_id)
        subscription_unfollow(request.user, category=category)
        name = category.name
    else:
        raise Http404("Nothing to unfollow.")
    messages.success(request, f"You no longer follow “{name}”.")
    return redirect("forums:preferences")


@not_suspended
@require_http_methods(["GET", "POST"])
def preferences(request):
    """Email frequency (radios) and everything the member follows (unfollow buttons)."""
    if request.method == "POST" and (
        "unfollow_thread" in request.POST or "unfollow_category" in request.POST
    ):
        return _unfollow(request)
    if request.method == "POST":
        form = EmailPreferenceForm(request.POST)
        if form.is_valid():
            try:
                preference_set(request.user, form.cleaned_data["email"])
            except ValidationError as error:
                form.add_error("email", error.messages)
            else:
                messages.success(request, "Your email settings are saved.")
                return redirect("forums:preferences")
    else:
        form = EmailPreferenceForm(initial={"email": preference_for(request.user)})
    return render(
        request,
        "forums/preferences.html",
        {
            "form": form,
            "threads": followed_threads(request.user),
            "categories": followed_categories(request.user),
            "crumbs": _crumbs(("Notifications", reverse("forums:notifications"))),
        },
        status=400 if form.errors else 200,
    )


# csrf_exempt, on this view only: mail clients send the one-click unsubscribe POST
# (RFC 8058) from outside the site, with no cookie or CSRF token. The signed token
# in the URL is the credential, and all it can do is turn one member's forum emails
# from this region off, so a forged cross-site POST gains nothing.
@token_is_the_credential
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    try:
        member = unsubscribe_user(token)
    except ValidationError as error:
        return render(
            request, "forums/unsubscribe_invalid.html", {"problem": error.messages[0]}, status=400
        )
    if request.method == "POST":
        preference_set(member, EmailFrequency.NEVER)
        return render(request, "forums/unsubscribe_done.html", {"region": connection.tenant})
    return render(request, "forums/unsubscribe.html", {"region": connection.tenant})
