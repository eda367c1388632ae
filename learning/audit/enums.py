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
    INDUCTION_SIGNED_OFF = "induction_signed_off", "Induction step signed off"
    INDUCTION_RETURNED = "induction_returned", "Induction step returned"
    INDUCTION_RECORD_VIEWED = "induction_record_viewed", "Viewed a person's induction"
    INDUCTION_EXPORTED = "induction_exported", "Exported induction progress"
    FORUM_POST_REPORTED = "forum_post_reported", "Reported a forum post"
    FORUM_POST_HIDDEN = "forum_post_hidden", "Hid a forum post"
    FORUM_POST_RESTORED = "forum_post_restored", "Restored a forum post"
    FORUM_REPORT_DISMISSED = "forum_report_dismissed", "Dismissed a forum report"
    FORUM_THREAD_CHANGED = "forum_thread_changed", "Locked, pinned or moved a thread"
    FORUM_MEMBER_SUSPENDED = "forum_member_suspended", "Suspended a member from a forum"
    FORUM_MEMBER_UNSUSPENDED = "forum_member_unsuspended", "Lifted a forum suspension"
