"""Members marking a reply helpful: a light signal of which answers worked."""

from django.core.exceptions import ValidationError

from .models import HelpfulMark, Post
from .permissions import active_suspension


def _markable_post(user, post_id: int) -> Post:
    post = Post.objects.select_related("thread").filter(pk=post_id).first()
    if post is None or post.hidden or post.thread.hidden:
        raise ValidationError("That post does not exist or has been hidden.")
    if post.author_id == user.pk:
        raise ValidationError("You cannot mark your own post as helpful.")
    if active_suspension(user) is not None:
        raise ValidationError("You are suspended from these forums.")
    return post


def helpful_mark(*, user, post_id: int) -> Post:
    """Idempotent: marking twice leaves one mark."""
    post = _markable_post(user, post_id)
    HelpfulMark.objects.bulk_create([HelpfulMark(post=post, user=user)], ignore_conflicts=True)
    return post


def helpful_unmark(*, user, post_id: int) -> Post:
    post = _markable_post(user, post_id)
    HelpfulMark.objects.filter(post=post, user=user).delete()
    return post
