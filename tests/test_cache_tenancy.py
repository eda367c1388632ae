"""Cached regional things never leak between regions: keys carry the schema
(the django-tenants #599 pitfall in DESIGN.md)."""

import pytest
from django.core.cache import cache
from django_tenants.utils import tenant_context

pytestmark = pytest.mark.django_db


def test_a_value_cached_in_one_region_is_not_seen_from_another(north_west, london):
    with tenant_context(north_west):
        cache.set("forum-index", "north west's index", 30)
    with tenant_context(london):
        assert cache.get("forum-index") is None
        cache.set("forum-index", "london's index", 30)
    with tenant_context(north_west):
        assert cache.get("forum-index") == "north west's index"
    assert cache.get("forum-index") is None  # nor from the hub
