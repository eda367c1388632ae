"""Writes for local resources: the page tree and publishing rights, corrections,
review reminders."""

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    GroupCollectionPermission,
)

from learning.accounts.enums import Role
from learning.accounts.models import CCG
from learning.home.services import page_permissions_grant
from learning.mail.services import outbox_enqueue
from learning.ratelimit import hit
from learning.regions.models import Region
from learning.regions.selectors import region_url

from .models import (
    AreaResourcesPage,
    Correction,
    RegionResourcesPage,
    ResourcePage,
    ResourcesIndexPage,
)
from .permissions import user_may_read_resource
from .selectors import ccg_leads, resource_contacts

# What a CCG's leads may do with pages under their CCG's area, and with documents in
# its collection. No delete: a resource that should go is unpublished, which keeps it.
PUBLISHER_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page")
PUBLISHER_DOCUMENT_PERMISSIONS = ("add_document", "change_document", "choose_document")
CORRECTION_MAX_LENGTH = 2000
CORRECTIONS_PER_HOUR = 10

INDEX_INTRO = (
    "<p>Local services, community groups, referral routes and guides for your area, "
    "published by your CCG's social prescribing lead.</p>"
)


def resource_tree_ensure(home) -> ResourcesIndexPage:
    """The resources index, a library for every region and an area for every CCG, each
    area with its publishers group and document collection (idempotent)."""
    index = ResourcesIndexPage.objects.first()
    if index is None:
        index = home.add_child(
            instance=ResourcesIndexPage(
                title="Local resources", slug="resources", intro=INDEX_INTRO
            )
        )
    for region in Region.objects.regional():
        library_ensure(region, index=index)
    for ccg in CCG.objects.select_related("region"):
        area_ensure(ccg, regrant=True)
    return index


def library_ensure(region: Region, *, index: ResourcesIndexPage | None = None):
    library = RegionResourcesPage.objects.filter(region=region).first()
    if library is not None:
        return library
    index = index or ResourcesIndexPage.objects.first()
    if index is None:
        return None  # the tree is made by resource_tree_ensure
    return index.add_child(
        instance=RegionResourcesPage(
            title=f"Local resources in {region.name}", slug=region.slug, region=region
        )
    )


def _publishers_group_name(ccg: CCG) -> str:
    # Group names are unique and at most 150 characters; the code keeps it unique.
    return f"Resource publishers: {ccg.name[:100]} ({ccg.code})"


def area_ensure(ccg: CCG, *, regrant: bool = False) -> AreaResourcesPage | None:
    """The CCG's area under its region's library, its publishers group (the CCG's
    leads) and the rights that group has there. Made when the CCG's first lead is
    assigned, or by resource_tree_ensure; `regrant` re-applies the rights."""
    library = library_ensure(ccg.region)
    if library is None:
        return None
    area = AreaResourcesPage.objects.filter(ccg=ccg).select_related("publishers").first()
    if area is None:
        area = library.add_child(
            instance=AreaResourcesPage(title=ccg.name, slug=area_slug(ccg, library), ccg=ccg)
        )
        regrant = True
    group_name = _publishers_group_name(ccg)
    if area.publishers is None:
        area.publishers, _ = Group.objects.get_or_create(name=group_name)
        area.save(update_fields=["publishers"])
        regrant = True
    elif area.publishers.name != group_name:  # the CCG was renamed
        area.publishers.name = group_name
        area.publishers.save(update_fields=["name"])
    # A renamed CCG renames its area; a regrant (setup_editorial) also renames areas
    # made with the opaque `ccg-<code>` addresses of before.
    if area.title != ccg.name or (regrant and area.slug != area_slug(ccg, library, area=area)):
        area_rename(area, ccg=ccg, library=library)
    if regrant:
        _publishers_rights_grant(area)
        area.publishers.user_set.set(ccg_leads(ccg))
    return area


def area_slug(ccg: CCG, library, *, area=None) -> str:
    """The CCG's name as an address (`nhs-manchester-ccg`), unique in its library: a
    name another area there already has gets the CCG's code as well."""
    name = slugify(ccg.name)[:80] or "ccg"
    taken = library.get_children().filter(slug=name)
    if area is not None:
        taken = taken.exclude(pk=area.pk)
    return f"{name}-{slugify(ccg.code)}" if taken.exists() else name


def area_rename(area: AreaResourcesPage, *, ccg: CCG, library) -> None:
    """The area's title and address follow the CCG's name. Its resources' addresses
    change with it (Wagtail rewrites the paths under it), and Wagtail's redirects take
    the old addresses to the new ones."""
    area.title = area.draft_title = ccg.name
    area.slug = area_slug(ccg, library, area=area)
    # Only these fields: the tree's own (numchild) may have moved on since it was read.
    area.save(clean=False, update_fields=["title", "draft_title", "slug", "url_path"])
    if area.latest_revision_id:
        # So a later publish of the area from the admin does not bring back the old name.
        revision = area.latest_revision
        revision.content.update(
            title=area.title, draft_title=area.title, slug=area.slug, url_path=area.url_path
        )
        revision.save(update_fields=["content"])


def _publishers_rights_grant(area: AreaResourcesPage) -> None:
    group = area.publishers
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    page_permissions_grant(group, area, PUBLISHER_PAGE_PERMISSIONS)
    if area.collection is None:
        area.collection = Collection.get_first_root_node().add_child(
            name=f"Resources: {area.ccg.name}"
        )
        area.save(update_fields=["collection"])
    for codename in PUBLISHER_DOCUMENT_PERMISSIONS:
        GroupCollectionPermission.objects.get_or_create(
            group=group,
            collection=area.collection,
            permission=Permission.objects.get(
                content_type__app_label="wagtaildocs", codename=codename
            ),
        )
    # Documents are for members: Wagtail serves them only to people signed in.
    CollectionViewRestriction.objects.get_or_create(
        collection=area.collection, restriction_type=CollectionViewRestriction.LOGIN
    )


def publishers_sync(user) -> None:
    """A CCG lead is in their own CCG's publishers group and in no other; anyone else
    is in none. Called whenever someone's role, CCG or active flag may have changed."""
    own = None
    if user.role == Role.CCG_LEAD and user.is_active and user.ccg_id:
        area = area_ensure(user.ccg)
        if area is not None:
            own = area.publishers_id
            user.groups.add(own)
    others = AreaResourcesPage.objects.exclude(publishers=None)
    if own is not None:
        others = others.exclude(publishers=own)
    user.groups.remove(*Group.objects.filter(pk__in=others.values("publishers")))


@transaction.atomic
def correction_submit(*, resource: ResourcePage, author, text: str) -> Correction:
    """A reader's correction: stored, and emailed to the CCG's leads after commit."""
    if not user_may_read_resource(author, resource):
        raise PermissionDenied("You cannot see this resource.")
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": "Say what needs correcting."})
    if len(text) > CORRECTION_MAX_LENGTH:
        raise ValidationError(
            {"text": f"Keep it to {CORRECTION_MAX_LENGTH:,} characters or fewer."}
        )
    if hit(action="resource-correction", key=str(author.pk), limit=CORRECTIONS_PER_HOUR,
           period_seconds=3600):  # fmt: skip
        raise ValidationError(
            {"text": "You have sent a lot of corrections in the last hour. Try again later."}
        )
    correction = Correction.objects.create(resource=resource, author=author, text=text)
    link = region_url(resource.region.slug) + resource.url
    recipients = resource_contacts(resource.ccg)
    for recipient in recipients:
        outbox_enqueue(
            key=f"resource-correction:{correction.pk}:{recipient.pk}",
            to=recipient.email,
            template="resource_correction",
            context={
                "recipient": recipient,
                "resource_title": resource.title,
                "author_name": author.full_name or author.email,
                "author_email": author.email,
                "text": text,
                "link": link,
                "edit_link": admin_edit_url(resource),
            },
        )
    return correction


def admin_edit_url(page) -> str:
    """The page's edit screen in the admin on the hub, where leads sign in to publish."""
    return settings.HUB_URL + reverse("wagtailadmin_pages:edit", args=[page.pk])


def review_reminders_send(*, today=None) -> int:
    """Email the leads of every live resource whose review is due today or overdue,
    once per resource and due date (the outbox key). Returns how many resources are due."""
    from .selectors import resources_due_for_review

    today = today or timezone.localdate()
    due = 0
    for resource in resources_due_for_review(today=today):
        link = admin_edit_url(resource)
        for recipient in resource_contacts(resource.ccg):
            outbox_enqueue(
                key=f"resource-review:{resource.pk}:{resource.next_review_due}:{recipient.pk}",
                to=recipient.email,
                template="resource_review_due",
                context={
                    "recipient": recipient,
                    "resource_title": resource.title,
                    "due": resource.next_review_due,
                    "overdue": resource.next_review_due < today,
                    "last_reviewed": resource.last_reviewed,
                    "edit_link": link,
                },
            )
        due += 1
    return due
