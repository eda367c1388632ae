from learning.regions.consumers import ForeignGroupError, RegionConsumer

from .selectors import category_list


def _categories():
    return [{"slug": c.slug, "name": c.name} for c in category_list()]


class ForumIndexConsumer(RegionConsumer):
    """Live updates for the region's forum index. Clients may also ask to
    follow a named group of this region (e.g. a thread, in the forums work)."""

    async def connect(self):
        await self.accept()
        await self.join_group(self.group("forums"))
        await self.send_json(
            {"type": "categories", "categories": await self.in_region(_categories)}
        )

    async def receive_json(self, content, **kwargs):
        if content.get("type") == "follow":
            try:
                await self.join_group(str(content.get("group", "")))
            except ForeignGroupError as error:
                await self.send_json({"type": "error", "error": str(error)})
                return
            await self.send_json({"type": "following", "group": content["group"]})

    async def forum_event(self, event):
        await self.send_json(event["payload"])
