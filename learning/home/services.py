"""Who may edit and publish the national content, and the review it goes through."""

from django.contrib.auth.models import Group, Permission
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from learning.accounts.enums import CONTENT_REVIEWERS_GROUP, NATIONAL_TEAM_GROUP

CONTENT_WORKFLOW = "National content review"
REVIEW_TASK = "Review by a content reviewer"

# Editors draft and submit; only reviewers publish, so nothing reaches link
# workers without a second pair of eyes (draft -> review -> publish).
EDITOR_PAGE_PERMISSIONS = ("add_page", "change_page", "lock_page", "unlock_page")
REVIEWER_PAGE_PERMISSIONS = (*EDITOR_PAGE_PERMISSIONS, "publish_page")


def _page_permission(codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)


def page_permissions_grant(group: Group, page, codenames) -> None:
    """Give `group` these Wagtail page permissions on `page` and its descendants."""
    for codename in codenames:
        GroupPagePermission.objects.get_or_create(
            group=group, page=page, permission=_page_permission(codename)
        )


def editorial_workflow_ensure(home) -> Workflow:
    """Set up page permissions and the moderation workflow under `home` (idempotent)."""
    editors = Group.objects.get(name=NATIONAL_TEAM_GROUP)
    reviewers, _ = Group.objects.get_or_create(name=CONTENT_REVIEWERS_GROUP)
    reviewers.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    page_permissions_grant(editors, home, EDITOR_PAGE_PERMISSIONS)
    # Editors lost publishing when the workflow arrived: take it back if present.
    GroupPagePermission.objects.filter(
        group=editors, page=home, permission=_page_permission("publish_page")
    ).delete()
    page_permissions_grant(reviewers, home, REVIEWER_PAGE_PERMISSIONS)

    workflow, _ = Workflow.objects.get_or_create(name=CONTENT_WORKFLOW, defaults={"active": True})
    task = GroupApprovalTask.objects.filter(name=REVIEW_TASK).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=REVIEW_TASK)
        task.groups.set([reviewers])
    # Not workflow.workflow_tasks.create(): that cluster manager only saves with the workflow.
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=home, defaults={"workflow": workflow})
    return workflow
