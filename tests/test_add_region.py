import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.test import Client
from django_tenants.utils import (
    get_tenant_base_schema,
    schema_context,
    schema_exists,
    tenant_context,
)

from forums.enums import DEFAULT_CATEGORIES
from forums.models import Category
from learning.regions.models import Domain, Region, slug_validator
from learning.regions.services import region_create


@pytest.fixture
def cleanup_region(django_db_blocker):
    slugs = []
    yield slugs.append
    with django_db_blocker.unblock():
        connection.set_schema_to_public()
        for region in Region.objects.filter(slug__in=slugs):
            region.domains.all().delete()
            region.delete(force_drop=True)


@pytest.mark.django_db(transaction=False)
def test_add_region_creates_schema_host_and_default_categories(cleanup_region, capsys):
    cleanup_region("isle-of-wight")
    call_command("add_region", "isle-of-wight", "Isle of Wight")
    region = Region.objects.get(slug="isle-of-wight")
    assert region.schema_name == "isle_of_wight"
    assert schema_exists("isle_of_wight")
    assert Domain.objects.get(tenant=region).domain == "isle-of-wight.localhost"
    with tenant_context(region):
        assert Category.objects.count() == len(DEFAULT_CATEGORIES)
    assert "Isle of Wight" in Client(HTTP_HOST="isle-of-wight.localhost").get("/").content.decode()
    # Running it again changes nothing.
    call_command("add_region", "isle-of-wight", "Isle of Wight")
    assert Region.objects.filter(slug="isle-of-wight").count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("slug", ["Not A Slug", "-bad", "bad--slug", "a" * 64])
def test_add_region_refuses_a_bad_slug(slug):
    with pytest.raises(CommandError):
        call_command("add_region", slug, "Somewhere")
    assert not Region.objects.filter(name="Somewhere").exists()


# What a region schema is made of, with its name taken out. Privileges are
# compared as granted: a NULL ACL means the owner's defaults, which is what
# pg-clone-schema writes out explicitly.
SCHEMA_CATALOG = {
    "relations": """
        SELECT c.relname, c.relkind, c.relpersistence, coalesce(c.reloptions::text, ''),
               pg_get_userbyid(c.relowner), coalesce(c.relacl, acldefault('r', c.relowner))::text
        FROM pg_class c WHERE c.relnamespace = %(schema)s::regnamespace AND c.relkind <> 'S'""",
    "columns": """
        SELECT c.relname, a.attnum, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
               coalesce(pg_get_expr(d.adbin, d.adrelid), ''), a.attidentity, a.attgenerated
        FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
        LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        WHERE c.relnamespace = %(schema)s::regnamespace AND c.relkind = 'r'
          AND a.attnum > 0 AND NOT a.attisdropped""",
    "constraints": """
        SELECT c.relname, k.conname, k.contype, pg_get_constraintdef(k.oid),
               k.condeferrable, k.condeferred, k.convalidated
        FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
        WHERE k.connamespace = %(schema)s::regnamespace""",
    "indexes": "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = %(schema)s",
    # Identity sequences by the column they serve: their names (which a clone
    # takes from the table's current name) do not matter to Django.
    "sequences": """
        SELECT t.relname, a.attname, d.deptype, q.seqtypid::regtype::text, q.seqstart,
               q.seqincrement, q.seqmin, q.seqmax, q.seqcycle
        FROM pg_sequence q JOIN pg_class s ON s.oid = q.seqrelid
        JOIN pg_depend d ON d.objid = s.oid AND d.classid = 'pg_class'::regclass
                        AND d.refclassid = 'pg_class'::regclass
        JOIN pg_class t ON t.oid = d.refobjid
        JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
        WHERE s.relnamespace = %(schema)s::regnamespace""",
    "triggers": """
        SELECT c.relname, t.tgname, pg_get_triggerdef(t.oid)
        FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
        WHERE c.relnamespace = %(schema)s::regnamespace AND NOT t.tgisinternal""",
    "routines": "SELECT proname FROM pg_proc WHERE pronamespace = %(schema)s::regnamespace",
}


def schema_fingerprint(schema: str) -> dict:
    """Tables, columns, constraints, indexes, sequences, rows and applied migrations."""
    found = {}
    with connection.cursor() as cursor:
        # With only public on the path, names in this schema print qualified and
        # public ones (foreign keys to shared tables) plain, so both are checked.
        cursor.execute("SET search_path = public")
        for part, sql in SCHEMA_CATALOG.items():
            cursor.execute(sql, {"schema": schema})
            found[part] = sorted(
                tuple(str(value).replace(f"{schema}.", "<region>.") for value in row)
                for row in cursor.fetchall()
            )
        # Schema and table names come from the catalogue, not from input.
        tables = [table for table, kind, *_ in found["relations"] if kind == "r"]
        found["rows"] = {}
        for table in tables:
            if table != "django_migrations":
                cursor.execute(f'SELECT count(*) FROM "{schema}"."{table}"')  # noqa: S608
                found["rows"][table] = cursor.fetchone()[0]
        cursor.execute(f'SELECT app, name FROM "{schema}".django_migrations')  # noqa: S608
        found["migrations"] = sorted(cursor.fetchall())
    connection.set_schema_to_public()
    return found


def unapplied_migrations(schema: str) -> list:
    connection.set_schema(schema)
    try:
        executor = MigrationExecutor(connection)
        return executor.migration_plan(executor.loader.graph.leaf_nodes())
    finally:
        connection.set_schema_to_public()


@pytest.mark.django_db(transaction=False)
def test_a_cloned_region_schema_is_the_one_migrations_make():
    template = get_tenant_base_schema()
    # The template as a deploy that added the last forums migration left it:
    # creating a region must migrate it before cloning, or the clone lacks that
    # migration's work (the search indexes) while recording it as applied.
    graph = MigrationLoader(connection).graph
    (last,) = graph.leaf_nodes("forums")
    (before_last,) = graph.node_map[last].parents
    call_command(
        "migrate_schemas", *before_last.key, schema_name=template, tenant=True,
        interactive=False, verbosity=0,
    )  # fmt: skip

    # Both are made in this test's transaction, so they go when it is rolled back.
    Region(schema_name="cloned_region").create_schema(verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("CREATE SCHEMA migrated_region")
    call_command(
        "migrate_schemas",
        schema_name="migrated_region",
        tenant=True,
        interactive=False,
        verbosity=0,
    )

    cloned, migrated = schema_fingerprint("cloned_region"), schema_fingerprint("migrated_region")
    assert cloned["indexes"], "the catalogue queries found nothing: wrong schema?"
    for part in migrated:
        assert cloned[part] == migrated[part], part
    assert unapplied_migrations("cloned_region") == []


@pytest.mark.django_db(transaction=False)
def test_rows_in_the_template_never_reach_a_new_region(cleanup_region):
    template = get_tenant_base_schema()
    assert not Region.objects.filter(schema_name=template).exists()
    with pytest.raises(ValidationError):  # no slug can name the template's schema
        slug_validator(template.replace("_", "-"))
    with schema_context(template):
        Category.objects.create(slug="from-the-template", name="From the template")

    cleanup_region("isle-of-man")
    region = region_create(slug="isle-of-man", name="Isle of Man")

    with tenant_context(region):
        slugs = set(Category.objects.values_list("slug", flat=True))
    assert slugs == {slug for slug, *_ in DEFAULT_CATEGORIES}
