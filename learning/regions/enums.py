from typing import NamedTuple


class RegionSeed(NamedTuple):
    slug: str
    name: str


# NHS England's seven regions, each a tenant with its own schema and host.
NHS_ENGLAND_REGIONS = (
    RegionSeed("north-east-and-yorkshire", "North East and Yorkshire"),
    RegionSeed("north-west", "North West"),
    RegionSeed("midlands", "Midlands"),
    RegionSeed("east-of-england", "East of England"),
    RegionSeed("london", "London"),
    RegionSeed("south-east", "South East"),
    RegionSeed("south-west", "South West"),
)
