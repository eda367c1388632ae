"""Search across published content, from the header search box on every page.

An app whose pages some people must not find registers a function of the request
that returns the tree paths to leave out, from its AppConfig.ready()
(`resources` hides other regions' local resources), so the foundation imports no
feature app."""

from collections.abc import Callable

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest
from django.shortcuts import render
from wagtail.models import Page

from learning.forms import search_query

RESULTS_PER_PAGE = 10

# Functions of the request, each returning tree paths this request must not find.
_HIDDEN_PATHS: dict[str, Callable[[HttpRequest], list[str]]] = {}


def search_hidden_paths_register(name: str, paths: Callable[[HttpRequest], list[str]]) -> None:
    """Leave the pages under paths(request) out of this request's results. Idempotent."""
    _HIDDEN_PATHS[name] = paths


def hidden_paths(request) -> list[str]:
    return [path for paths in _HIDDEN_PATHS.values() for path in paths(request)]


def _snippet(page) -> str:
    for name in ("search_description", "summary"):
        text = getattr(page, name, "")
        if text:
            return text
    return ""


@login_required
def search(request):
    """Wagtail search on PostgreSQL full text, over live pages only."""
    query = search_query(request)
    page_obj = None
    if query:
        pages = Page.objects.live().exclude(depth__lte=2)
        # e.g. local resources are regional: only this region's, and only for its members.
        for path in hidden_paths(request):
            pages = pages.exclude(path__startswith=path)
        results = pages.specific().search(query)
        page_obj = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
        # Each result says where it sits (its parent's title): one query for the page.
        parent_paths = {result.path[: -Page.steplen] for result in page_obj}
        parents = dict(Page.objects.filter(path__in=parent_paths).values_list("path", "title"))
        for result in page_obj:
            result.snippet = _snippet(result)
            result.section_title = parents.get(result.path[: -Page.steplen], "")
    return render(request, "search.html", {"query": query, "page_obj": page_obj})
