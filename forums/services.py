import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from learning import ratelimit

from .broadcast import broadcast_after_commit
from .enums import DEFAULT_CATEGORIES
from .markdown import render_markdown
from .models import (
    EDIT_WINDOW,
    POST_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    Category,
    Post,
    PostRevision,
    Thread,
)
from .notifications import notify_about_post
from .selectors import post_payload
from .text import INVISIBLE_BODY, INVISIBLE_TITLE, has_visible_text, html_to_text


def categories_seed_defaults() -> int:
    """Create the default categories in the current region's schema (idempotent)."""
    created = 0
    for position, (slug, name, description) in enumerate(DEFAULT_CATEGORIES):
        _, was_created = Category.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description, "position": position}
        )
        created += was_created
    return created


# Posting (threads, replies and edits aside) per member, over HTTP and WebSocket alike.
POST_LIMIT, POST_PERIOD_SECONDS = 10, 60
POST_LIMIT_ACTION = "forum-post"


def posting_rate_limited(user) -> bool:
    """Counts this attempt; True once the member has posted POST_LIMIT times this minute."""
    return ratelimit.hit(
        action=POST_LIMIT_ACTION,
        key=str(user.pk),
        limit=POST_LIMIT,
        period_seconds=POST_PERIOD_SECONDS,
    )


LEADING_BLANK_LINES = re.compile(r"\A(?:[ \t]*\r?\n)+")


def _check_not_suspended(author) -> None:
    from .permissions import active_suspension

    suspension = active_suspension(author)
    if suspension is not None:
        raise ValidationError(
            f"You are suspended from these forums until {suspension.until:%-d %B %Y}."
        )


def _clean_body(body: str) -> tuple[str, str]:
    # Keep the first line's indent (an indented code block); drop blank lines around.
    body = LEADING_BLANK_LINES.sub("", body.replace("\x00", "")).rstrip()
    if not body.strip():
        raise ValidationError({"body": "Write your message."})
    if len(body) > POST_MAX_LENGTH:
        raise ValidationError({"body": f"Keep your message to {POST_MAX_LENGTH:,} characters."})
    # Checked as rendered too: `**\u200b**` or `<b></b>` is visible Markdown that shows nothing.
    html = render_markdown(body)
    if not has_visible_text(html_to_text(html)):
        raise ValidationError({"body": INVISIBLE_BODY})
    return body, html


@transaction.atomic
def thread_start(*, author, category: Category, title: str, body: str) -> Thread:
    _check_not_suspended(author)
    title = " ".join(title.replace("\x00", "").split())
    if not title:
        raise ValidationError({"title": "Give your thread a title."})
    if not has_visible_text(title):
        raise ValidationError({"title": INVISIBLE_TITLE})
    if len(title) > TITLE_MAX_LENGTH:
        raise ValidationError({"title": f"Keep the title to {TITLE_MAX_LENGTH} characters."})
    body, html = _clean_body(body)
    now = timezone.now()
    thread = Thread.objects.create(
        category=category, title=title, author=author, last_post_at=now, post_count=1
    )
    post = Post.objects.create(thread=thread, author=author, body=body, body_html=html)
    broadcast_after_commit(
        "forums",
        {
            "type": "thread",
            "category": category.slug,
            "thread": thread.pk,
            "title": thread.title,
            "author": author.full_name or "A member",
        },
    )
    notify_about_post(post, new_thread=True)
    return thread


@transaction.atomic
def post_reply(*, author, thread_id: int, body: str) -> Post:
    """Reply to a thread; the thread row is locked so counts and `locked` are read true."""
    _check_not_suspended(author)
    thread = Thread.objects.select_for_update().filter(pk=thread_id).first()
    if thread is None or thread.hidden:
        raise ValidationError("That thread does not exist or has been hidden.")
    if thread.locked:
        raise ValidationError("This thread is locked: no new replies can be added.")
    body, html = _clean_body(body)
    post = Post.objects.create(thread=thread, author=author, body=body, body_html=html)
    Thread.objects.filter(pk=thread.pk).update(
        post_count=F("post_count") + 1, last_post_at=post.created_at
    )
    broadcast_after_commit(f"thread.{thread.pk}", post_payload(post))
    notify_about_post(post, new_thread=False)
    return post


@transaction.atomic
def post_edit(*, author, post_id: int, body: str) -> Post:
    """The author corrects their own post within EDIT_WINDOW; the old text is kept."""
    _check_not_suspended(author)
    post = Post.objects.select_for_update().select_related("thread").filter(pk=post_id).first()
    if post is None or post.hidden:
        raise ValidationError("That post does not exist or has been hidden.")
    if post.author_id != author.pk:
        raise PermissionDenied("You can only edit your own posts.")
    if post.thread.hidden:
        raise ValidationError("That post does not exist or has been hidden.")
    if post.thread.locked:
        raise ValidationError("This thread is locked: its posts cannot be changed.")
    if timezone.now() > post.editable_until():
        raise ValidationError(
            f"You can edit a post for {EDIT_WINDOW.seconds // 60} minutes after posting."
        )
    body, html = _clean_body(body)
    if body == post.body:
        return post
    PostRevision.objects.create(post=post, body=post.body, body_html=post.body_html)
    post.body, post.body_html, post.edited_at = body, html, timezone.now()
    post.save(update_fields=["body", "body_html", "edited_at"])
    broadcast_after_commit(
        f"thread.{post.thread_id}", {**post_payload(post), "type": "post_edited"}
    )
    return post
