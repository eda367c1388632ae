"""A reader's correction reaches the CCG's lead; a review falling due emails the lead once."""

from datetime import timedelta

import pytest
from django.utils import timezone

from learning.accounts.enums import Role
from learning.accounts.tests.factories import CCGFactory, UserFactory
from learning.mail.models import OutboxMessage
from resources.models import Correction
from resources.services import CORRECTION_MAX_LENGTH, review_reminders_send

from .factories import make_resource

pytestmark = pytest.mark.django_db


@pytest.fixture
def lead(north_west):
    return UserFactory(role=Role.CCG_LEAD, region=north_west)


@pytest.fixture
def worker(north_west, lead):
    worker = UserFactory(role=Role.LINK_WORKER, region=north_west)
    worker.pcn.ccg = lead.ccg
    worker.pcn.save()
    return worker


def correction_url(resource) -> str:
    return resource.url + "correction/"


def test_a_correction_is_stored_and_emailed_to_the_lead(
    lead, worker, north_west, client_for, on_commit, mailoutbox
):
    resource = make_resource(lead.ccg, title="Wythenshawe Men's Shed")
    client = client_for(north_west, worker)

    with on_commit():
        response = client.post(correction_url(resource), {"text": "They now meet on Thursdays."})

    assert response.status_code == 302
    assert "gone to the CCG" in client.get(response["Location"]).content.decode()
    correction = Correction.objects.get()
    assert (correction.resource, correction.author) == (resource, worker)
    [email] = mailoutbox
    assert email.to == [lead.email]
    assert "Wythenshawe Men's Shed" in email.subject
    assert "They now meet on Thursdays." in email.body
    assert worker.email in email.body
    assert f"/admin/pages/{resource.pk}/edit/" in email.body


def test_with_no_lead_the_regions_coordinators_hear(
    worker, north_west, client_for, on_commit, mailoutbox
):
    resource = make_resource(CCGFactory(region=north_west))
    coordinator = UserFactory(role=Role.COORDINATOR, region=north_west)

    with on_commit():
        client_for(north_west, worker).post(correction_url(resource), {"text": "It has closed."})

    assert [email.to for email in mailoutbox] == [[coordinator.email]]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("   ", "Say what needs correcting."),
        ("x" * (CORRECTION_MAX_LENGTH + 1), "at most 2000 characters"),
    ],
)
def test_an_empty_or_overlong_correction_is_a_form_error(
    lead, worker, north_west, client_for, text, message
):
    resource = make_resource(lead.ccg)

    response = client_for(north_west, worker).post(correction_url(resource), {"text": text})

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Correction.objects.exists()
    assert not OutboxMessage.objects.exists()


def test_corrections_are_rate_limited(lead, worker, north_west, client_for):
    resource = make_resource(lead.ccg)
    client = client_for(north_west, worker)
    for n in range(10):
        assert client.post(correction_url(resource), {"text": f"Note {n}"}).status_code == 302

    response = client.post(correction_url(resource), {"text": "One more"})

    assert response.status_code == 400
    assert "a lot of corrections in the last hour" in response.content.decode()
    assert Correction.objects.count() == 10


def test_someone_from_another_region_cannot_send_one(lead, london, north_west, client_for):
    resource = make_resource(lead.ccg)
    outsider = UserFactory(role=Role.LINK_WORKER, region=london)

    response = client_for(north_west, outsider).post(correction_url(resource), {"text": "Hello"})

    assert response.status_code == 403
    assert not Correction.objects.exists()


@pytest.mark.clock
def test_a_review_falling_due_emails_the_lead_once(lead, on_commit, mailoutbox):
    today = timezone.localdate()
    due = make_resource(lead.ccg, title="Due Today", next_review_due=today)
    make_resource(lead.ccg, title="Later", next_review_due=today + timedelta(days=1))
    make_resource(lead.ccg, title="Unpublished", next_review_due=today, live=False)

    with on_commit():
        assert review_reminders_send(today=today) == 1
    with on_commit():
        assert review_reminders_send(today=today) == 1  # due, but already told

    [email] = mailoutbox
    assert email.to == [lead.email]
    assert email.subject == 'Review due today: "Due Today"'
    assert f"/admin/pages/{due.pk}/edit/" in email.body


def test_a_new_due_date_that_falls_due_emails_again(lead, on_commit, mailoutbox):
    today = timezone.localdate()
    resource = make_resource(
        lead.ccg, title="Lunch Club", next_review_due=today - timedelta(days=2)
    )
    with on_commit():
        review_reminders_send(today=today)
    assert mailoutbox[0].subject == 'Review overdue: "Lunch Club"'

    resource.last_reviewed = today
    resource.next_review_due = today + timedelta(days=30)
    resource.save()
    with on_commit():
        review_reminders_send(today=today + timedelta(days=30))

    assert len(mailoutbox) == 2
