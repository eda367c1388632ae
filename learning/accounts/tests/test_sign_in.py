import re
import time

import pytest
from django.conf import settings
from django.test import Client, override_settings

from learning.accounts.enums import Role
from learning.accounts.tests.factories import UserFactory
from learning.audit.enums import AuditAction
from learning.audit.models import AuditEvent

pytestmark = pytest.mark.django_db
PASSWORD = "learning-network-demo"


def sign_in(client, email, password=PASSWORD, **extra):
    return client.post("/accounts/login/", {"login": email, "password": password}, **extra)


def test_sign_in_by_email_is_audited():
    user = UserFactory()
    client = Client(HTTP_HOST="localhost")
    response = sign_in(client, user.email)
    assert response.status_code == 302
    assert client.get("/").context["user"] == user
    assert AuditEvent.objects.filter(action=AuditAction.SIGN_IN, actor=user).exists()


def test_a_failed_sign_in_is_audited_without_the_password():
    user = UserFactory()
    response = sign_in(Client(HTTP_HOST="localhost"), user.email, "wrong-password-123")
    assert response.status_code == 200
    event = AuditEvent.objects.get(action=AuditAction.SIGN_IN_FAILED)
    assert event.subject == user.email
    assert "wrong-password-123" not in str(event.details)


def test_repeated_failed_sign_ins_are_throttled():
    user = UserFactory()
    client = Client(HTTP_HOST="localhost")
    for _ in range(5):
        sign_in(client, user.email, "wrong-password-123")
    # Even the right password is refused while throttled.
    response = sign_in(client, user.email)
    assert response.status_code in (200, 429)
    assert "_auth_user_id" not in client.session
    assert "Too many failed login attempts" in response.content.decode()


def test_a_forged_next_url_is_not_followed():
    user = UserFactory()
    response = Client(HTTP_HOST="localhost").post(
        "/accounts/login/?next=https://evil.example.com/",
        {"login": user.email, "password": PASSWORD, "next": "https://evil.example.com/"},
    )
    assert response.status_code == 302
    assert "evil.example.com" not in response["Location"]


def test_open_sign_up_is_closed_and_points_to_joining():
    response = Client(HTTP_HOST="localhost").get("/accounts/signup/")
    assert "/join/" in response.content.decode()


def test_sign_out_ends_the_session():
    user = UserFactory()
    client = Client(HTTP_HOST="localhost")
    sign_in(client, user.email)
    client.post("/accounts/logout/")
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(action=AuditAction.SIGN_OUT, actor=user).exists()


def test_password_reset_sends_a_link(mailoutbox):
    user = UserFactory()
    Client(HTTP_HOST="localhost").post("/accounts/password/reset/", {"email": user.email})
    assert [m.to for m in mailoutbox] == [[user.email]]
    assert "/accounts/password/reset/key/" in mailoutbox[0].body


def _age_session(client, **stamps):
    session = client.session
    session.update(stamps)
    session.save()


def test_an_idle_session_ends(client_for):
    user = UserFactory()
    client = client_for(None, user)
    client.get("/")
    now = int(time.time())
    _age_session(client, last_seen_at=now - settings.SESSION_IDLE_TIMEOUT - 5)
    response = client.get("/join-requests/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert "_auth_user_id" not in client.session


def test_an_active_session_ends_at_its_maximum_age(client_for):
    user = UserFactory()
    client = client_for(None, user)
    client.get("/")
    now = int(time.time())
    _age_session(client, signed_in_at=now - settings.SESSION_MAX_AGE - 5, last_seen_at=now)
    client.get("/")
    assert "_auth_user_id" not in client.session


def test_an_active_session_stays(client_for):
    user = UserFactory()
    client = client_for(None, user)
    client.get("/")
    _age_session(client, last_seen_at=int(time.time()) - settings.SESSION_IDLE_TIMEOUT + 60)
    client.get("/")
    assert client.session["_auth_user_id"] == str(user.pk)


def _with_totp(user):
    from allauth.mfa.models import Authenticator

    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": "x"})
    return user


def _passed_second_factor(client, user):
    session = client.session
    session["account_authentication_methods"] = [{"method": "mfa", "at": time.time()}]
    session["account_authentication_methods_user"] = str(user.pk)
    session.save()


@override_settings(REQUIRE_STAFF_MFA=True)
@pytest.mark.parametrize("path", ["/", "/admin/", "/people/", "/audit/", "/join-requests/"])
def test_staff_without_an_authenticator_can_only_set_one_up(client_for, path):
    national = UserFactory(role=Role.NATIONAL)
    response = client_for(None, national).get(path)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/totp/activate/"


@override_settings(REQUIRE_STAFF_MFA=True)
def test_staff_cannot_change_roles_before_setting_up_an_authenticator(client_for):
    national = UserFactory(role=Role.NATIONAL)
    worker = UserFactory()
    client_for(None, national).post(f"/people/{worker.pk}/role/", {"role": Role.NATIONAL})
    worker.refresh_from_db()
    assert worker.role == Role.LINK_WORKER
    assert not worker.is_staff


@override_settings(REQUIRE_STAFF_MFA=True)
def test_a_session_that_skipped_the_second_factor_is_signed_out(client_for):
    national = _with_totp(UserFactory(role=Role.NATIONAL))
    client = client_for(None, national)  # signed in without the code
    response = client.get("/people/")
    assert response["Location"] == "/accounts/login/"
    assert "_auth_user_id" not in client.session


@override_settings(REQUIRE_STAFF_MFA=True)
def test_admin_opens_once_the_session_has_used_the_authenticator(client_for):
    national = _with_totp(UserFactory(role=Role.NATIONAL))
    client = client_for(None, national)
    _passed_second_factor(client, national)
    assert client.get("/admin/").status_code == 200
    assert client.get("/people/").status_code == 200


@override_settings(REQUIRE_STAFF_MFA=True)
def test_people_without_admin_access_are_not_asked_for_a_second_factor(north_west, client_for):
    for role in (Role.LINK_WORKER, Role.COORDINATOR):
        person = UserFactory(role=role, region=north_west)
        client = client_for(None, person)
        assert client.get("/").status_code == 200
        assert "2fa" not in client.get("/admin/")["Location"]


@override_settings(REQUIRE_STAFF_MFA=True)
def test_ccg_leads_publish_in_the_admin_so_they_set_up_an_authenticator(north_west, client_for):
    lead = UserFactory(role=Role.CCG_LEAD, region=north_west)
    response = client_for(None, lead).get("/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/totp/activate/"


def test_too_many_reset_requests_get_a_styled_429_page():
    user = UserFactory()
    client = Client(HTTP_HOST="localhost")
    responses = [client.post("/accounts/password/reset/", {"email": user.email}) for _ in range(6)]
    limited = responses[-1]
    assert limited.status_code == 429
    assert "Too many attempts" in limited.content.decode()
    assert "nhsuk-header" in limited.content.decode()


def test_a_wrong_password_gets_a_plain_english_error():
    user = UserFactory()
    response = sign_in(Client(HTTP_HOST="localhost"), user.email, "not-my-password-9")
    assert "The email address or password is not right" in response.content.decode()


def test_the_wagtail_login_form_cannot_bypass_allauth():
    national = UserFactory(role=Role.NATIONAL)
    client = Client(HTTP_HOST="localhost")
    response = client.post("/admin/login/", {"username": national.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_an_unverified_address_must_be_verified_before_sign_in(mailoutbox):
    from allauth.account.models import EmailAddress

    user = UserFactory()
    EmailAddress.objects.filter(user=user).update(verified=False)
    client = Client(HTTP_HOST="localhost")
    response = sign_in(client, user.email)
    assert "_auth_user_id" not in client.session
    assert response.status_code == 302
    assert [m.to for m in mailoutbox] == [[user.email]]
    confirm_path = re.search(r"http://[^/\s]+(/accounts/confirm-email/[^\s]+/)", mailoutbox[0].body)
    client.post(confirm_path.group(1))
    assert EmailAddress.objects.get(user=user).verified


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_a_proxy_the_audit_records_the_visitors_address():
    user = UserFactory()
    sign_in(
        Client(HTTP_HOST="localhost", REMOTE_ADDR="10.0.0.1"),
        user.email,
        HTTP_X_FORWARDED_FOR="203.0.113.7",
    )
    assert AuditEvent.objects.get(action=AuditAction.SIGN_IN).ip_address == "203.0.113.7"
