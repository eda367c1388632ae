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
