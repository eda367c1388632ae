import factory

from forums.models import Category


class CategoryFactory(factory.django.DjangoModelFactory):
    """Create inside a region's schema (tenant_context)."""

    class Meta:
        model = Category

    slug = factory.Sequence(lambda n: f"test-category-{n}")
    name = factory.Sequence(lambda n: f"Test category {n}")
    description = "A category made by a test."
    position = 99


def make_thread(
    *,
    author,
    title="A question about referrals",
    body="Has anyone used the falls service?",
    category_slug="peer-support",
):
    """A thread with its first post, through the service (current region's schema)."""
    from forums.models import Category
    from forums.services import thread_start

    return thread_start(
        author=author, category=Category.objects.get(slug=category_slug), title=title, body=body
    )
