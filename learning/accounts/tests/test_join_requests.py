import re

import pytest
from django.core import mail
from django.test import Client

from learning.accounts.enums import JoinRequestStatus, Role
from learning.accounts.models import JoinRequest, User
from learning.accounts.tests.factories import (
    CCGFactory,
    JoinRequestFactory,
    PCNFactory,
    UserFactory,
)
from learning.audit.enums import AuditAction
from learning.audit.models import AuditEvent
from learning.mail.models import OutboxMessage

pytestmark = pytest.mark.django_db


@pytest.fixture
def pcn(north_west):
    return PCNFactory(ccg=CCGFactory(region=north_west))


def join_form(region, pcn, /, **overrides):
    data = {
        "full_name": "Leah Ogden",
        "email": "Leah.Ogden@Example.org",
        "role": Role.LINK_WORKER,
        "region": region.pk,
        "pcn": pcn.pk,
        "ccg": "",
        "reason": "Starting as a link worker next month.",
    }
    data.update(overrides)
    return data


def test_a_person_can_ask_to_join_and_coordinators_are_told(north_west, pcn, client_for, on_commit):
    coordinator = UserFactory(role=Role.COORDINATOR, region=north_west)
    with on_commit():
        response = client_for().post("/join/", join_form(north_west, pcn))
    assert response.status_code == 302
    assert response["Location"] == "/join/sent/"
    join_request = JoinRequest.objects.get()
    assert join_request.email == "leah.ogden@example.org"
    assert join_request.status == JoinRequestStatus.PENDING
    assert AuditEvent.objects.filter(action=AuditAction.JOIN_REQUESTED).count() == 1
    assert [m.to for m in mail.outbox] == [[coordinator.email]]
    assert "Leah Ogden" in mail.outbox[0].subject


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"full_name": ""}, "full_name", "Enter your full name"),
        ({"email": ""}, "email", "Enter your work email address"),
        ({"email": "not-an-email"}, "email", "Enter an email address in the right format"),
        ({"reason": ""}, "reason", "Say why you want to join"),
        ({"pcn": ""}, "pcn", "Choose the primary care network"),
        ({"reason": "x" * 1001}, "reason", "at most 1000 characters"),
        ({"full_name": "x" * 151}, "full_name", "at most 150 characters"),
        ({"role": ""}, "role", "Select your role"),
        ({"role": "national"}, "role", "Select one of the roles listed"),
        ({"region": "999999"}, "region", "Choose one of the regions in the list"),
        ({"role": Role.CCG_LEAD, "pcn": ""}, "ccg", "Choose the CCG"),
    ],
)
def test_a_malformed_join_request_is_refused_with_a_clear_message(
    north_west, pcn, client_for, overrides, field, message
):
    response = client_for().post("/join/", join_form(north_west, pcn, **overrides))
    assert response.status_code == 400
    assert message in str(response.context["form"].errors[field])
    assert "There is a problem" in response.content.decode()
    assert not JoinRequest.objects.exists()
    assert not AuditEvent.objects.exists()


def test_a_pcn_from_another_region_is_refused(north_west, london, client_for):
    london_pcn = PCNFactory(ccg=CCGFactory(region=london))
    response = client_for().post("/join/", join_form(north_west, london_pcn))
    assert response.status_code == 400
    assert response.context["form"].errors["pcn"] == [
        f"{london_pcn.name} is in London, not North West: choose a PCN in North West, "
        "or change the region."
    ]
    assert not JoinRequest.objects.exists()


def test_a_ccg_from_another_region_is_refused(north_west, london, client_for):
    london_ccg = CCGFactory(region=london, name="NHS Camden CCG")
    response = client_for().post(
        "/join/", join_form(north_west, london_ccg, role=Role.CCG_LEAD, pcn="", ccg=london_ccg.pk)
    )
    assert response.status_code == 400
    assert response.context["form"].errors["ccg"] == [
        "NHS Camden CCG is in London, not North West: choose a CCG in North West, "
        "or change the region."
    ]
    assert not JoinRequest.objects.exists()


def test_a_ccg_lead_of_the_chosen_region_may_ask(north_west, client_for):
    ccg = CCGFactory(region=north_west)
    response = client_for().post(
        "/join/", join_form(north_west, ccg, role=Role.CCG_LEAD, pcn="", ccg=ccg.pk)
    )
    assert response.status_code == 302
    assert JoinRequest.objects.get().ccg == ccg


def test_the_hub_cannot_be_chosen_as_a_region(pcn, client_for):
    from learning.regions.models import Region

    hub = Region.objects.get(schema_name="public")
    response = client_for().post("/join/", join_form(hub, pcn))
    assert response.status_code == 400
    assert not JoinRequest.objects.exists()


def test_a_second_request_while_one_waits_is_not_stored_and_the_address_is_told(
    north_west, pcn, client_for, on_commit
):
    client = client_for()
    client.post("/join/", join_form(north_west, pcn))
    with on_commit():
        response = client.post("/join/", join_form(north_west, pcn))
    assert response.status_code == 302  # the page says nothing about who has asked
    assert JoinRequest.objects.count() == 1
    assert [m.subject for m in mail.outbox if m.to == ["leah.ogden@example.org"]] == [
        "Your request to join the Link Worker Learning Network is waiting"
    ]


def test_the_form_does_not_reveal_who_is_a_member(north_west, pcn, client_for, on_commit):
    member = UserFactory(region=north_west)
    with on_commit():
        response = client_for().post(
            "/join/", join_form(north_west, pcn, email=member.email.upper())
        )
    assert response.status_code == 302
    assert response["Location"] == "/join/sent/"
    assert not JoinRequest.objects.exists()
    told = [m for m in mail.outbox if m.to == [member.email]]
    assert told and "You already have an account" in told[0].subject
    assert "&#x27;" not in told[0].body


def invitation_path(message) -> str:
    return re.search(r"http://[^/\s]+(/welcome/[^\s]+/)", message.body).group(1)


def test_a_coordinator_approves_and_the_person_sets_a_password_once(
    north_west, client_for, on_commit
):
    coordinator = UserFactory(role=Role.COORDINATOR, region=north_west)
    join_request = JoinRequestFactory(region=north_west)
    client = client_for(None, coordinator)
    assert join_request.full_name in client.get("/join-requests/").content.decode()

    with on_commit():
        response = client.post(f"/join-requests/{join_request.pk}/approve/")
    assert response.status_code == 302
    user = User.objects.get(email=join_request.email)
    assert user.role == Role.LINK_WORKER
    assert user.pcn == join_request.pcn
    assert not user.has_usable_password()
    join_request.refresh_from_db()
    assert join_request.status == JoinRequestStatus.APPROVED
    assert join_request.decided_by == coordinator
    assert AuditEvent.objects.filter(action=AuditAction.JOIN_APPROVED, actor=coordinator).exists()

    invitation = next(m for m in mail.outbox if m.to == [user.email])
    path = invitation_path(invitation)
    assert "Set your password" in invitation.alternatives[0][0]
    newcomer = Client(HTTP_HOST="localhost")
    password = "a-long-memorable-passphrase"
    response = newcomer.post(path, {"new_password1": password, "new_password2": password})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(password)
    # The link is one-time: it no longer works once used.
    assert newcomer.get(path).status_code == 400
    assert newcomer.login(email=user.email, password=password)


def test_a_weak_password_is_refused_on_the_welcome_page(north_west, client_for, on_commit):
    coordinator = UserFactory(role=Role.COORDINATOR, region=north_west)
    join_request = JoinRequestFactory(region=north_west)
    with on_commit():
        client_for(None, coordinator).post(f"/join-requests/{join_request.pk}/approve/")
    path = invitation_path(next(m for m in mail.outbox if m.to == [join_request.email]))
    response = Client(HTTP_HOST="localhost").post(
        path, {"new_password1": "password", "new_password2": "password"}
    )
    assert response.status_code == 400
    assert "too common" in response.content.decode()


def test_a_forged_invitation_link_is_refused(client_for):
    assert client_for().get("/welcome/MQ/not-a-token/").status_code == 400
    assert client_for().get("/welcome/!!!/x/").status_code == 400


def test_a_coordinator_cannot_see_or_decide_another_regions_requests(
    north_west, london, client_for
):
    london_coordinator = UserFactory(role=Role.COORDINATOR, region=london)
    join_request = JoinRequestFactory(region=north_west)
    client = client_for(None, london_coordinator)
    assert join_request.full_name not in client.get("/join-requests/").content.decode()
    assert client.get(f"/join-requests/{join_request.pk}/").status_code == 404
    assert client.post(f"/join-requests/{join_request.pk}/approve/").status_code == 404
    join_request.refresh_from_db()
    assert join_request.status == JoinRequestStatus.PENDING
    assert not User.objects.filter(email=join_request.email).exists()


def test_link_workers_cannot_open_the_queue(north_west, client_for):
    worker = UserFactory(region=north_west)
    assert client_for(None, worker).get("/join-requests/").status_code == 403


def test_declining_needs_a_reason_and_emails_it(north_west, client_for, on_commit):
    national = UserFactory(role=Role.NATIONAL)
    join_request = JoinRequestFactory(region=north_west)
    client = client_for(None, national)

    response = client.post(f"/join-requests/{join_request.pk}/decline/", {"decline_reason": " "})
    assert response.status_code == 400
    join_request.refresh_from_db()
    assert join_request.status == JoinRequestStatus.PENDING

    reason = "Please ask again once your PCN has confirmed your start date."
    with on_commit():
        response = client.post(
            f"/join-requests/{join_request.pk}/decline/", {"decline_reason": reason}
        )
    assert response.status_code == 302
    join_request.refresh_from_db()
    assert join_request.status == JoinRequestStatus.DECLINED
    assert join_request.decline_reason == reason
    declined = next(m for m in mail.outbox if m.to == [join_request.email])
    assert reason in declined.body
    assert "&#x27;" not in declined.body  # plain text is not HTML-escaped
    assert AuditEvent.objects.filter(action=AuditAction.JOIN_DECLINED).count() == 1


def test_a_decided_request_cannot_be_decided_again(north_west, client_for):
    national = UserFactory(role=Role.NATIONAL)
    join_request = JoinRequestFactory(region=north_west)
    client = client_for(None, national)
    client.post(f"/join-requests/{join_request.pk}/decline/", {"decline_reason": "Not eligible."})
    client.post(f"/join-requests/{join_request.pk}/approve/")
    assert not User.objects.filter(email=join_request.email).exists()
    assert OutboxMessage.objects.filter(to=join_request.email).count() == 1


def test_the_queue_page_runs_a_bounded_number_of_queries(north_west, client_for, queries_for):
    national = UserFactory(role=Role.NATIONAL)
    client = client_for(None, national)
    JoinRequestFactory(region=north_west)
    client.get("/join-requests/")
    one = queries_for(lambda: client.get("/join-requests/"))
    for _ in range(15):
        JoinRequestFactory(region=north_west)
    many = queries_for(lambda: client.get("/join-requests/"))
    assert many == one
    assert many <= 10


def test_asking_to_join_is_rate_limited(north_west, pcn, client_for):
    client = client_for()
    for attempt in range(20):
        client.post("/join/", join_form(north_west, pcn, email=f"flood{attempt}@example.org"))
    response = client.post("/join/", join_form(north_west, pcn, email="flood99@example.org"))
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
    assert JoinRequest.objects.count() == 20


def test_form_errors_do_not_use_up_the_allowance(north_west, pcn, client_for):
    client = client_for()
    for _ in range(25):
        client.post("/join/", join_form(north_west, pcn, full_name=""))
    assert client.post("/join/", join_form(north_west, pcn)).status_code == 302


def test_one_email_cannot_be_used_to_flood_its_owner(north_west, pcn, client_for):
    for _ in range(3):
        client_for().post("/join/", join_form(north_west, pcn))
    assert client_for().post("/join/", join_form(north_west, pcn)).status_code == 429


def test_the_pcn_and_ccg_lists_are_grouped_by_region_and_not_marked_optional(
    north_west, london, client_for
):
    from bs4 import BeautifulSoup

    ccg = CCGFactory(region=north_west, name="NHS Wirral CCG")
    PCNFactory(ccg=ccg, name="Birkenhead PCN")
    camden = CCGFactory(region=london, name="NHS Camden CCG")
    PCNFactory(ccg=camden, name="Kentish Town PCN")
    page = client_for().get("/join/").content.decode()
    soup = BeautifulSoup(page, "html.parser")
    for name in ("pcn", "ccg"):
        groups = {
            group["label"]: [option.text for option in group.find_all("option")]
            for group in soup.find("select", attrs={"name": name}).find_all("optgroup")
        }
        assert set(groups) >= {"North West", "London"}, groups
        wanted = {"pcn": "Birkenhead PCN (NHS Wirral CCG)", "ccg": "NHS Wirral CCG"}[name]
        assert wanted in groups["North West"]
        assert wanted not in groups["London"]
    # A small script narrows the lists to the region chosen; the page works without it.
    assert '<script type="module" src="/static/js/join-regions.js"></script>' in page
    assert "Primary care network (if you are a link worker)</label>" in page
    assert "(if you are a link worker) (optional)" not in page
