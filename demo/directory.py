"""Demo organisation directory (CCGs and PCNs for every region), the demo's named
people, the join requests waiting for a decision and each region's extra link
workers: read from demo/data/directory.toml.

CCG names are those of real CCG areas; the codes and PCN names are made up
for the demo and are not ODS codes."""

from .loader import demo_data

_DATA = demo_data("directory")

# region slug → {CCG name: [PCN names]}
DEMO_DIRECTORY: dict[str, dict[str, list[str]]] = _DATA["directory"]

# region slug → (link worker, coordinator, CCG lead)
DEMO_NAMES: dict[str, tuple[str, str, str]] = {
    slug: tuple(names) for slug, names in _DATA["names"].items()
}

# (region slug, name, email, why they ask)
DEMO_JOIN_REQUESTS: list[tuple[str, str, str, str]] = [
    (request["region"], request["name"], request["email"], request["note"])
    for request in _DATA["join_requests"]
]

# region slug → [full names]; their emails are first.last@example.org.
DEMO_COHORT_LINK_WORKERS: dict[str, list[str]] = _DATA["cohort_link_workers"]
