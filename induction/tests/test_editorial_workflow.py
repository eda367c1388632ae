"""National content goes draft -> review -> publish: editors submit, reviewers publish."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import WorkflowState

from induction.models import InductionSectionPage, InductionStepPage
from induction.tests.factories import make_pack, make_section
from learning.accounts.enums import CONTENT_REVIEWERS_GROUP, Role
from learning.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def edit_form(page, **changes) -> dict:
    data = {
        "title": page.title,
        "slug": page.slug,
        "summary": page.summary,
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
    }
    data.update(changes)
    return data


@pytest.fixture
def section():
    return make_section(make_pack(), "Safeguarding")


@pytest.fixture
def editor():
    return UserFactory(role=Role.NATIONAL)


@pytest.fixture
def reviewer():
    person = UserFactory(role=Role.NATIONAL)
    person.groups.add(Group.objects.get(name=CONTENT_REVIEWERS_GROUP))
    return person


def test_an_editor_cannot_publish_directly(section, editor, client_for):
    client = client_for(None, editor)
    client.post(
        f"/admin/pages/{section.pk}/edit/",
        edit_form(section, title="Safeguarding adults and children", **{"action-publish": "1"}),
    )
    section.refresh_from_db()
    assert section.title == "Safeguarding"
    assert section.live


def test_an_editors_change_waits_for_review_then_a_reviewer_publishes_it(
    section, editor, reviewer, client_for
):
    response = client_for(None, editor).post(
        f"/admin/pages/{section.pk}/edit/",
        edit_form(section, title="Safeguarding adults and children", **{"action-submit": "1"}),
    )
    assert response.status_code == 302
    section.refresh_from_db()
    assert section.title == "Safeguarding"  # still the published version
    state = WorkflowState.objects.get(object_id=str(section.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == "National content review"

    # The editor cannot approve their own change; a reviewer can.
    task_state = state.current_task_state
    approve = f"/admin/pages/workflow/action/{section.pk}/approve/{task_state.pk}/"
    client_for(None, editor).post(approve, {"comment": ""})
    section.refresh_from_db()
    assert section.title == "Safeguarding"

    client_for(None, reviewer).post(approve, {"comment": "Checked against the guidance."})
    section.refresh_from_db()
    assert section.title == "Safeguarding adults and children"
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED


def test_a_reviewer_can_send_a_change_back(section, editor, reviewer, client_for):
    client_for(None, editor).post(
        f"/admin/pages/{section.pk}/edit/",
        edit_form(section, summary="A new summary", **{"action-submit": "1"}),
    )
    state = WorkflowState.objects.get(object_id=str(section.pk))
    client_for(None, reviewer).post(
        f"/admin/pages/workflow/action/{section.pk}/reject/{state.current_task_state.pk}/",
        {"comment": "Please cite the safeguarding policy."},
    )
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert InductionSectionPage.objects.get(pk=section.pk).summary == ""


def test_page_types_can_only_be_created_where_they_belong(editor, client_for):
    from learning.home.models import HomePage

    home = HomePage.objects.get()
    client = client_for(None, editor)
    # A step belongs in a section, not directly under the home page.
    response = client.get(f"/admin/pages/add/induction/inductionsteppage/{home.pk}/")
    assert response.status_code == 302  # refused, back to the admin with a message
    assert not InductionSectionPage.can_create_at(home)
    assert not InductionStepPage.can_create_at(home)
