from allauth.account.signals import user_logged_in, user_logged_out
from allauth.mfa.signals import authenticator_added
from django.contrib.auth.signals import user_login_failed
from django.dispatch import receiver

from learning.audit.enums import AuditAction
from learning.audit.services import audit_record


@receiver(user_logged_in)
def audit_sign_in(sender, request, user, **kwargs):
    audit_record(action=AuditAction.SIGN_IN, actor=user, subject=user.email, request=request)


@receiver(user_logged_out)
def audit_sign_out(sender, request, user, **kwargs):
    if user is not None:
        audit_record(action=AuditAction.SIGN_OUT, actor=user, subject=user.email, request=request)


@receiver(user_login_failed)
def audit_failed_sign_in(sender, credentials, request=None, **kwargs):
    # Django has already masked the password in credentials.
    attempted = str(credentials.get("email") or credentials.get("username") or "")[:254]
    audit_record(
        action=AuditAction.SIGN_IN_FAILED, actor_email=attempted, subject=attempted, request=request
    )


@receiver(authenticator_added)
def remember_enrolment(sender, request, user, authenticator, **kwargs):
    # Setting up the app proves a code from it (after re-entering the password),
    # so this session counts as having used its second factor.
    from .middleware import MFA_ENROLLED_THIS_SESSION

    if request is not None:
        request.session[MFA_ENROLLED_THIS_SESSION] = True
