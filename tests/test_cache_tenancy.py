"""Cached regional things never leak between regions (the django-tenants #599
pitfall in DESIGN.md), while rate limits count a person across every host."""

import pytest
from django.conf import settings
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


def test_failed_sign_ins_are_counted_once_for_every_host(north_west, london):
    """Passwords are typed only on the hub (learning.accounts.hub_sign_in): a region
    host's sign-in address sends the browser there, so an account's failed attempts
    are counted in one place, the national cache, whichever host they started from."""
    user = UserFactory()
    wrong = {"login": user.email, "password": "wrong-password-123"}
    for host in ["north-west.localhost", "london.localhost"]:
        client = Client(HTTP_HOST=host)
        response = client.post("/accounts/login/", wrong)
        assert response.status_code == 302
        assert response["Location"].startswith(settings.HUB_URL + "/accounts/handoff/")
        assert "_auth_user_id" not in client.session
    for _ in range(5):
        Client(HTTP_HOST="localhost").post("/accounts/login/", wrong)
    # The allowance is 5 per 5 minutes for the account.
    client = Client(HTTP_HOST="localhost")
    response = client.post(
        "/accounts/login/", {"login": user.email, "password": "learning-network-demo"}
    )
    assert "_auth_user_id" not in client.session
    assert "Too many failed login attempts" in response.content.decode()
