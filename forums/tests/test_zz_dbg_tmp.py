import pytest
from django.db import connection
from django_tenants.utils import tenant_context
from forums.search import forum_search
from forums.tests.factories import make_thread
from learning.accounts.tests.factories import UserFactory
pytestmark = pytest.mark.django_db

def test_dbg(north_west):
    with tenant_context(north_west):
        m = UserFactory(region=north_west)
        for n in range(30):
            make_thread(author=m, title=f"Referral {n}", body=f"I made a referral {n} to the walking group")
        qs = forum_search("referrals")
        print(str(qs.query))
        print(qs[:20].explain(verbose=True, analyze=True))
        with connection.cursor() as c:
            c.execute("SET LOCAL enable_seqscan = off")
        print(qs[:20].explain(analyze=True))
        with connection.cursor() as c:
            c.execute("SELECT indexdef FROM pg_indexes WHERE indexname LIKE '%%search%%' AND schemaname = 'north_west'")
            print(c.fetchall())
    assert 0
