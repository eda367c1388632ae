import pytest

from demo import seed
from demo.directory import DEMO_DIRECTORY

DEMO_PASSWORD = "learning-network-demo"


@pytest.fixture
def demo_directory(regions, monkeypatch):
    """The demo directory and people of the test session's regions, as seed_demo makes them."""
    monkeypatch.setattr(
        seed,
        "DEMO_DIRECTORY",
        {slug: ccgs for slug, ccgs in DEMO_DIRECTORY.items() if slug in regions},
    )
    seed.seed_directory()
    seed.seed_people(DEMO_PASSWORD)
    return regions
