"""How each model in TENANT_APPS is made and where it shows, for the isolation test.

Every tenant model must have an entry; tests/test_tenant_isolation.py fails
for a model added to a tenant app without one, so new models are covered
without anyone remembering to write a test.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class TenantModelCase:
    make: Callable[[str], object]  # makes a row carrying the given marker text
    page: str | None  # URL name of a regional page that lists such rows
    why_no_page: str = ""


def _category(marker: str):
    from forums.tests.factories import CategoryFactory

    return CategoryFactory(name=f"Category {marker}")


CASES = {
    "forums.Category": TenantModelCase(make=_category, page="forums:index"),
}
