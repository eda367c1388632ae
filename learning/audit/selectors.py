from django.db.models import Q

from .models import AuditEvent


def audit_events(*, action: str = "", query: str = ""):
    events = AuditEvent.objects.all()
    if action:
        events = events.filter(action=action)
    if query:
        events = events.filter(Q(actor_email__icontains=query) | Q(subject__icontains=query))
    return events
