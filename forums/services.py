from .enums import DEFAULT_CATEGORIES
from .models import Category


def categories_seed_defaults() -> int:
    """Create the default categories in the current region's schema (idempotent)."""
    created = 0
    for position, (slug, name, description) in enumerate(DEFAULT_CATEGORIES):
        _, was_created = Category.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description, "position": position}
        )
        created += was_created
    return created
