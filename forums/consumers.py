import re

from learning.regions.consumers import RegionConsumer

from .selectors import category_list

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
        await self.send_json(
            {"type": "categories", "categories": await self.in_region(_categories)}
        )

    def may_follow(self, name: str) -> bool:
        return FOLLOWABLE.fullmatch(name) is not None

    async def forum_event(self, event):
        await self.send_json(event["payload"])
