"""Reads for circulating the schedule: what a digest lists, a CCG lead's cascade
list, and the national team's report of every circulation with its delivery counts.

The report costs the same whatever the number of circulations: one query for the
page of circulations (with their unsubscribes counted in it) and one that counts
the page's outbox rows by `batch` and status."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Exists, F, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce, Greatest, Lower

from learning.mail.models import OutboxMessage, OutboxStatus
from learning.regions.models import Region

from .enums import CirculationKind, RegistrationStatus
from .models import (
    CascadeContact,
    Circulation,
    CirculationOptOut,
    Registration,
    ScheduleChange,
    Session,
)

# --- What a digest lists ---------------------------------------------------------------


def digest_sessions(*, start: datetime, end: datetime) -> list[Session]:
    """Every scheduled session starting in [start, end), national and regional, with
    `places_left`, in one query. The caller picks each region's share."""
    taken = (
        Registration.objects.filter(session=OuterRef("pk"), status=RegistrationStatus.REGISTERED)
        .values("session")
        .annotate(n=Count("pk"))
        .values("n")
    )
    sessions = list(
        Session.objects.scheduled()
        .filter(starts_at__gte=start, starts_at__lt=end)
        .select_related("series", "region")
        .annotate(places_taken=Coalesce(Subquery(taken, output_field=IntegerField()), 0))
        .annotate(places_left=Greatest(F("capacity") - F("places_taken"), 0))
        .order_by("starts_at", "pk")
    )
    return sessions


def opted_out_addresses() -> QuerySet:
    """Every address that unsubscribed, lower-cased (a subquery, or iterate it)."""
    return CirculationOptOut.objects.annotate(address=Lower("email")).values_list(
        "address", flat=True
    )


def latest_digest_for(region: Region) -> Circulation | None:
    """The newest digest a CCG lead of `region` would have had: a weekly one, or a
    schedule update that carried a national session or one of the region's events."""
    return (
        Circulation.objects.filter(
            Q(kind=CirculationKind.WEEKLY)
            | Q(kind=CirculationKind.CHANGES, changes__session__region__isnull=True)
            | Q(kind=CirculationKind.CHANGES, changes__session__region=region)
        )
        .distinct()
        .order_by("-created_at", "-pk")
        .first()
    )


# --- A CCG lead's cascade list -----------------------------------------------------------


def cascade_contacts(*, ccg_id: int) -> QuerySet[CascadeContact]:
    """The CCG's contacts, with `unsubscribed` (True when their address opted out)."""
    return (
        CascadeContact.objects.filter(ccg_id=ccg_id)
        .select_related("pcn")
        .annotate(
            unsubscribed=Exists(
                CirculationOptOut.objects.annotate(address=Lower("email")).filter(
                    address=Lower(OuterRef("email"))
                )
            )
        )
        .order_by("name", "email", "pk")
    )


def cascade_reach(*, ccg_id: int) -> int:
    """How many of the CCG's contacts a forward would go to."""
    return (
        CascadeContact.objects.filter(ccg_id=ccg_id)
        .annotate(address=Lower("email"))
        .exclude(address__in=opted_out_addresses())
        .count()
    )


def last_cascade_of(*, ccg_id: int) -> Circulation | None:
    """The CCG's newest forward of the schedule to its contacts, if any."""
    return (
        Circulation.objects.filter(kind=CirculationKind.CASCADE, ccg_id=ccg_id)
        .select_related("sent_by")
        .order_by("-created_at", "-pk")
        .first()
    )


# --- The report ----------------------------------------------------------------------


@dataclass(frozen=True)
class DeliveryCounts:
    sent: int = 0  # outbox rows stored
    delivered: int = 0
    failed: int = 0
    waiting: int = 0


def delivery_counts(batches: list[str]) -> dict[str, DeliveryCounts]:
    """Outbox rows of each batch by status, in one query."""
    rows = (
        OutboxMessage.objects.filter(batch__in=batches)
        .values("batch")
        .annotate(
            sent=Count("pk"),
            delivered=Count("pk", filter=Q(status=OutboxStatus.SENT)),
            failed=Count("pk", filter=Q(status=OutboxStatus.FAILED)),
            waiting=Count("pk", filter=Q(status=OutboxStatus.PENDING)),
        )
        .order_by()
    )
    return {
        row["batch"]: DeliveryCounts(
            sent=row["sent"],
            delivered=row["delivered"],
            failed=row["failed"],
            waiting=row["waiting"],
        )
        for row in rows
    }


def circulation_list() -> QuerySet[Circulation]:
    """Newest first, with `unsubscribed`: opt-outs made from this circulation's emails."""
    return (
        Circulation.objects.select_related("ccg", "sent_by")
        .annotate(unsubscribed=Count("opt_outs", distinct=True))
        .order_by("-created_at", "-pk")
    )


def with_delivery(circulations: list[Circulation]) -> list[Circulation]:
    """Set `counts` (DeliveryCounts) on each circulation, in one query for all."""
    counts = delivery_counts([c.batch_name for c in circulations])
    for circulation in circulations:
        circulation.counts = counts.get(circulation.batch_name, DeliveryCounts())
    return circulations


def circulation_for_report(pk: int) -> Circulation | None:
    circulation = circulation_list().select_related("forwarded_from").filter(pk=pk).first()
    if circulation is not None:
        with_delivery([circulation])
    return circulation


def failed_messages(circulation: Circulation) -> QuerySet[OutboxMessage]:
    return (
        OutboxMessage.objects.filter(batch=circulation.batch_name, status=OutboxStatus.FAILED)
        .only("to", "last_error", "attempts", "created_at")
        .order_by("to", "pk")
    )


def carried_changes(circulation: Circulation):
    """The schedule changes a circulation carried (a forward: those of its digest)."""
    source = (
        circulation.forwarded_from_id
        if circulation.kind == CirculationKind.CASCADE
        else circulation.pk
    )
    return (
        ScheduleChange.objects.filter(circulation_id=source)
        .select_related("session__region")
        .order_by("occurred_at", "pk")
    )
