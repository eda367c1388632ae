"""People most forum tests need, in the North West region (a file may define its own)."""

import pytest

from learning.accounts.enums import Role
from learning.accounts.tests.factories import UserFactory


@pytest.fixture
def author(north_west):
    return UserFactory(region=north_west, full_name="Pat Writer")


@pytest.fixture
def member(north_west):
    return UserFactory(region=north_west, full_name="Sam Reader")


@pytest.fixture
def coordinator(north_west):
    return UserFactory(role=Role.COORDINATOR, region=north_west, full_name="Asha Patel")
