"""Searching this region's forums."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import connection
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from learning.forms import NHSFormMixin

from .permissions import user_moderates
from .search import QUERY_MAX_LENGTH, forum_search, hide_quoted_hidden_posts, snippet_html
from .views import POSTS_PER_PAGE, not_suspended

RESULTS_PER_PAGE = 20


class SearchForm(NHSFormMixin, forms.Form):
    q = forms.CharField(
        label="Search this region's forums",
        required=False,
        max_length=QUERY_MAX_LENGTH,
        error_messages={
            "max_length": f"Keep your search to {QUERY_MAX_LENGTH} characters or fewer."
        },
    )


def _post_url(post) -> str:
    page = post.position // POSTS_PER_PAGE + 1
    url = reverse("forums:thread", args=[post.thread_id])
    return f"{url}?page={page}#post-{post.pk}" if page > 1 else f"{url}#post-{post.pk}"


@login_required
@not_suspended
@require_GET
def search(request):
    # PostgreSQL refuses NUL in text: drop it rather than fail on it.
    form = SearchForm({"q": request.GET.get("q", "").replace("\x00", "")})
    query = form.cleaned_data["q"] if form.is_valid() else ""
    page_obj = None
    is_moderator = False
    if query:
        is_moderator = user_moderates(request.user, connection.tenant)
        results = forum_search(query, include_hidden=is_moderator)
        page_obj = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
        hide_quoted_hidden_posts(page_obj, query)
        for post in page_obj:
            post.url = _post_url(post)
            post.snippet = snippet_html(post.headline)
    return render(
        request,
        "forums/search.html",
        {
            "form": form,
            "query": query,
            "page_obj": page_obj,
            "is_moderator": is_moderator,
            "crumbs": [("Home", "/"), ("Community", reverse("forums:index"))],
        },
        status=400 if form.errors else 200,
    )
