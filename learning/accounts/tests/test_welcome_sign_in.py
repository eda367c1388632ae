"""After setting a password from the invitation, a newcomer is signed in and lands on
their region's home page, on its host (the hub for the national team)."""

from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.test import Client

from learning.accounts.enums import Role
from learning.accounts.services import invitation_link
from learning.accounts.tests.factories import UserFactory
from learning.audit.enums import AuditAction
from learning.audit.models import AuditEvent

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-memorable-passphrase"


def invited(**kwargs):
    user = UserFactory(**kwargs)
    user.set_unusable_password()
    user.save()
    return user


def set_password(client, user):
    path = urlsplit(invitation_link(user)).path
    return client.post(path, {"new_password1": PASSWORD, "new_password2": PASSWORD})


def follow_to(client_for_host, response, expected_host):
    url = urlsplit(response["Location"])
    assert url.hostname == expected_host, response["Location"]
    return client_for_host.get(f"{url.path}?{url.query}")


def test_a_link_worker_is_signed_in_and_lands_on_their_regions_home(north_west):
    user = invited(region=north_west)
    hub, region = Client(HTTP_HOST="localhost"), Client(HTTP_HOST="north-west.localhost")

    response = set_password(hub, user)

    assert response.status_code == 302
    assert hub.session["_auth_user_id"] == str(user.pk)
    assert AuditEvent.objects.filter(action=AuditAction.SIGN_IN, actor=user).exists()
    assert AuditEvent.objects.filter(action=AuditAction.PASSWORD_SET, actor=user).exists()
    # To their region's host, which asks the hub, which hands them on...
    to_hub = follow_to(region, response, "north-west.localhost")
    to_region = follow_to(hub, to_hub, "localhost")
    landed = follow_to(region, to_region, "north-west.localhost")
    # ...to the home page there, signed in.
    assert landed["Location"] == "/"
    assert region.session["_auth_user_id"] == str(user.pk)
    assert "signed in" in hub.get("/").content.decode()


def test_a_coordinator_lands_on_the_region_they_coordinate(london):
    user = invited(role=Role.COORDINATOR, region=london)
    response = set_password(Client(HTTP_HOST="localhost"), user)
    assert urlsplit(response["Location"]).hostname == "london.localhost"


def test_the_national_team_lands_on_the_hub(regions):
    user = invited(role=Role.NATIONAL)
    hub = Client(HTTP_HOST="localhost")
    response = set_password(hub, user)
    assert response["Location"] == settings.HUB_URL + "/"
    assert hub.session["_auth_user_id"] == str(user.pk)
