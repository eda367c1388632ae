from django.db import connection

from learning.client_address import client_address

from .enums import AuditAction
from .models import AuditEvent


def audit_record(
    *,
    action: AuditAction,
    actor=None,
    actor_email: str = "",
    subject: str = "",
    request=None,
    details: dict | None = None,
) -> AuditEvent:
    if actor is not None and getattr(actor, "is_authenticated", False):
        actor_email = actor_email or actor.email
    else:
        actor = None
    return AuditEvent.objects.create(
        action=action,
        actor=actor,
        actor_email=actor_email[:254],
        subject=subject[:300],
        region_schema=getattr(connection, "schema_name", ""),
        ip_address=client_address(request),
        details=details or {},
    )
