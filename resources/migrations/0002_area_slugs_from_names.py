"""CCG areas had opaque addresses (`ccg-c6dd2f0`): give each the CCG's name
(`nhs-manchester-ccg`), unique in its library, with its resources' addresses moved
under it and redirects from the old ones.

Historical models cannot call Wagtail's Page.save, so this does what it would: the
url_path of the area and everything under it, the latest revision's copy, and the
redirects Wagtail makes when a slug changes.
"""

from django.db import migrations
from django.db.models import Value
from django.db.models.functions import Concat, Substr
from django.utils.text import slugify


def _new_slug(ccg, siblings) -> str:
    name = slugify(ccg.name)[:80] or "ccg"
    return f"{name}-{slugify(ccg.code)}" if name in siblings else name


def area_slugs_from_names(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    Revision = apps.get_model("wagtailcore", "Revision")
    Redirect = apps.get_model("wagtailredirects", "Redirect")
    Area = apps.get_model("resources", "AreaResourcesPage")
    sites = list(Site.objects.select_related("root_page"))
    for area in Area.objects.select_related("ccg").order_by("path"):
        if area.slug != f"ccg-{area.ccg.code.lower()}":
            continue
        parent_path, depth = area.path[:-4], area.depth
        siblings = set(
            Page.objects.filter(path__startswith=parent_path, depth=depth)
            .exclude(pk=area.pk)
            .values_list("slug", flat=True)
        )
        slug = _new_slug(area.ccg, siblings)
        old_url = area.url_path
        new_url = old_url[: -(len(area.slug) + 1)] + slug + "/"
        subtree = Page.objects.filter(path__startswith=area.path)
        for page_id, url_path in subtree.filter(live=True).values_list("pk", "url_path"):
            for site in sites:
                root = site.root_page.url_path
                if url_path.startswith(root):
                    Redirect.objects.get_or_create(
                        old_path=("/" + url_path[len(root) :]).rstrip("/") or "/",
                        site=site,
                        defaults={"redirect_page_id": page_id, "automatically_created": True},
                    )
        subtree.update(url_path=Concat(Value(new_url), Substr("url_path", len(old_url) + 1)))
        Page.objects.filter(pk=area.pk).update(slug=slug)
        if area.latest_revision_id:
            revision = Revision.objects.get(pk=area.latest_revision_id)
            revision.content.update(slug=slug, url_path=new_url)
            revision.save(update_fields=["content"])


class Migration(migrations.Migration):
    dependencies = [
        ("resources", "0001_initial"),
        ("accounts", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
    ]

    operations = [migrations.RunPython(area_slugs_from_names, migrations.RunPython.noop)]
