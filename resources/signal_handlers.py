"""Keep the resource tree and publishing rights in step with the directory."""

from django.db.models.signals import post_save
from wagtail.signals import post_page_move

# Saving a person with only these fields (signing in) cannot change their rights.
_RIGHTS_FIELDS = {"role", "ccg", "ccg_id", "is_active"}


def ccg_saved(sender, instance, created, **kwargs):
    from .models import AreaResourcesPage
    from .services import area_ensure

    # A CCG's area is made with its first lead (or by resource_tree_ensure), so making
    # a CCG costs nothing here; a renamed one renames its area and group.
    if (
        not (created or kwargs.get("raw"))
        and AreaResourcesPage.objects.filter(ccg=instance).exists()
    ):
        area_ensure(instance)


def user_saved(sender, instance, update_fields=None, **kwargs):
    from .services import publishers_sync

    if kwargs.get("raw"):
        return
    if update_fields is not None and not (_RIGHTS_FIELDS & set(update_fields)):
        return
    publishers_sync(instance)


def resource_moved(sender, instance, parent_page_after, **kwargs):
    # A resource moved to another CCG's area belongs to that CCG from now on.
    from .models import AreaResourcesPage, ResourcePage

    area = AreaResourcesPage.objects.filter(pk=parent_page_after.pk).select_related("ccg").first()
    if area is not None:
        ResourcePage.objects.filter(pk=instance.pk).update(
            region=area.ccg.region_id, ccg=area.ccg_id
        )


def editorial_set_up(sender, home, **kwargs):
    """`manage.py setup_editorial`: every region's library and each CCG's area."""
    from .services import resource_tree_ensure

    resource_tree_ensure(home)


def connect():
    from learning.accounts.models import CCG, User
    from learning.home.signals import editorial_setup

    from .models import ResourcePage

    post_save.connect(ccg_saved, sender=CCG, dispatch_uid="resources.ccg_saved")
    post_save.connect(user_saved, sender=User, dispatch_uid="resources.user_saved")
    post_page_move.connect(resource_moved, sender=ResourcePage, dispatch_uid="resources.moved")
    editorial_setup.connect(editorial_set_up, dispatch_uid="resources.editorial_set_up")
