"""Coordinators signing off, or returning, offline tasks that need sign-off."""

import pytest

from induction.enums import StepStatus
from induction.models import RETURN_COMMENT_MAX_LENGTH, StepProgress
from induction.services import step_complete
from induction.tests.factories import steps_of
from learning.accounts.enums import Role
from learning.accounts.tests.factories import UserFactory
from learning.audit.enums import AuditAction
from learning.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

QUEUE = "/induction-progress/sign-off/"


def waiting(pack, worker) -> StepProgress:
    return step_complete(user=worker, step=steps_of(pack)["Meet your clinical supervisor"])


def review_url(progress) -> str:
    return f"{QUEUE}{progress.pk}/"


@pytest.fixture
def coordinator(north_west):
    return UserFactory(role=Role.COORDINATOR, region=north_west, full_name="Asha Patel")


@pytest.fixture
def worker(north_west):
    return UserFactory(region=north_west, full_name="Sam Okafor")


def test_the_queue_lists_tasks_waiting_in_the_coordinators_region(
    pack, coordinator, worker, client_for
):
    waiting(pack, worker)
    html = client_for(None, coordinator).get(QUEUE).content.decode()
    assert "Meet your clinical supervisor" in html
    assert "Sam Okafor" in html
    assert "1 task waiting" in html


def test_signing_off_completes_the_step_and_emails_the_link_worker(
    pack, coordinator, worker, client_for, on_commit, mailoutbox
):
    progress = waiting(pack, worker)
    with on_commit():
        response = client_for(None, coordinator).post(
            review_url(progress), {"decision": "sign_off", "comment": "Good notes from the visit."}
        )
    assert response.status_code == 302
    progress.refresh_from_db()
    assert progress.status == StepStatus.COMPLETED
    assert progress.completed_at is not None
    assert progress.reviewed_by == coordinator
    [email] = mailoutbox
    assert email.to == [worker.email]
    assert email.subject == "Signed off: Meet your clinical supervisor"
    assert "Asha Patel has signed off" in email.body
    assert "Good notes from the visit." in email.body
    assert AuditEvent.objects.filter(
        action=AuditAction.INDUCTION_SIGNED_OFF, actor=coordinator
    ).exists()
    step_page = client_for(None, worker).get(progress.step.url).content.decode()
    assert "Signed off by Asha Patel" in step_page


def test_returning_needs_a_comment_which_the_link_worker_sees_and_can_act_on(
    pack, coordinator, worker, client_for, on_commit, mailoutbox
):
    progress = waiting(pack, worker)
    client = client_for(None, coordinator)
    empty = client.post(review_url(progress), {"decision": "return", "comment": "  "})
    assert empty.status_code == 400
    assert "Say what the link worker needs to do next." in empty.content.decode()
    progress.refresh_from_db()
    assert progress.status == StepStatus.AWAITING_SIGN_OFF

    with on_commit():
        client.post(
            review_url(progress),
            {"decision": "return", "comment": "Please book the meeting with your GP supervisor."},
        )
    progress.refresh_from_db()
    assert progress.status == StepStatus.IN_PROGRESS
    [email] = mailoutbox
    assert email.subject == "Returned for more work: Meet your clinical supervisor"
    assert "Please book the meeting with your GP supervisor." in email.body

    worker_client = client_for(None, worker)
    step_page = worker_client.get(progress.step.url).content.decode()
    assert "Returned by your coordinator" in step_page
    assert "Please book the meeting with your GP supervisor." in step_page
    worker_client.post(progress.step.url)
    progress.refresh_from_db()
    assert progress.status == StepStatus.AWAITING_SIGN_OFF


def test_a_decided_task_cannot_be_decided_again(pack, coordinator, worker, client_for):
    progress = waiting(pack, worker)
    client = client_for(None, coordinator)
    client.post(review_url(progress), {"decision": "sign_off"})
    again = client.post(review_url(progress), {"decision": "return", "comment": "Wait"})
    assert again.status_code == 400
    assert "someone may have decided it already" in again.content.decode()
    progress.refresh_from_db()
    assert progress.status == StepStatus.COMPLETED


def test_a_step_that_does_not_need_sign_off_cannot_be_signed_off(
    pack, coordinator, worker, client_for
):
    read = step_complete(user=worker, step=steps_of(pack)["Who social prescribing helps"])
    response = client_for(None, coordinator).post(review_url(read), {"decision": "sign_off"})
    assert response.status_code == 400
    assert "This step does not need sign-off." in response.content.decode()
    read.refresh_from_db()
    assert read.reviewed_by is None


def test_an_oversized_comment_is_refused(pack, coordinator, worker, client_for):
    progress = waiting(pack, worker)
    response = client_for(None, coordinator).post(
        review_url(progress),
        {"decision": "return", "comment": "x" * (RETURN_COMMENT_MAX_LENGTH + 1)},
    )
    assert response.status_code == 400
    assert f"Keep your comment to {RETURN_COMMENT_MAX_LENGTH:,} characters." in (
        response.content.decode()
    )
    progress.refresh_from_db()
    assert progress.status == StepStatus.AWAITING_SIGN_OFF


@pytest.mark.parametrize("decision", ["", "approve-everything"])
def test_a_missing_or_forged_decision_is_refused(pack, coordinator, worker, client_for, decision):
    progress = waiting(pack, worker)
    response = client_for(None, coordinator).post(review_url(progress), {"decision": decision})
    assert response.status_code == 400
    progress.refresh_from_db()
    assert progress.status == StepStatus.AWAITING_SIGN_OFF


def test_another_regions_coordinator_can_neither_see_nor_decide(pack, worker, london, client_for):
    progress = waiting(pack, worker)
    outsider = UserFactory(role=Role.COORDINATOR, region=london)
    client = client_for(None, outsider)
    assert "Meet your clinical supervisor" not in client.get(QUEUE).content.decode()
    response = client.post(review_url(progress), {"decision": "sign_off"})
    assert response.status_code == 404
    progress.refresh_from_db()
    assert progress.status == StepStatus.AWAITING_SIGN_OFF


@pytest.mark.parametrize("role", [Role.LINK_WORKER, Role.CCG_LEAD])
def test_link_workers_and_ccg_leads_cannot_sign_off(pack, worker, north_west, client_for, role):
    progress = waiting(pack, worker)
    someone = UserFactory(role=role, region=north_west)
    client = client_for(None, someone)
    assert client.get(QUEUE).status_code == 403
    assert client.post(review_url(progress), {"decision": "sign_off"}).status_code == 403
    # Not even their own task:
    own = waiting(pack, someone) if role == Role.LINK_WORKER else progress
    assert client.post(review_url(own), {"decision": "sign_off"}).status_code == 403
    progress.refresh_from_db()
    assert progress.status == StepStatus.AWAITING_SIGN_OFF


def test_the_national_team_can_sign_off_anyone(pack, worker, client_for):
    progress = waiting(pack, worker)
    national = UserFactory(role=Role.NATIONAL)
    client_for(None, national).post(review_url(progress), {"decision": "sign_off"})
    progress.refresh_from_db()
    assert progress.status == StepStatus.COMPLETED


def test_the_queue_runs_a_bounded_number_of_queries(
    pack, coordinator, north_west, client_for, django_assert_max_num_queries
):
    client = client_for(None, coordinator)
    waiting(pack, UserFactory(region=north_west))
    client.get(QUEUE)  # warm the site and content-type caches
    for _ in range(11):
        waiting(pack, UserFactory(region=north_west))
    with django_assert_max_num_queries(9):
        response = client.get(QUEUE)
    assert response.content.decode().count('class="nhsuk-card"') == 12
