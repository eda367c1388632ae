"""The header's menu and the staff's "Manage" page, from one list.

Everyone gets a short primary menu. Learning coordinators and the national team
have many tools besides (moderation, cohorts, reports, induction progress, events,
join requests...): those are grouped on one page, `/manage/`, reached by a single
"Manage" item, so a coordinator's header stays at seven items or fewer and every
tool is still one click from it. The page is plain HTML: it works without
JavaScript."""

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from learning.accounts.enums import Role
from learning.page_urls import learning_page_urls

MANAGE_LABEL = "Manage"


@dataclass(frozen=True)
class Link:
    label: str
    url: str
    section: str = ""  # on the Manage page: the heading it is listed under
    description: str = ""


# Sections of the Manage page, in order.
COMMUNITY = "Your region's community"
LEARNING = "Link workers' learning"
EVENTS = "Webinars and learning events"
PEOPLE = "People and records"
OWN = "Your own learning"


def _staff_tools(request, region, user) -> list[Link]:
    from learning.accounts.selectors import user_runs_region

    tools = []
    if region is not None and user_runs_region(user, region):
        tools += [
            Link("Moderation", reverse("forums:moderation"), COMMUNITY,
                 "Reported posts, threads and suspensions in this region's forums."),
            Link("Cohorts", reverse("cohorts:index"), LEARNING,
                 "Your cohorts of new link workers: progress, nudges and reminders."),
        ]  # fmt: skip
    tools += [
        Link("Induction progress", reverse("induction:progress"), LEARNING,
             "Every link worker's induction: filter, read, export, and the sign-off queue."),
        Link("Reports", reverse("reporting:dashboard"), LEARNING,
             "Figures for your regions: inductions, modules, webinars and the forums."),
        Link("Run webinars", reverse("webinars:manage"), EVENTS,
             "Add and change sessions, see who registered, record attendance."),
        Link("Join requests", reverse("accounts:join_requests"), PEOPLE,
             "People asking to join: approve or decline them."),
    ]  # fmt: skip
    if user.is_national_team:
        tools += [
            Link("Circulations", reverse("webinars:circulation_report"), EVENTS,
                 "Every schedule email sent to CCG leads and PCN contacts, and how it went."),
            Link("People", reverse("accounts:people"), PEOPLE,
                 "Everyone on the network, their roles and organisations."),
            Link("Audit log", reverse("audit:events"), PEOPLE,
                 "Sign-ins, exports, sign-offs and every other recorded action."),
        ]  # fmt: skip
    return tools


def navigation(request, region) -> tuple[list[Link], list[Link]]:
    """(the header's items, the Manage page's tools). Only learning coordinators and
    the national team have tools, and with them a "Manage" item."""
    from learning.accounts.selectors import user_runs_regions
    from learning.regions.selectors import request_can_enter_region

    user = getattr(request, "user", None)
    signed_in = user is not None and user.is_authenticated
    pages = {}
    if signed_in:
        pages = learning_page_urls()
    primary = [Link("Home", "/")]
    if region is not None and request_can_enter_region(request):
        primary.append(Link("Community", reverse("forums:index")))
        if "resources" in pages:
            primary.append(Link("Local resources", pages["resources"]))
    if not signed_in:
        return primary, []
    staff = user_runs_regions(user)
    own = []
    if "induction" in pages:
        own.append(Link("Your induction", pages["induction"], OWN,
                        "The welcome and induction pack, as a link worker sees it."))  # fmt: skip
    my_learning = Link("My learning", reverse("courses:my_learning"), OWN,
                       "Your modules, certificates and CPD log.")  # fmt: skip
    if not staff:
        primary += own
    if "reference_guide" in pages:
        primary.append(Link("Reference Guide", pages["reference_guide"]))
    if "training" in pages:
        primary.append(Link("Training", pages["training"]))
    if not staff:
        primary.append(my_learning)
    primary.append(Link("Webinars", reverse("webinars:schedule")))
    if user.role == Role.CCG_LEAD:
        primary.append(Link("Share the schedule", reverse("webinars:cascade")))
    if not staff:
        return primary, []
    primary.append(Link(MANAGE_LABEL, reverse("manage")))
    return primary, [*_staff_tools(request, region, user), *own, my_learning]


def manage_sections(request, region) -> list[tuple[str, list[Link]]]:
    """The Manage page: each section's tools, in the sections' order."""
    _, tools = navigation(request, region)
    order = [COMMUNITY, LEARNING, EVENTS, PEOPLE, OWN]
    return [
        (section, [link for link in tools if link.section == section])
        for section in order
        if any(link.section == section for link in tools)
    ]


def menu_items(request, region) -> list[dict]:
    """The header's items, each marked current when the page is it or under it; on
    a tool's page the current item is "Manage"."""
    primary, tools = navigation(request, region)
    path = request.path

    def matches(url):
        return path == url or (url != "/" and path.startswith(url))

    # The longest matching address is the current item: /webinars/manage/ is
    # "Run webinars" (so "Manage"), not also "Webinars".
    candidates = [(link.url, link.url) for link in primary if matches(link.url)]
    manage = next((link.url for link in primary if link.label == MANAGE_LABEL), None)
    candidates += [(link.url, manage) for link in tools if manage and matches(link.url)]
    current = max(candidates, key=lambda pair: len(pair[0]), default=(None, None))[1]
    return [{"label": link.label, "url": link.url, "current": link.url == current}
            for link in primary]  # fmt: skip


@login_required
def manage(request):
    """A learning coordinator's or the national team's tools, on one page."""
    from learning.accounts.selectors import user_runs_regions
    from learning.regions.selectors import current_region

    if not user_runs_regions(request.user):
        raise Http404("No such page.")
    region = current_region()
    sections = manage_sections(request, region)
    return render(request, "manage.html", {"sections": sections, "region": region})
