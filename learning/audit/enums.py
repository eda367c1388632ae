from django.db import models


class AuditAction(models.TextChoices):
    SIGN_IN = "sign_in", "Signed in"
    SIGN_IN_FAILED = "sign_in_failed", "Failed sign-in"
    SIGN_OUT = "sign_out", "Signed out"
    ROLE_CHANGED = "role_changed", "Role changed"
    JOIN_REQUESTED = "join_requested", "Asked to join"
    JOIN_APPROVED = "join_approved", "Join request approved"
    JOIN_DECLINED = "join_declined", "Join request declined"
    PASSWORD_SET = "password_set", "Set a password from an invitation"
