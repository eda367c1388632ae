from django.core.paginator import Paginator
from django.shortcuts import render

from learning.accounts.permissions import national_team_required
from learning.forms import search_query

from .enums import AuditAction
from .selectors import audit_events


@national_team_required
def events(request):
    action = request.GET.get("action", "")
    if action not in AuditAction.values:
        action = ""
    query = search_query(request)
    page = Paginator(audit_events(action=action, query=query), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "audit/events.html",
        {"page_obj": page, "action": action, "query": query, "actions": AuditAction.choices},
    )
