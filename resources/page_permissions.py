"""What a CCG's leads may do in the admin with their CCG's area page.

Wagtail page permissions apply to the page they are granted on and everything under
it. The publishers group's rights are granted on the area so that its leads can add,
edit and publish the resources inside; they are not meant to let a lead rename, move,
copy, unpublish or delete the area itself, which belongs to the resource tree the
national team keeps (and whose title follows the CCG's name). So on the area page
itself only rights granted higher up the tree count (the national team's, on the home
page); rights granted on the area count for what is inside it.
"""

from wagtail.models import PagePermissionTester


class AreaPagePermissionTester(PagePermissionTester):
    def __init__(self, user, page):
        super().__init__(user, page)
        # The area as a container: adding, publishing and ordering its resources.
        self.inside = getattr(self, "permissions", set())
        # The area as a page: only rights from above it.
        self.itself = PagePermissionTester(user, page)
        if user.is_active and not user.is_superuser:
            self.itself.permissions = {
                perm.permission.codename.rsplit("_", maxsplit=1)[0]
                for perm in self.permission_policy.get_cached_permissions_for_user(user)
                if page.path.startswith(perm.page.path) and perm.page.depth < page.depth
            }

    def can_edit(self):
        return self.itself.can_edit()

    def can_delete(self, ignore_bulk=False):
        return self.itself.can_delete(ignore_bulk=ignore_bulk)

    def can_move(self):
        return self.itself.can_move()

    def can_copy(self):
        return self.itself.can_copy()

    def can_unpublish(self):
        return self.itself.can_unpublish()

    def can_publish(self):
        return self.itself.can_publish()

    def can_unschedule(self):
        return self.itself.can_unschedule()

    def can_set_view_restrictions(self):
        return self.itself.can_set_view_restrictions()

    def can_lock(self):
        return self.itself.can_lock()

    def can_unlock(self):
        return self.itself.can_unlock()

    def can_submit_for_moderation(self):
        return self.can_edit() and self.itself.can_submit_for_moderation()
