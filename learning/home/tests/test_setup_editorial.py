"""`manage.py setup_editorial` can run again and again."""

import pytest
from django.core.management import call_command
from wagtail.models import GroupPagePermission, Workflow, WorkflowTask

pytestmark = pytest.mark.django_db


def test_the_setup_command_can_run_again_without_duplicating_anything():
    call_command("setup_editorial", verbosity=0)
    counts = (
        GroupPagePermission.objects.count(),
        Workflow.objects.count(),
        WorkflowTask.objects.count(),
    )
    call_command("setup_editorial", verbosity=0)
    assert counts == (
        GroupPagePermission.objects.count(),
        Workflow.objects.count(),
        WorkflowTask.objects.count(),
    )
    assert not GroupPagePermission.objects.filter(
        group__name="National team", permission__codename="publish_page"
    ).exists()
