"""The idempotent demo seed behind `make run`. Running it twice changes nothing."""

import hashlib

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction
from wagtail.models import Page, Site

from learning.accounts.enums import CONTENT_REVIEWERS_GROUP, JoinRequestStatus, Role
from learning.accounts.models import CCG, PCN, JoinRequest, User
from learning.accounts.services import roles_ensure_groups, user_assign_role
from learning.home.models import HomePage
from learning.home.services import editorial_workflow_ensure
from learning.regions.enums import NHS_ENGLAND_REGIONS
from learning.regions.models import Region
from learning.regions.services import hub_ensure, region_create
from reporting.services import all_figures_refresh
from resources.services import resource_tree_ensure

from .circulation import seed_demo_cascade_contacts
from .cohorts import seed_demo_cohorts
from .content.publish import seed_learning_content
from .directory import DEMO_DIRECTORY, DEMO_JOIN_REQUESTS, DEMO_NAMES
from .forums import seed_forum_conversations
from .resources import seed_demo_resources
from .training import seed_training_progress
from .webinars import seed_demo_webinars

HOME_INTRO = (
    "<p>The learning network for social prescribing link workers in England's primary care "
    "networks. Link workers give people time, focus on what matters to them, and connect them "
    "to community groups and statutory services for practical and emotional support.</p>"
    "<p>Here you complete your induction, read the Reference Guide, take accredited training, "
    "book webinars and learn with link workers in your region.</p>"
)
REGION_INTRO = (
    "<p>Your region's community: peer forums run with your learning coordinators, regional "
    "learning events, and local resources published by CCG social prescribing leads.</p>"
)


def _code(prefix: str, name: str) -> str:
    return prefix + hashlib.sha1(name.encode(), usedforsecurity=False).hexdigest()[:6].upper()


def seed_regions() -> list[Region]:
    hub_ensure(host=settings.BASE_DOMAIN)
    return [region_create(slug=seed.slug, name=seed.name) for seed in NHS_ENGLAND_REGIONS]


def seed_directory() -> None:
    for slug, ccgs in DEMO_DIRECTORY.items():
        region = Region.objects.get(slug=slug)
        for ccg_name, pcn_names in ccgs.items():
            ccg, _ = CCG.objects.get_or_create(
                code=_code("C", ccg_name), defaults={"name": ccg_name, "region": region}
            )
            for pcn_name in pcn_names:
                PCN.objects.get_or_create(
                    code=_code("P", pcn_name), defaults={"name": pcn_name, "ccg": ccg}
                )


def seed_pages() -> HomePage:
    home = HomePage.objects.first()
    if home is None:
        # Wagtail's installer adds a "Welcome" page; the network's home replaces it.
        Page.objects.filter(depth=2).delete()
        root = Page.get_first_root_node()
        home = root.add_child(
            instance=HomePage(
                title="Link Worker Learning Network",
                slug="home",
                intro=HOME_INTRO,
                region_intro=REGION_INTRO,
            )
        )
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname=settings.BASE_DOMAIN, root_page=home, is_default_site=True)
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.hostname = settings.BASE_DOMAIN
        site.save()
    editorial_workflow_ensure(home)
    resource_tree_ensure(home)
    return home


def _demo_user(email: str, full_name: str, password: str, **role) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email=email, password=password, full_name=full_name)
        user_assign_role(user, **role)
        EmailAddress.objects.get_or_create(
            user=user, email=email, defaults={"primary": True, "verified": True}
        )
    return user


def seed_people(password: str) -> None:
    _demo_user(
        "national@example.org", "Nadia Osei", password,
        role=Role.NATIONAL, pcn=None, ccg=None, regions=[],
    )  # fmt: skip
    reviewer = _demo_user(
        "reviewer@example.org", "Rowan Ellis", password,
        role=Role.NATIONAL, pcn=None, ccg=None, regions=[],
    )  # fmt: skip
    reviewer.groups.add(Group.objects.get(name=CONTENT_REVIEWERS_GROUP))
    for region in Region.objects.regional():
        worker, coordinator, lead = DEMO_NAMES[region.slug]
        ccg = region.ccgs.order_by("name").first()
        pcn = ccg.pcns.order_by("name").first()
        _demo_user(
            f"linkworker.{region.slug}@example.org", worker, password,
            role=Role.LINK_WORKER, pcn=pcn, ccg=None, regions=[],
        )  # fmt: skip
        _demo_user(
            f"coordinator.{region.slug}@example.org", coordinator, password,
            role=Role.COORDINATOR, pcn=None, ccg=None, regions=[region],
        )  # fmt: skip
        _demo_user(
            f"ccglead.{region.slug}@example.org", lead, password,
            role=Role.CCG_LEAD, pcn=None, ccg=ccg, regions=[],
        )  # fmt: skip


def seed_join_requests() -> None:
    for slug, name, email, reason in DEMO_JOIN_REQUESTS:
        if JoinRequest.objects.filter(email=email).exists():
            continue
        region = Region.objects.get(slug=slug)
        pcn = PCN.objects.filter(ccg__region=region).order_by("name").last()
        JoinRequest.objects.create(
            full_name=name, email=email, role=Role.LINK_WORKER, region=region, pcn=pcn,
            reason=reason, status=JoinRequestStatus.PENDING,
        )  # fmt: skip


def seed_demo(*, password: str) -> None:
    seed_regions()  # creates schemas: outside the transaction below
    with transaction.atomic():
        roles_ensure_groups()
        seed_directory()
        home = seed_pages()
        seed_people(password)
        seed_join_requests()
    seed_learning_content(home)  # each part in its own transaction
    seed_induction_progress()
    seed_training_progress(password=password)
    seed_demo_cohorts()
    seed_forum_conversations()
    seed_demo_webinars()
    seed_demo_cascade_contacts()
    seed_demo_resources()
    all_figures_refresh()  # the dashboards show the demo's activity at once


def seed_induction_progress() -> None:
    """Each demo link worker part-way through, with one task waiting for their
    coordinator, so the task list, the progress table and the queue show something."""
    from induction.enums import StepKind
    from induction.models import InductionStepPage, StepProgress
    from induction.selectors import induction_pack
    from induction.services import step_complete

    pack = induction_pack()
    if pack is None:
        return
    steps = list(InductionStepPage.objects.live().descendant_of(pack).order_by("path"))
    reads = [s for s in steps if s.kind == StepKind.READ][:3]
    sign_off = next((s for s in steps if s.needs_sign_off), None)
    for worker in User.objects.filter(
        email__startswith="linkworker.", email__endswith="@example.org"
    ):
        if StepProgress.objects.filter(user=worker).exists():
            continue
        with transaction.atomic():
            for step in [*reads, *([sign_off] if sign_off else [])]:
                step_complete(user=worker, step=step)
