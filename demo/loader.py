"""The demo's content kept as data: TOML files in demo/data/, read with the
standard library's tomllib (no extra dependency). Each demo module reads its own
file and gives the seed plain Python values, so seeding stays idempotent and
editing the demo's people or places needs no code change."""

import tomllib
from functools import cache
from pathlib import Path

DATA = Path(__file__).parent / "data"


@cache
def demo_data(name: str) -> dict:
    """demo/data/<name>.toml, parsed (once per process)."""
    with (DATA / f"{name}.toml").open("rb") as file:
        return tomllib.load(file)
