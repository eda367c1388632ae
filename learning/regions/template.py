"""The template schema new regions are cloned from.

Migrating a new schema takes about 13 s, nearly all of it Django replaying
every app's migration history; cloning an up-to-date template (pg-clone-schema,
shipped with django-tenants) and recording the migrations as applied takes well
under a second. The template has no Region row, so nothing that loops over
regions (migrate_schemas included) sees it; it is migrated here, just before
each clone, because a stale template would be cloned and then faked to the
latest migration, leaving the region without the newer tables.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from django.core.management import call_command
from django.db import connection
from django_tenants.utils import get_tenant_base_schema, quote_schema_name

# pg_advisory_lock key: "LWLNTPL" in ASCII, unique within this database.
TEMPLATE_LOCK_KEY = 0x4C574C4E54504C


@contextlib.contextmanager
def template_lock() -> Iterator[None]:
    """One region creation at a time: they share the template's migrations and the
    clone helper functions, which django-tenants drops and recreates on every clone.

    The lock is held on a connection of its own, because migrate_schemas closes the
    default connection when it finishes, which would release it.
    """
    lock_connection = connection.copy()
    try:
        with lock_connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", [TEMPLATE_LOCK_KEY])
        yield
    finally:
        lock_connection.close()  # ending the session releases the lock


def template_ensure(*, verbosity: int = 0) -> str:
    """Create the template schema if missing and apply any migrations it lacks."""
    schema = get_tenant_base_schema()
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE SCHEMA IF NOT EXISTS {quote_schema_name(schema)}")
    call_command(
        "migrate_schemas", schema_name=schema, tenant=True, interactive=False, verbosity=verbosity
    )
    connection.set_schema_to_public()
    return schema


# Pairs a clone's unique constraint with the template's by table and definition.
_RENAMED_UNIQUE_CONSTRAINTS = """
SELECT dt.relname, d.conname, s.conname
FROM pg_constraint s
JOIN pg_class st ON st.oid = s.conrelid
JOIN pg_namespace sn ON sn.oid = st.relnamespace AND sn.nspname = %(source)s
JOIN pg_namespace dn ON dn.nspname = %(target)s
JOIN pg_class dt ON dt.relnamespace = dn.oid AND dt.relname = st.relname
JOIN pg_constraint d ON d.conrelid = dt.oid AND d.contype = 'u'
    AND pg_get_constraintdef(d.oid) = pg_get_constraintdef(s.oid)
WHERE s.contype = 'u' AND d.conname <> s.conname
    AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conrelid = dt.oid AND k.conname = s.conname)
    AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conrelid = st.oid AND k.conname = d.conname)
"""


def unique_constraint_names_restore(*, source: str, target: str) -> None:
    """Give a clone's unique constraints their template names back.

    pg-clone-schema makes tables with CREATE TABLE ... (LIKE ... INCLUDING ALL),
    which names unique constraints after their columns (forums_report_post_id_reporter_id_key),
    and restores other index names but not these. A later migration that drops or
    alters a constraint by its model name (one_report_per_member_post) would fail.
    """
    with connection.cursor() as cursor:
        cursor.execute(_RENAMED_UNIQUE_CONSTRAINTS, {"source": source, "target": target})
        for table, clone_name, name in cursor.fetchall():
            cursor.execute(
                f"ALTER TABLE {quote_schema_name(target)}.{connection.ops.quote_name(table)}"
                f" RENAME CONSTRAINT {connection.ops.quote_name(clone_name)}"
                f" TO {connection.ops.quote_name(name)}"
            )
