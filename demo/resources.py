"""Local resources for each demo region's first CCG (the demo lead's), so the library,
its filters and an overdue review show something. The organisations are invented;
phone numbers are from Ofcom's ranges kept for drama, and addresses are example.org.
Idempotent: a resource already there (by slug) is left alone."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from learning.regions.models import Region
from resources.enums import Need, ResourceKind
from resources.models import ResourcePage
from resources.services import area_ensure

# (title, kind, needs, summary, who for, how to refer, self-referral, opening times,
#  days since last review, days until next review)
DEMO_RESOURCES = (
    (
        "{place} Befriending Service",
        ResourceKind.SERVICE,
        [Need.LONELINESS],
        "A trained volunteer visits or phones once a week for a chat and company.",
        "Adults of any age who feel lonely or cut off",
        "Send the referral form by email with the person's agreement. Most people are "
        "matched with a volunteer within three weeks.",
        True,
        "Office open Monday to Friday, 9am to 4pm",
        60,
        305,
    ),
    (
        "{place} Money and Debt Advice",
        ResourceKind.SERVICE,
        [Need.DEBT, Need.HOUSING],
        "Free, confidential advice on debt, benefits, rent arrears and energy bills.",
        "Anyone living in the area",
        "Book an appointment by phone. For someone facing eviction, phone and ask for an "
        "urgent appointment.",
        True,
        "Monday to Thursday, 9.30am to 4.30pm",
        120,
        245,
    ),
    (
        "Walk and Talk {place}",
        ResourceKind.SERVICE,
        [Need.PHYSICAL_ACTIVITY, Need.MENTAL_HEALTH, Need.LONELINESS],
        "Short, gentle group walks led by volunteers, with a cup of tea afterwards.",
        "Adults who want to be more active at their own pace",
        "No referral needed: people can just turn up. A link worker may come along to the "
        "first walk.",
        True,
        "Tuesdays and Fridays at 10.30am",
        400,
        -20,
    ),
    (
        "{place} Carers Centre",
        ResourceKind.SERVICE,
        [Need.CARERS, Need.MENTAL_HEALTH],
        "Information, breaks and peer support for unpaid carers, and help with a carer's "
        "assessment.",
        "Unpaid carers aged 18 and over",
        "Refer with the carer's consent by phone or email; carers can also register "
        "themselves online.",
        True,
        "Monday to Friday, 9am to 5pm",
        30,
        335,
    ),
    (
        "Local referral routes in {place}",
        ResourceKind.LINK,
        [Need.HOUSING, Need.DEBT],
        "The council's page of referral routes into housing, welfare and adult social care.",
        "",
        "",
        False,
        "",
        90,
        275,
    ),
)
PHONE_PREFIXES = ("01632 960", "01632 961", "01632 962", "01632 963", "01632 964")


@transaction.atomic
def seed_demo_resources() -> None:
    today = timezone.localdate()
    for region in Region.objects.regional():
        ccg = region.ccgs.order_by("name").first()
        if ccg is None:
            continue
        area = area_ensure(ccg)
        place = ccg.name.removeprefix("NHS ").removesuffix(" CCG")
        for index, resource in enumerate(DEMO_RESOURCES):
            (title, kind, needs, summary, who_for, how_to_refer, self_referral, opening,
             reviewed_ago, due_in) = resource  # fmt: skip
            title = title.format(place=place)
            slug = slugify(title)
            if ResourcePage.objects.filter(slug=slug, ccg=ccg).exists():
                continue
            is_service = kind == ResourceKind.SERVICE
            area.add_child(
                instance=ResourcePage(
                    title=title,
                    slug=slug,
                    kind=kind,
                    summary=summary,
                    needs=list(needs),
                    who_for=who_for,
                    how_to_refer=how_to_refer,
                    self_referral=self_referral,
                    phone=f"{PHONE_PREFIXES[index]}{100 + region.pk:03d}" if is_service else "",
                    email=f"hello@{slugify(place)}-{index}.example.org" if is_service else "",
                    website=f"https://{slugify(place)}.example.org/{slug}/",
                    opening_times=opening,
                    last_reviewed=today - timedelta(days=reviewed_ago),
                    next_review_due=today + timedelta(days=due_in),
                    live=True,
                )
            )
