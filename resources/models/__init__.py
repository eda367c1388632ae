from .pages import (
    AreaResourcesPage,
    RegionResourcesPage,
    ResourcePage,
    ResourcesIndexPage,
)
from .records import Correction, LinkCheck

__all__ = [
    "AreaResourcesPage",
    "Correction",
    "LinkCheck",
    "RegionResourcesPage",
    "ResourcePage",
    "ResourcesIndexPage",
]
