"""GIN indexes for forum search (forums/search.py).

Each indexed expression is written as Django compiles the query's
SearchVector(<field>, config="english"), with no casts of our own (the title is
varchar: an explicit ''::text would make a different expression). PostgreSQL uses
an expression index only for the very same expression, so changing one side alone
makes search read every post; forums/tests/test_search.py checks the plan uses both.

RunSQL rather than AddIndex: the indexes live in the database only, so the
model state (and makemigrations) is unaffected; nothing in the ORM names them.
"""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("forums", "0005_subscriptions_and_notifications"),
    ]

    operations = [
        migrations.RunSQL(
            sql=(
                "CREATE INDEX forums_post_body_search ON forums_post"
                " USING gin (to_tsvector('english'::regconfig, COALESCE(body, '')))"
            ),
            reverse_sql="DROP INDEX forums_post_body_search",
        ),
        migrations.RunSQL(
            sql=(
                "CREATE INDEX forums_thread_title_search ON forums_thread"
                " USING gin (to_tsvector('english'::regconfig, COALESCE(title, '')))"
            ),
            reverse_sql="DROP INDEX forums_thread_title_search",
        ),
    ]
