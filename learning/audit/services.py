from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.db import connection

from .enums import AuditAction
from .models import AuditEvent


def client_ip(request) -> str | None:
    """The visitor's address, as allauth's limiter sees it: behind a proxy it reads
    X-Forwarded-For as far as ALLAUTH_TRUSTED_PROXY_COUNT says to trust it."""
    if request is None:
        return None
    from allauth.account.adapter import get_adapter

    try:
        return get_adapter(request).get_client_ip(request)
    except (ImproperlyConfigured, PermissionDenied):  # a forwarded header that does not fit
        return request.META.get("REMOTE_ADDR")


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
        ip_address=client_ip(request),
        details=details or {},
    )
