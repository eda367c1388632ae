from importlib import import_module

from allauth.account.signals import user_logged_in, user_logged_out
from allauth.mfa.signals import authenticator_added
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.signals import user_login_failed
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from learning.audit.enums import AuditAction
from learning.audit.services import audit_record

from .access_version import access_changed, access_changed_for_everyone
from .models import CCG, PCN, User


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


# --- Open WebSockets re-check access when something that can end it changes -------------
# (learning.accounts.access_version; learning.regions.consumers reads it.)

# Fields of User that decide whether a socket may stay open: active, role, password and
# session version (their hash signs the session in), and the organisation that gives
# the region.
_ACCESS_FIELDS = frozenset({"is_active", "role", "password", "session_version", "pcn", "ccg"})


@receiver(post_save, sender=User)
def access_after_user_saved(sender, instance, created, update_fields=None, **kwargs):
    if created or (update_fields is not None and not _ACCESS_FIELDS & set(update_fields)):
        return  # a new person has no sockets; a sign-in's last_login changes nothing
    access_changed(instance.pk)


@receiver(post_delete, sender=User)
def access_after_user_deleted(sender, instance, **kwargs):
    access_changed(instance.pk)


@receiver(m2m_changed, sender=User.coordinated_regions.through)
def access_after_coordinated_regions_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if not reverse:
        access_changed(instance.pk)
    elif pk_set:  # region.coordinators.add/remove(...)
        access_changed(*pk_set)
    else:  # region.coordinators.clear(): who they were is gone
        access_changed_for_everyone()


@receiver(user_logged_out)  # Django's own signal (allauth re-exports it)
def access_after_sign_out(sender, request, user, **kwargs):
    # Django sends this before it deletes the session; session_deleted below bumps
    # again once the row is gone, so a socket cannot check in between and keep the
    # new version with the session still there.
    if user is not None:
        access_changed(user.pk)


def access_after_session_deleted(sender, instance, **kwargs):
    """Any deletion of a live session ends the sockets it signed in: sign-out, the
    admin, a key cycled at sign-in or by a password change."""
    if instance.expire_date <= timezone.now():
        return  # expired already: sockets stop at its time limit (and clearsessions stays cheap)
    user_id = instance.get_decoded().get(SESSION_KEY)
    if user_id is not None:
        access_changed(user_id)


_session_model = getattr(
    import_module(settings.SESSION_ENGINE).SessionStore, "get_model_class", lambda: None
)()
if _session_model is not None:  # a database-backed session engine
    post_delete.connect(access_after_session_deleted, sender=_session_model)


@receiver(post_save, sender=PCN)
@receiver(post_delete, sender=PCN)
@receiver(post_save, sender=CCG)
@receiver(post_delete, sender=CCG)
def access_after_organisation_changed(sender, instance, created=False, **kwargs):
    # A PCN moving to another CCG, or a CCG to another region, moves every link
    # worker and lead in it: rare, so everyone's sockets check once.
    if not created:
        access_changed_for_everyone()
