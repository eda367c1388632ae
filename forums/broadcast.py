"""Live updates for open pages, sent after the write has committed.

Channels delivery is at most once and Redis may be down: a failed broadcast is
logged and forgotten, because pages fill in what they missed from the database
when they reconnect. The write itself never depends on it."""

import logging

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import connection, transaction

from learning.regions.consumers import region_group

logger = logging.getLogger(__name__)


def _send(group: str, payload: dict) -> None:
    try:
        layer = get_channel_layer()
        async_to_sync(layer.group_send)(group, {"type": "forum.event", "payload": payload})
    except Exception as error:  # Redis down or over capacity: the page backfills later
        logger.warning("live update to %s not sent: %s", group, error)


def broadcast_after_commit(name: str, payload: dict) -> None:
    """Queue `payload` for the current region's group `name` once the transaction commits."""
    group = region_group(connection.schema_name, name)
    transaction.on_commit(lambda: _send(group, payload))
