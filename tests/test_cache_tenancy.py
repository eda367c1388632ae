"""Cached regional things never leak between regions (the django-tenants #599
pitfall in DESIGN.md), while rate limits count a person across every host."""

import pytest
from django.core.cache import caches
from django.test import Client
from django_tenants.utils import tenant_context

from learning.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_value_in_the_regional_cache_is_not_seen_from_another_region(north_west, london):
    regional = caches["regional"]
    with tenant_context(north_west):
        regional.set("forum-index", "north west's index", 30)
    with tenant_context(london):
        assert regional.get("forum-index") is None
        regional.set("forum-index", "london's index", 30)
    with tenant_context(north_west):
        assert regional.get("forum-index") == "north west's index"
    assert regional.get("forum-index") is None  # nor from the hub


def test_failed_sign_ins_are_counted_across_every_host(north_west, london):
    user = UserFactory()
    hosts = ["localhost", "north-west.localhost", "london.localhost"]
    attempts = 0
    for host in hosts * 2:
        Client(HTTP_HOST=host).post(
            "/accounts/login/", {"login": user.email, "password": "wrong-password-123"}
        )
        attempts += 1
    # The allowance is 5 per 5 minutes for the account, wherever the attempts come from.
    client = Client(HTTP_HOST="midlands.localhost")
    response = client.post(
        "/accounts/login/", {"login": user.email, "password": "learning-network-demo"}
    )
    assert attempts == 6
    assert "_auth_user_id" not in client.session
    assert "Too many failed login attempts" in response.content.decode()
