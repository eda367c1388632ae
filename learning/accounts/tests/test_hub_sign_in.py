"""Sign in once: the hub is where people sign in, and it hands a signed-in person on
to a region host with a short-lived single-use token (learning.accounts.hub_sign_in)."""

import time
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from django.conf import settings
from django.test import Client, override_settings
from django.utils import timezone

from learning.accounts.tests.factories import UserFactory
from learning.audit.enums import AuditAction
from learning.audit.models import AuditEvent
from learning.regions.selectors import region_url

pytestmark = pytest.mark.django_db
PASSWORD = "learning-network-demo"
NW = "north-west.localhost"
STATE_COOKIE = "lwln_hub_sign_in"


def hub_client(user=None):
    client = Client(HTTP_HOST="localhost")
    if user is not None:
        client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
        assert client.session.get("_auth_user_id") == str(user.pk)
    return client


def start_on_region(client, next_path="/community/"):
    """The region's sign-in address: it sends the browser to the hub, with a state cookie."""
    response = client.get(f"/accounts/login/?next={quote(next_path)}")
    assert response.status_code == 302
    return response


def hub_address(response):
    """(path?query on the hub, query dict) of a redirect to the hub."""
    url = urlsplit(response["Location"])
    assert f"{url.scheme}://{url.netloc}" == settings.HUB_URL, response["Location"]
    return f"{url.path}?{url.query}", parse_qs(url.query)


def continue_address(response):
    """path?query of a redirect from the hub to a region's /accounts/continue/."""
    url = urlsplit(response["Location"])
    assert url.hostname == NW, response["Location"]
    assert url.path == "/accounts/continue/"
    return f"{url.path}?{url.query}"


def hand_over(region_client, hub, next_path="/community/"):
    """Region sign-in → hub hand-over → the region's continue address (not yet opened)."""
    handoff, _ = hub_address(start_on_region(region_client, next_path))
    response = hub.get(handoff)
    assert response.status_code == 302, response
    return continue_address(response)


def test_the_region_sign_in_page_sends_people_to_the_hub(north_west):
    response = start_on_region(Client(HTTP_HOST=NW), "/community/")
    path, query = hub_address(response)
    assert path.startswith("/accounts/handoff/?")
    assert query["next"] == [region_url("north-west") + "/community/"]
    assert STATE_COOKIE in response.cookies
    assert response.cookies[STATE_COOKIE]["httponly"]


def test_passwords_are_never_taken_on_a_region_host(north_west):
    user = UserFactory()
    client = Client(HTTP_HOST=NW)
    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"].startswith(settings.HUB_URL + "/accounts/handoff/")
    assert "_auth_user_id" not in client.session


def test_signed_in_on_the_hub_a_person_is_handed_on_signed_in(north_west):
    user = UserFactory(region=north_west)
    region, hub = Client(HTTP_HOST=NW), hub_client(user)

    response = region.get(hand_over(region, hub))

    assert response.status_code == 302
    assert response["Location"] == "/community/"
    assert region.session["_auth_user_id"] == str(user.pk)
    assert region.get("/community/").status_code == 200
    event = AuditEvent.objects.filter(action=AuditAction.SIGN_IN, actor=user).latest("pk")
    assert event.details == {"via": "hub", "host": NW}


def test_signed_out_on_the_hub_the_hand_over_asks_them_to_sign_in_there_first(north_west):
    region, hub = Client(HTTP_HOST=NW), hub_client()
    handoff, _ = hub_address(start_on_region(region))
    response = hub.get(handoff)
    assert response.status_code == 302
    assert parse_qs(urlsplit(response["Location"]).query)["next"] == [handoff]
    assert response["Location"].startswith("/accounts/login/?")
    # After signing in there, the hub's own redirect goes on to the hand-over.
    user = UserFactory(region=north_west)
    signed_in = hub.post(
        response["Location"], {"login": user.email, "password": PASSWORD, "next": handoff}
    )
    assert signed_in["Location"] == handoff
    assert region.get(continue_address(hub.get(handoff))).status_code == 302
    assert region.session["_auth_user_id"] == str(user.pk)


def test_a_token_works_once(north_west):
    user = UserFactory(region=north_west)
    region, hub = Client(HTTP_HOST=NW), hub_client(user)
    address = hand_over(region, hub)
    state = region.cookies[STATE_COOKIE].value
    assert region.get(address).status_code == 302
    # Replayed (say from the browser's history, with the same state), it signs no one in.
    again = Client(HTTP_HOST=NW)
    again.cookies[STATE_COOKIE] = state
    response = again.get(address)
    assert response.status_code == 400
    assert "_auth_user_id" not in again.session
    assert "has expired or has already been used" in response.content.decode()


def test_a_token_works_only_in_the_browser_that_asked_for_it(north_west):
    """Login CSRF: someone else's token, opened in this browser, signs it in as no one."""
    user = UserFactory(region=north_west)
    attacker_region, hub = Client(HTTP_HOST=NW), hub_client(user)
    address = hand_over(attacker_region, hub)
    victim = Client(HTTP_HOST=NW)
    start_on_region(victim)  # the victim has a state cookie of its own
    response = victim.get(address)
    assert response.status_code == 400
    assert "_auth_user_id" not in victim.session


def test_a_token_works_only_on_the_host_it_was_made_for(north_west, london):
    user = UserFactory(region=north_west)
    region, hub = Client(HTTP_HOST=NW), hub_client(user)
    address = hand_over(region, hub)
    london_client = Client(HTTP_HOST="london.localhost")
    london_client.cookies[STATE_COOKIE] = region.cookies[STATE_COOKIE].value
    response = london_client.get(address)
    assert response.status_code == 400
    assert "_auth_user_id" not in london_client.session


def test_a_token_expires(north_west, time_machine):
    user = UserFactory(region=north_west)
    region, hub = Client(HTTP_HOST=NW), hub_client(user)
    time_machine.move_to(timezone.now(), tick=False)
    address = hand_over(region, hub)
    time_machine.shift(settings.HUB_SIGN_IN_TOKEN_SECONDS + 5)
    assert region.get(address).status_code == 400
    assert "_auth_user_id" not in region.session


@pytest.mark.parametrize(
    "token", ["", "x", "not-a-token", "A" * 500, "%00", "eyJ.forged:signature"]
)
def test_a_mangled_token_gets_a_clear_page_not_an_error(north_west, token):
    region = Client(HTTP_HOST=NW)
    start_on_region(region)
    response = region.get("/accounts/continue/", {"token": token, "next": "/"})
    assert response.status_code == 400
    assert "Sign in again" in response.content.decode()


def test_a_hub_session_signed_out_before_the_token_is_used_hands_on_nothing(north_west):
    user = UserFactory(region=north_west)
    region, hub = Client(HTTP_HOST=NW), hub_client(user)
    address = hand_over(region, hub)
    hub.post("/accounts/logout/")
    assert region.get(address).status_code == 400
    assert "_auth_user_id" not in region.session


@pytest.mark.parametrize(
    "next_url",
    [
        "https://evil.example.com/",
        "//evil.example.com/",
        "http://north-west.localhost.evil.example.com:8000/",
        "http://north-west.localhost:6666/",  # one of ours, on another port
        "javascript:alert(1)",
        "http://no-such-region.localhost:8000/",
        "",
    ],
)
def test_the_hand_over_goes_only_to_our_region_hosts(north_west, next_url):
    hub = hub_client(UserFactory(region=north_west))
    response = hub.get("/accounts/handoff/", {"next": next_url, "state": "s" * 32})
    assert response.status_code == 400
    assert "evil" not in response.get("Location", "")


def test_the_continue_page_never_redirects_off_its_own_host(north_west):
    user = UserFactory(region=north_west)
    region, hub = Client(HTTP_HOST=NW), hub_client(user)
    _, query = hub_address(start_on_region(region))
    response = hub.get(
        "/accounts/handoff/",
        {"next": region_url("north-west") + "//evil.example.com/", "state": query["state"][0]},
    )
    assert region.get(continue_address(response))["Location"] == "/"


def test_sign_out_on_a_region_signs_the_person_out_of_the_hub_too(north_west):
    user = UserFactory(region=north_west)
    region, hub = Client(HTTP_HOST=NW), hub_client(user)
    region.get(hand_over(region, hub))
    assert region.session["_auth_user_id"] == str(user.pk)

    region.post("/accounts/logout/")

    assert hub.get("/").context["user"].is_anonymous
    assert AuditEvent.objects.filter(action=AuditAction.SIGN_OUT, actor=user).exists()


def test_sign_out_on_the_hub_signs_the_person_out_of_every_region(north_west, london):
    user = UserFactory(region=north_west)
    hub = hub_client(user)
    nw, ldn = Client(HTTP_HOST=NW), Client(HTTP_HOST="london.localhost")
    nw.get(hand_over(nw, hub))
    handoff, _ = hub_address(start_on_region(ldn))
    url = urlsplit(hub.get(handoff)["Location"])
    ldn.get(f"{url.path}?{url.query}")
    # London's host hands on too; its region checks are as before (the forum stays closed).
    assert ldn.session["_auth_user_id"] == str(user.pk)
    assert ldn.get("/community/").status_code == 403

    hub.post("/accounts/logout/")

    for client in (nw, ldn):
        assert client.get("/community/").status_code == 302
        assert "_auth_user_id" not in client.session


def test_the_maximum_age_counts_from_the_one_sign_in(north_west):
    user = UserFactory(region=north_west)
    region, hub = Client(HTTP_HOST=NW), hub_client(user)
    hub_session = hub.session
    signed_in_at = int(time.time()) - 3600
    hub_session["signed_in_at"] = signed_in_at
    hub_session.save()
    region.get(hand_over(region, hub))
    assert region.session["signed_in_at"] == signed_in_at


@override_settings(REQUIRE_STAFF_MFA=True)
def test_staff_whose_hub_session_used_the_second_factor_need_not_use_it_again(north_west):
    from allauth.mfa.models import Authenticator

    national = UserFactory(role="national")
    Authenticator.objects.create(user=national, type=Authenticator.Type.TOTP, data={"secret": "x"})
    hub = Client(HTTP_HOST="localhost")
    hub.force_login(national, backend="django.contrib.auth.backends.ModelBackend")
    session = hub.session
    session["account_authentication_methods"] = [{"method": "mfa", "at": 1.0}]
    session["account_authentication_methods_user"] = str(national.pk)
    session.save()
    region = Client(HTTP_HOST=NW)
    region.get(hand_over(region, hub))
    assert region.get("/people/").status_code == 200


@override_settings(REQUIRE_STAFF_MFA=True)
def test_staff_whose_hub_session_skipped_the_second_factor_get_no_token(north_west):
    from allauth.mfa.models import Authenticator

    national = UserFactory(role="national")
    Authenticator.objects.create(user=national, type=Authenticator.Type.TOTP, data={"secret": "x"})
    hub = Client(HTTP_HOST="localhost")
    hub.force_login(national, backend="django.contrib.auth.backends.ModelBackend")
    region = Client(HTTP_HOST=NW)
    handoff, _ = hub_address(start_on_region(region))
    response = hub.get(handoff)
    # The hub's second-factor check signs the session out before any token is made.
    assert "/accounts/continue/" not in response["Location"]
    assert "_auth_user_id" not in hub.session


def test_a_browser_on_a_region_host_checks_the_hub_quietly_once(north_west):
    """A page opened signed out (a link from the hub, an email) asks the hub whether
    the person is signed in there; signed out there, they come back signed out, and
    are not sent round again for a while."""
    browser = {"HTTP_SEC_FETCH_MODE": "navigate", "HTTP_SEC_FETCH_DEST": "document"}
    region = Client(HTTP_HOST=NW)
    response = region.get("/", **browser)
    path, query = hub_address(response)
    assert path.startswith("/accounts/handoff/")
    assert query["quiet"] == ["1"]
    back = Client(HTTP_HOST="localhost").get(path)
    region.get(continue_address(back))
    assert region.get("/", **browser).status_code == 200
    # Not a browser's page load (a feed reader, a script): nothing happens.
    assert Client(HTTP_HOST=NW).get("/").status_code == 200


def test_a_quiet_check_signs_in_someone_signed_in_on_the_hub(north_west):
    browser = {"HTTP_SEC_FETCH_MODE": "navigate", "HTTP_SEC_FETCH_DEST": "document"}
    user = UserFactory(region=north_west)
    region, hub = Client(HTTP_HOST=NW), hub_client(user)
    path, _ = hub_address(region.get("/community/", **browser))
    response = region.get(continue_address(hub.get(path)))
    assert response["Location"] == "/community/"
    assert region.session["_auth_user_id"] == str(user.pk)
