from django.db.models import Count

from .models import OutboxMessage, OutboxStatus


def outbox_batch_status_counts(*, batch: str) -> dict[str, int]:
    """How many of a bulk send's emails are pending, sent and failed (every status
    present, zero or not), in one query."""
    counts = dict.fromkeys(OutboxStatus.values, 0)
    rows = OutboxMessage.objects.filter(batch=batch).values_list("status").annotate(Count("pk"))
    counts.update(rows.order_by())
    return counts
