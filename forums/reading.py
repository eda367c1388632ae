"""How far each member has read each thread (what shows as new to them)."""

from .models import ThreadRead


def thread_mark_read(*, user, thread_id: int, up_to_post_id: int) -> None:
    """Move the member's read marker forward to `up_to_post_id`; never back, so an
    old page opened in another tab does not make newer posts unread again."""
    moved = ThreadRead.objects.filter(
        user=user, thread_id=thread_id, last_read_post_id__lt=up_to_post_id
    ).update(last_read_post_id=up_to_post_id)
    if not moved:
        # No marker yet (or already further on): create one, leaving a newer one alone.
        ThreadRead.objects.bulk_create(
            [ThreadRead(user=user, thread_id=thread_id, last_read_post_id=up_to_post_id)],
            ignore_conflicts=True,
        )
