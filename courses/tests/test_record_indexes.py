"""The daily figures count modules completed and webinar places taken by day: both
are range reads on a timestamp, which must use an index as the tables grow."""

from datetime import UTC, datetime

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


def plan(sql: str, params) -> str:
    with connection.cursor() as cursor:
        # As on a big table: a sequential scan is not an option the planner may take.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


DAY = (datetime(2027, 3, 1, tzinfo=UTC), datetime(2027, 3, 2, tzinfo=UTC))


@pytest.mark.parametrize(
    ("table", "column", "index"),
    [
        ("courses_enrolment", "completed_at", "enrolment_completed_at"),
        ("webinars_registration", "created_at", "registration_created_at"),
    ],
)
def test_a_days_count_reads_the_index(table, column, index):
    sql = f"SELECT count(*) FROM {table} WHERE {column} >= %s AND {column} < %s"  # noqa: S608

    assert index in plan(sql, DAY)
