import itertools
from datetime import timedelta

from django.utils import timezone
from django.utils.text import slugify

from resources.enums import Need, ResourceKind
from resources.models import ResourcePage
from resources.services import area_ensure

_numbers = itertools.count(1)


def make_resource(ccg, *, title="Wythenshawe Men's Shed", live=True, **fields) -> ResourcePage:
    """A resource under the CCG's area (made if need be), live and in date unless told."""
    today = timezone.localdate()
    values = {
        "title": title,
        "slug": f"{slugify(title)}-{next(_numbers)}",
        "kind": ResourceKind.SERVICE,
        "summary": "Woodwork, repairs and company for men who want to get out of the house.",
        "needs": [Need.LONELINESS],
        "how_to_refer": "Phone the shed, or bring the person along on a Tuesday morning.",
        "self_referral": True,
        "phone": "0161 496 0000",
        "last_reviewed": today - timedelta(days=30),
        "next_review_due": today + timedelta(days=300),
        "live": live,
        **fields,
    }
    return area_ensure(ccg).add_child(instance=ResourcePage(**values))
