import re

from django.core.exceptions import ValidationError

from learning.regions.consumers import CLOSE_FORBIDDEN, RegionConsumer

from .permissions import active_suspension
from .selectors import category_list, posts_after
from .services import post_reply, posting_rate_limited

# Groups a client may follow (forum threads arrive with the forums work).
FOLLOWABLE = re.compile(r"forums|thread\.[0-9]+")


def _categories():
    return [{"slug": c.slug, "name": c.name} for c in category_list()]


class ForumIndexConsumer(RegionConsumer):
    """Live updates for the region's forum index. Clients may also ask to
    follow the groups FOLLOWABLE allows (RegionConsumer handles `follow`)."""

    async def connect(self):
        await self.accept()
        await self.join_group(self.group("forums"))
        # The member's own group, for their unread count (forums.notifications): only
        # ever their own id. The server chose it, so it is kept out of joined_groups,
        # which is the client's budget of MAX_GROUPS follows.
        self.own_group = self.group(f"user.{self.scope['user'].pk}")
        await self.channel_layer.group_add(self.own_group, self.channel_name)
        await self.send_json(
            {"type": "categories", "categories": await self.in_region(_categories)}
        )

    async def disconnect(self, code):
        if own_group := getattr(self, "own_group", None):
            await self.channel_layer.group_discard(own_group, self.channel_name)
        await super().disconnect(code)

    def refusal_in_region(self, user) -> int | None:
        """A member suspended from these forums is closed out too, on their next message
        or event: forums.moderation bumps their access version when it suspends them."""
        return CLOSE_FORBIDDEN if active_suspension(user) is not None else None

    def may_follow(self, name: str) -> bool:
        return FOLLOWABLE.fullmatch(name) is not None

    async def forum_event(self, event):
        await self.send_json(event["payload"])

    async def receive_json(self, content, **kwargs):
        if content.get("type") == "reply":
            await self.reply(content)
        elif content.get("type") == "backfill":
            await self.backfill(content)
        else:
            await super().receive_json(content, **kwargs)

    async def reply(self, content):
        """Post a reply over the socket: the same service, limit and sanitising as the
        form. The post itself arrives like anyone's, through the thread's group."""
        thread, body = content.get("thread"), content.get("body")
        if not isinstance(thread, int) or thread < 1 or not isinstance(body, str):
            await self.send_error("Send 'thread' as a whole number and 'body' as text.")
            return
        user = self.scope["user"]

        def post():
            if posting_rate_limited(user):
                return None, "You are posting too quickly: wait a minute, then try again."
            try:
                return post_reply(author=user, thread_id=thread, body=body), None
            except ValidationError as error:
                return None, " ".join(error.messages)

        posted, error = await self.in_region(post)
        if error:
            await self.send_error(error)
        else:
            await self.send_json({"type": "posted", "thread": thread, "post": posted.pk})

    async def backfill(self, content):
        """The posts of a thread after the last one the page has, so a page that
        reconnects fills its gap from the database (live delivery is at most once)."""
        thread, after = content.get("thread"), content.get("after", 0)
        if not (isinstance(thread, int) and isinstance(after, int)) or thread < 1 or after < 0:
            await self.send_error("'thread' and 'after' must be whole numbers.")
            return
        posts = await self.in_region(posts_after, thread_id=thread, after_id=after)
        await self.send_json({"type": "backfill", "thread": thread, "posts": posts})
