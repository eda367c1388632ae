"""Writes about people: join requests, roles, invitations. Every one is audited."""

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from learning.audit.enums import AuditAction
from learning.audit.services import audit_record
from learning.mail.services import outbox_enqueue
from learning.regions.models import Region

from .enums import NATIONAL_TEAM_GROUP, ROLE_GROUPS, JoinRequestStatus, Role
from .models import CCG, PCN, JoinRequest, User
from .selectors import join_requests_for, region_coordinators
from .tokens import invitation_token

# Permissions each role's group carries, as "app_label.codename".
GROUP_PERMISSIONS = {
    NATIONAL_TEAM_GROUP: [
        "wagtailadmin.access_admin",
        "accounts.add_ccg", "accounts.change_ccg", "accounts.delete_ccg", "accounts.view_ccg",
        "accounts.add_pcn", "accounts.change_pcn", "accounts.delete_pcn", "accounts.view_pcn",
        "audit.view_auditevent",
    ],
}  # fmt: skip


def roles_ensure_groups() -> None:
    """Create each role's group with its permissions (idempotent)."""
    for group_name in set(ROLE_GROUPS.values()):
        group, _ = Group.objects.get_or_create(name=group_name)
        for dotted in GROUP_PERMISSIONS.get(group_name, []):
            app_label, codename = dotted.split(".")
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )


def _validate_organisation(*, role: str, region: Region | None, pcn: PCN | None, ccg: CCG | None):
    if role == Role.LINK_WORKER:
        if pcn is None:
            raise ValidationError({"pcn": "Choose the primary care network that employs you."})
        if region is not None and pcn.ccg.region_id != region.pk:
            raise ValidationError({"pcn": f"{pcn} is not in {region}."})
    elif role == Role.CCG_LEAD:
        if ccg is None:
            raise ValidationError({"ccg": "Choose the CCG you lead social prescribing for."})
        if region is not None and ccg.region_id != region.pk:
            raise ValidationError({"ccg": f"{ccg} is not in {region}."})


def user_assign_role(user: User, *, role: str, pcn, ccg, regions) -> None:
    user.role = role
    user.pcn = pcn if role == Role.LINK_WORKER else None
    user.ccg = ccg if role == Role.CCG_LEAD else None
    user.is_staff = role == Role.NATIONAL
    # Only the national team may keep Django's all-permissions flag.
    user.is_superuser = user.is_superuser and role == Role.NATIONAL
    user.save()
    user.coordinated_regions.set(list(regions) if role == Role.COORDINATOR else [])
    role_groups = Group.objects.filter(name__in=set(ROLE_GROUPS.values()))
    user.groups.remove(*role_groups)
    if role in ROLE_GROUPS:
        user.groups.add(Group.objects.get(name=ROLE_GROUPS[role]))


@transaction.atomic
def user_set_role(
    *, user: User, role: str, changed_by: User, pcn=None, ccg=None, regions=(), request=None
) -> User:
    _validate_organisation(role=role, region=None, pcn=pcn, ccg=ccg)
    if role == Role.COORDINATOR and not regions:
        raise ValidationError({"regions": "Choose at least one region this coordinator runs."})
    before = {
        "role": user.role,
        "organisation": str(user.pcn or user.ccg or ""),
        "regions": sorted(user.coordinated_regions.values_list("slug", flat=True)),
    }
    user_assign_role(user, role=role, pcn=pcn, ccg=ccg, regions=regions)
    after = {
        "role": role,
        "organisation": str(user.pcn or user.ccg or ""),
        "regions": sorted(r.slug for r in regions) if role == Role.COORDINATOR else [],
    }
    if before != after:
        audit_record(
            action=AuditAction.ROLE_CHANGED,
            actor=changed_by,
            subject=user.email,
            request=request,
            details={"before": before, "after": after},
        )
    return user


def _notify_deciders(join_request: JoinRequest) -> None:
    from learning.regions.selectors import region_url

    # On the region's own host, where its coordinators work.
    link = region_url(join_request.region.slug) + reverse(
        "accounts:join_request_detail", args=[join_request.pk]
    )
    for coordinator in region_coordinators(join_request.region):
        outbox_enqueue(
            key=f"join-request-{join_request.pk}-to-{coordinator.pk}",
            to=coordinator.email,
            template="join_request_received",
            context={"join_request": join_request, "recipient": coordinator, "link": link},
        )


@transaction.atomic
def join_request_submit(
    *, full_name: str, email: str, role: str, region: Region, pcn=None, ccg=None, reason: str,
    request=None,
) -> JoinRequest | None:  # fmt: skip
    email = email.strip().lower()
    if region.is_hub:
        raise ValidationError({"region": "Choose the region you work in."})
    if role not in (Role.LINK_WORKER, Role.CCG_LEAD, Role.COORDINATOR):
        raise ValidationError({"role": "Choose a role from the list."})
    _validate_organisation(role=role, region=region, pcn=pcn, ccg=ccg)
    # Whether an address has an account or a waiting request is never shown on
    # the page (that would tell anyone who is a member); the address is told.
    today = timezone.localdate().isoformat()
    if User.objects.filter(email__iexact=email).exists():
        outbox_enqueue(
            key=f"join-already-member-{email}-{today}", to=email,
            template="join_already_member", context={"full_name": full_name},
        )  # fmt: skip
        return None
    if JoinRequest.objects.filter(email__iexact=email, status=JoinRequestStatus.PENDING).exists():
        outbox_enqueue(
            key=f"join-already-waiting-{email}-{today}", to=email,
            template="join_already_waiting", context={"full_name": full_name},
        )  # fmt: skip
        return None
    join_request = JoinRequest.objects.create(
        full_name=full_name.strip(),
        email=email,
        role=role,
        region=region,
        pcn=pcn if role == Role.LINK_WORKER else None,
        ccg=ccg if role == Role.CCG_LEAD else None,
        reason=reason.strip(),
    )
    audit_record(
        action=AuditAction.JOIN_REQUESTED,
        actor_email=email,
        subject=f"{join_request.full_name} <{email}>",
        request=request,
        details={"role": role, "region": region.slug},
    )
    _notify_deciders(join_request)
    return join_request


def _lock_pending(join_request: JoinRequest, decided_by: User) -> JoinRequest:
    locked = (
        JoinRequest.objects.select_for_update().select_related("region").get(pk=join_request.pk)
    )
    if locked.status != JoinRequestStatus.PENDING:
        raise ValidationError("This request has already been decided.")
    if not join_requests_for(decided_by).filter(pk=locked.pk).exists():
        raise PermissionDenied("You cannot decide this join request.")
    return locked


def invitation_link(user: User) -> str:
    from django.conf import settings

    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return settings.HUB_URL + reverse(
        "accounts:welcome", kwargs={"uidb64": uid, "token": invitation_token.make_token(user)}
    )


@transaction.atomic
def join_request_approve(*, join_request: JoinRequest, decided_by: User, request=None) -> User:
    join_request = _lock_pending(join_request, decided_by)
    if User.objects.filter(email__iexact=join_request.email).exists():
        raise ValidationError("Someone with this email already has an account.")
    try:
        with transaction.atomic():
            user = User.objects.create_user(
                email=join_request.email, password=None, full_name=join_request.full_name
            )
    except IntegrityError as error:  # the same address signed up a moment ago
        raise ValidationError("Someone with this email already has an account.") from error
    user_assign_role(
        user,
        role=join_request.role,
        pcn=join_request.pcn,
        ccg=join_request.ccg,
        regions=[join_request.region],
    )
    # They prove the address by following the invitation sent to it.
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
    join_request.status = JoinRequestStatus.APPROVED
    join_request.decided_at = timezone.now()
    join_request.decided_by = decided_by
    join_request.user = user
    join_request.save()
    audit_record(
        action=AuditAction.JOIN_APPROVED,
        actor=decided_by,
        subject=f"{user.full_name} <{user.email}>",
        request=request,
        details={
            "join_request": join_request.pk,
            "role": user.role,
            "region": join_request.region.slug,
        },
    )
    outbox_enqueue(
        key=f"join-approved-{join_request.pk}",
        to=user.email,
        template="join_approved",
        context={"user": user, "join_request": join_request, "link": invitation_link(user)},
    )
    return user


@transaction.atomic
def join_request_decline(
    *, join_request: JoinRequest, decided_by: User, reason: str, request=None
) -> JoinRequest:
    reason = reason.strip()
    if not reason:
        raise ValidationError({"decline_reason": "Say why, so the person knows what to do next."})
    join_request = _lock_pending(join_request, decided_by)
    join_request.status = JoinRequestStatus.DECLINED
    join_request.decided_at = timezone.now()
    join_request.decided_by = decided_by
    join_request.decline_reason = reason
    join_request.save()
    audit_record(
        action=AuditAction.JOIN_DECLINED,
        actor=decided_by,
        subject=f"{join_request.full_name} <{join_request.email}>",
        request=request,
        details={"join_request": join_request.pk, "reason": reason},
    )
    outbox_enqueue(
        key=f"join-declined-{join_request.pk}",
        to=join_request.email,
        template="join_declined",
        context={"join_request": join_request},
    )
    return join_request


@transaction.atomic
def user_set_first_password(*, user: User, password: str, request=None) -> User:
    user.set_password(password)
    user.save(update_fields=["password"])
    audit_record(action=AuditAction.PASSWORD_SET, actor=user, subject=user.email, request=request)
    return user
