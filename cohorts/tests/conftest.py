"""People, modules and an induction pack most cohort tests need."""

import pytest

from courses.tests.factories import make_course
from induction.enums import StepKind
from induction.tests.factories import make_pack, make_section, make_step
from learning.accounts.enums import Role
from learning.accounts.tests.factories import UserFactory


@pytest.fixture
def coordinator(north_west):
    return UserFactory(role=Role.COORDINATOR, region=north_west, full_name="Asha Patel")


@pytest.fixture
def coordinator_client(client_for, north_west, coordinator):
    return client_for(north_west, coordinator)


@pytest.fixture
def pack(db):
    """Two required steps (one needing sign-off) and one optional one."""
    pack = make_pack()
    section = make_section(pack, "Getting started")
    make_step(section, "Who social prescribing helps")
    make_step(section, "Meet your clinical supervisor", StepKind.OFFLINE, needs_sign_off=True)
    make_step(section, "Further reading", required=False)
    return pack


@pytest.fixture
def module(db):
    return make_course("Personalised care conversations", lessons=1, questions=1)


@pytest.fixture
def second_module(db):
    return make_course("Working with the voluntary sector", lessons=1, questions=1)


@pytest.fixture
def workers(north_west):
    """Three north-west link workers, named in alphabetical order."""
    return [
        UserFactory(region=north_west, full_name=name, email=f"{name.split()[0].lower()}@nhs.net")
        for name in ("Ada Lovelace", "Ben Okri", "Cara Dune")
    ]
