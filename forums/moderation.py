"""Moderation of a region's forums by its learning coordinators (and the national team).

Every action is checked here (not only in views), row-locked where two moderators
could act at once, and written to the audit log with the region's schema."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from learning.accounts.access_version import access_changed
from learning.accounts.selectors import region_coordinators
from learning.audit.enums import AuditAction
from learning.audit.services import audit_record
from learning.mail.services import outbox_enqueue
from learning.regions.selectors import region_url

from .enums import SUSPENSION_DAYS, ReportOutcome
from .models import (
    REPORT_REASON_MAX_LENGTH,
    Category,
    Post,
    Report,
    ReportReason,
    Suspension,
    Thread,
)
from .permissions import user_moderates


def _reason(text: str, *, what: str, field: str = "reason", required: bool = True) -> str:
    text = text.replace("\x00", "").strip()
    if required and not text:
        raise ValidationError({field: f"Say why you are {what}."})
    if len(text) > REPORT_REASON_MAX_LENGTH:
        raise ValidationError(
            {field: f"Keep the reason to {REPORT_REASON_MAX_LENGTH:,} characters."}
        )
    return text


def _require_moderator(user) -> None:
    if not user_moderates(user, connection.tenant):
        raise PermissionDenied("Only this region's learning coordinators moderate its forums.")


def _audit(action, *, actor, subject: str, request=None, **details) -> None:
    audit_record(action=action, actor=actor, subject=subject, request=request, details=details)


@transaction.atomic
def post_report(*, reporter, post_id: int, reason: str, note: str = "", request=None) -> Report:
    """A member reports a post, choosing a reason (a note is needed for "other").
    A safeguarding concern is emailed to every coordinator of the region at once
    (after commit, through the outbox)."""
    post = Post.objects.select_related("thread").filter(pk=post_id, hidden=False).first()
    if post is None:
        raise ValidationError("That post does not exist or has already been hidden.")
    if reason not in ReportReason.values:
        raise ValidationError({"reason": "Choose why you are reporting this post."})
    note = _reason(
        note, what="reporting this post", field="note", required=reason == ReportReason.OTHER
    )
    safeguarding = reason == ReportReason.SAFEGUARDING
    try:
        with transaction.atomic():
            report = Report.objects.create(
                post=post, reporter=reporter, reason=reason, note=note, safeguarding=safeguarding
            )
    except IntegrityError:
        raise ValidationError("You have already reported this post.") from None
    _audit(
        AuditAction.FORUM_POST_REPORTED,
        actor=reporter,
        subject=f"post {post.pk} in “{post.thread.title}”",
        request=request,
        safeguarding=safeguarding,
        reason=reason,
    )
    if safeguarding:
        _email_safeguarding_concern(report, thread_title=post.thread.title)
    return report


def _email_safeguarding_concern(report: Report, *, thread_title: str) -> None:
    region = connection.tenant
    link = region_url(region.slug) + reverse("forums:moderation", urlconf=settings.ROOT_URLCONF)
    for coordinator in region_coordinators(region):
        outbox_enqueue(
            key=f"forum-safeguarding-{connection.schema_name}-{report.pk}-{coordinator.pk}",
            to=coordinator.email,
            template="forum_safeguarding_report",
            context={
                "recipient": coordinator,
                "region": region,
                "report": report,
                "thread_title": thread_title,
                "link": link,
            },
        )


def _resolve_reports(post: Post, *, moderator, outcome: str) -> int:
    return Report.objects.filter(post=post, resolved_at__isnull=True).update(
        resolved_at=timezone.now(), resolved_by=moderator, outcome=outcome
    )


@transaction.atomic
def post_set_hidden(
    *, moderator, post_id: int, hidden: bool, reason: str = "", request=None
) -> Post:
    """Hide a post (closing its open reports) or show it again. Hiding needs a
    reason: members see a placeholder, and its author sees and is emailed the reason."""
    _require_moderator(moderator)
    post = (
        Post.objects.select_for_update(of=("self",))
        .select_related("thread", "author")
        .filter(pk=post_id)
        .first()
    )
    if post is None:
        raise ValidationError("That post does not exist.")
    newly_hidden = hidden and not post.hidden
    if newly_hidden:
        post.hidden_reason = _reason(reason, what="hiding this post")
        post.hidden, post.hidden_at, post.hidden_by = True, timezone.now(), moderator
    elif not hidden and post.hidden:
        # Shown again: no stale reason lingers (the audit log keeps the history).
        post.hidden, post.hidden_reason, post.hidden_at, post.hidden_by = False, "", None, None
    post.save(update_fields=["hidden", "hidden_reason", "hidden_at", "hidden_by"])
    if hidden:
        _resolve_reports(post, moderator=moderator, outcome=ReportOutcome.HIDDEN)
    _audit(
        AuditAction.FORUM_POST_HIDDEN if hidden else AuditAction.FORUM_POST_RESTORED,
        actor=moderator,
        subject=f"post {post.pk}",
        request=request,
    )
    if newly_hidden and post.author_id != moderator.pk:
        _email_post_hidden(post)
    return post


def _email_post_hidden(post: Post) -> None:
    """Tell the author, kindly: which thread, the reason, and whom to talk to."""
    region = connection.tenant
    path = reverse("forums:thread", args=[post.thread_id], urlconf=settings.ROOT_URLCONF)
    outbox_enqueue(
        key=f"forum-post-hidden-{connection.schema_name}-{post.pk}-{post.hidden_at:%Y%m%d%H%M%S%f}",
        to=post.author.email,
        template="forum_post_hidden",
        context={
            "member": post.author,
            "region": region,
            "thread_title": post.thread.title,
            "reason": post.hidden_reason,
            "link": f"{region_url(region.slug)}{path}?post={post.pk}",
            "coordinators": list(region_coordinators(region)),
        },
    )


@transaction.atomic
def report_dismiss(*, moderator, post_id: int, request=None) -> int:
    """The post stays: every open report of it is closed as dismissed."""
    _require_moderator(moderator)
    post = Post.objects.filter(pk=post_id).first()
    if post is None:
        raise ValidationError("That post does not exist.")
    closed = _resolve_reports(post, moderator=moderator, outcome=ReportOutcome.DISMISSED)
    _audit(
        AuditAction.FORUM_REPORT_DISMISSED,
        actor=moderator,
        subject=f"post {post.pk}",
        request=request,
        reports=closed,
    )
    return closed


@transaction.atomic
def thread_update(
    *,
    moderator,
    thread_id: int,
    locked=None,
    pinned=None,
    hidden=None,
    category_slug=None,
    request=None,
) -> Thread:
    """Lock or unlock, pin or unpin, hide or restore, or move a thread to another category."""
    _require_moderator(moderator)
    thread = Thread.objects.select_for_update().filter(pk=thread_id).first()
    if thread is None:
        raise ValidationError("That thread does not exist.")
    changes = {}
    if locked is not None:
        thread.locked = changes["locked"] = bool(locked)
    if pinned is not None:
        thread.pinned = changes["pinned"] = bool(pinned)
    if hidden is not None:
        thread.hidden = changes["hidden"] = bool(hidden)
    if category_slug is not None:
        category = Category.objects.filter(slug=category_slug).first()
        if category is None:
            raise ValidationError({"category": "Choose a category of this region's forums."})
        thread.category = category
        changes["category"] = category.slug
    thread.save()
    _audit(
        AuditAction.FORUM_THREAD_CHANGED,
        actor=moderator,
        subject=f"thread {thread.pk} “{thread.title}”",
        request=request,
        **changes,
    )
    return thread


@transaction.atomic
def member_suspend(*, moderator, member, days: int, reason: str, request=None) -> Suspension:
    """Keep a member from posting in this region's forums for `days` days."""
    _require_moderator(moderator)
    if days not in dict(SUSPENSION_DAYS):
        raise ValidationError({"days": "Choose how long the suspension lasts."})
    if member.pk == moderator.pk:
        raise ValidationError("You cannot suspend yourself.")
    if user_moderates(member, connection.tenant):
        raise ValidationError("Moderators of this region cannot be suspended from it.")
    reason = _reason(reason, what="suspending this member")
    suspension = Suspension.objects.create(
        user=member,
        until=timezone.now() + timedelta(days=days),
        reason=reason,
        created_by=moderator,
    )
    _audit(
        AuditAction.FORUM_MEMBER_SUSPENDED,
        actor=moderator,
        subject=member.email,
        request=request,
        days=days,
    )
    outbox_enqueue(
        key=f"forum-suspended-{connection.schema_name}-{suspension.pk}",
        to=member.email,
        template="forum_suspended",
        context={
            "member": member,
            "region": connection.tenant,
            "suspension": suspension,
            "service_url": settings.HUB_URL,
        },
    )
    access_changed(member.pk)  # their open sockets check again, after commit
    return suspension


@transaction.atomic
def member_unsuspend(*, moderator, member, request=None) -> int:
    _require_moderator(moderator)
    lifted = Suspension.objects.filter(
        user=member, lifted_at__isnull=True, until__gt=timezone.now()
    ).update(lifted_at=timezone.now())
    _audit(
        AuditAction.FORUM_MEMBER_UNSUSPENDED, actor=moderator, subject=member.email, request=request
    )
    access_changed(member.pk)  # their open sockets check again, after commit
    return lifted
