from django.db import models


class Role(models.TextChoices):
    LINK_WORKER = "link_worker", "Link worker"
    COORDINATOR = "coordinator", "Learning coordinator"
    CCG_LEAD = "ccg_lead", "CCG social prescribing lead"
    NATIONAL = "national", "National team"


# Roles a person may ask for when joining; national team members are appointed.
JOINABLE_ROLES = [Role.LINK_WORKER, Role.CCG_LEAD, Role.COORDINATOR]


class JoinRequestStatus(models.TextChoices):
    PENDING = "pending", "Waiting for a decision"
    APPROVED = "approved", "Approved"
    DECLINED = "declined", "Declined"


# Django groups that carry each role's permissions (Wagtail admin access, directory edits).
NATIONAL_TEAM_GROUP = "National team"
COORDINATORS_GROUP = "Learning coordinators"
CCG_LEADS_GROUP = "CCG leads"
ROLE_GROUPS = {
    Role.NATIONAL: NATIONAL_TEAM_GROUP,
    Role.COORDINATOR: COORDINATORS_GROUP,
    Role.CCG_LEAD: CCG_LEADS_GROUP,
}
# Not a role: national team members who approve content for publishing.
CONTENT_REVIEWERS_GROUP = "Content reviewers"
