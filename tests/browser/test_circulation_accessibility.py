"""axe-core on the circulation pages: no WCAG 2.2 AA violations it can detect, and
nothing scrolls sideways on a phone.

The pages: a CCG lead's cascade list (with the coming weeks' schedule, contacts and the
forward button; with no contacts yet; the add form sent with a bad address: the error
summary; a forward the page did not draw, refused), the email's preview, pasting
many addresses (the form, and a result with lines it could not add), removing a
contact; the national team's circulation report and one circulation's page (a
failed address, the changes it carried); and the one-click unsubscribe, signed out
(the question, the answer, an address already stopped, and a link that does not work). The forward itself is
clicked once in the browser.

A weekly digest and a schedule update are sent through the real services, and
everything is committed for the server to see; the module deletes its rows when it
ends, before the package's `people` fixture deletes the people, their mail and
their audit events.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.utils import timezone
from django.utils.text import slugify
from playwright.sync_api import expect

from .checks import Visit
from .conftest import made_for_the_module, signed_in_states

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

CASCADE = "/webinars/cascade/"
REPORT = "/webinars/circulations/"
LEAD, NEW_LEAD, FORWARDER, NATIONAL = "lead", "new_lead", "forwarder", "national"


@dataclass(frozen=True)
class Made:
    people: SimpleNamespace  # lead, new_lead, forwarder, national
    changes: int  # the schedule update's circulation
    contact: int  # one of the lead's contacts
    unsubscribe_path: str  # someone's link, only ever opened
    already_path: str  # the link of someone who unsubscribed already

    def fresh_unsubscribe_path(self) -> str:
        """A link for an address no one has used: each visit can unsubscribe anew."""
        from webinars.circulation import unsubscribe_url

        email = f"someone.{secrets.token_hex(4)}@example.nhs.uk"
        return _path(unsubscribe_url(email, circulation_id=self.changes))


def _models():
    from webinars.models import (
        CascadeContact,
        Circulation,
        CirculationOptOut,
        ScheduleChange,
        Series,
        Session,
    )

    # In an order foreign keys allow (registrations go with their sessions).
    return [CirculationOptOut, ScheduleChange, Circulation, CascadeContact, Session, Series]


def _path(url: str) -> str:
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


def _make() -> Made:
    from learning.accounts.enums import Role
    from learning.accounts.tests.factories import PCNFactory, UserFactory
    from learning.mail.models import OutboxMessage, OutboxStatus
    from learning.regions.models import Region
    from webinars.circulation import (
        QUIET,
        circulation_send_changes,
        circulation_send_weekly,
        unsubscribe_url,
    )
    from webinars.enums import Theme
    from webinars.models import CascadeContact, CirculationOptOut, ScheduleChange
    from webinars.services import session_cancel
    from webinars.tests.factories import SeriesFactory, SessionFactory

    regions = {r.slug: r for r in Region.objects.regional()}
    lead = UserFactory(
        role=Role.CCG_LEAD, region=regions["north-west"], full_name="Sam Patel",
        email="sam.patel@example.nhs.uk",
    )  # fmt: skip
    new_lead = UserFactory(
        role=Role.CCG_LEAD, region=regions["london"], full_name="Ada Mensah",
        email="ada.mensah@example.nhs.uk",
    )  # fmt: skip
    # Forwards in its own test, so the other pages do not depend on the order tests run in.
    forwarder = UserFactory(
        role=Role.CCG_LEAD, region=regions["midlands"], full_name="Ola Adeyemi",
        email="ola.adeyemi@example.nhs.uk",
    )  # fmt: skip
    CascadeContact.objects.create(ccg=forwarder.ccg, email="pcn.lead@example.nhs.uk")
    national = UserFactory(
        role=Role.NATIONAL, full_name="Nadia Osei", email="nadia.osei@example.nhs.uk"
    )
    bolton = PCNFactory(ccg=lead.ccg, name="Bolton Central PCN")
    PCNFactory(ccg=lead.ccg, name="Farnworth and Kearsley PCN")
    contacts = [
        CascadeContact.objects.create(
            ccg=lead.ccg, name="Jo Bloggs", email="jo.bloggs@example.nhs.uk", pcn=bolton
        ),
        CascadeContact.objects.create(ccg=lead.ccg, email="practice.manager@example.nhs.uk"),
        CascadeContact.objects.create(
            ccg=lead.ccg, name="Lee Chan", email="lee.chan@example.nhs.uk"
        ),
    ]
    CirculationOptOut.objects.create(email="lee.chan@example.nhs.uk")

    soon = (timezone.now() + timedelta(days=3)).replace(minute=0, second=0, microsecond=0)
    themed = SeriesFactory(title="Themed webinars 2026/27", slug="circulation-themed")
    SessionFactory(title="Supporting carers", series=themed, theme=Theme.CARERS, starts_at=soon)
    cancelled = SessionFactory(
        title="Debt and benefits", series=themed, starts_at=soon + timedelta(days=8)
    )
    SessionFactory(
        title="North West peer learning day", region=regions["north-west"], join_url="",
        location="Wigan Life Centre, Wigan", starts_at=soon + timedelta(days=12),
    )  # fmt: skip

    ScheduleChange.objects.filter(circulation__isnull=True).update(
        occurred_at=timezone.now() - timedelta(days=1)
    )
    circulation_send_weekly()
    session_cancel(actor=national, session_id=cancelled.pk, reason="The speaker is unwell.")
    changes = circulation_send_changes(now=timezone.now() + QUIET)
    OutboxMessage.objects.filter(batch=changes.batch_name, to=new_lead.email).update(
        status=OutboxStatus.FAILED, last_error="550 5.1.1 <ada.mensah@example.nhs.uk>: no such user"
    )
    return Made(
        people=SimpleNamespace(
            lead=lead, new_lead=new_lead, forwarder=forwarder, national=national
        ),
        changes=changes.pk,
        contact=contacts[0].pk,
        unsubscribe_path=_path(unsubscribe_url(lead.email, circulation_id=changes.pk)),
        already_path=_path(unsubscribe_url("lee.chan@example.nhs.uk", circulation_id=changes.pk)),
    )


@pytest.fixture(scope="module")
def made(people, django_db_blocker) -> Made:
    with made_for_the_module(django_db_blocker, _models(), lambda: _make()) as made:
        yield made


@pytest.fixture(scope="module")
def sessions(made, server, browser):
    """who -> Playwright storage state of a session signed in on the hub."""
    return {
        **signed_in_states(browser, server.hub, made.people, (LEAD, NEW_LEAD, FORWARDER), CASCADE),
        **signed_in_states(browser, server.hub, made.people, (NATIONAL,), REPORT),
    }


# --- The pages ---------------------------------------------------------------------


def add_a_bad_address(page):
    page.get_by_label("Email address").fill("jo.bloggs@")
    with page.expect_navigation():
        page.get_by_role("button", name="Add contact").press("Enter")
    expect(page.get_by_role("alert")).to_contain_text("There is a problem")


def paste_bad_lines(page):
    page.get_by_label("Email addresses").fill("not an address\njo.bloggs@example.nhs.uk")
    with page.expect_navigation():
        page.get_by_role("button", name="Add contacts").press("Enter")


def forge_a_forward(page):
    """A forward the page did not draw (its token changed): refused, nothing sent."""
    page.locator('input[name="token"]').evaluate("input => { input.value = 'forged'; }")
    with page.expect_navigation():
        page.get_by_role("button", name="Forward the schedule to 2 contacts").press("Enter")


def stop_emails(page):
    with page.expect_navigation():
        page.get_by_role("button", name="Stop schedule emails").press("Enter")


# name: (who is signed in (None: signed out), path or path of the data, what they do
# there first, what must show, what the first request answers)
PAGES = {
    "cascade list": (LEAD, CASCADE, None, "Forward the schedule to 2 contacts", 200),
    "cascade list, the email's preview": (
        LEAD, CASCADE + "preview/", None, "Forwarded by Sam Patel", 200,
    ),
    "cascade list, no contacts yet": (
        NEW_LEAD, CASCADE, None, "There is no one on your list yet", 200,
    ),
    "forward refused": (LEAD, CASCADE, forge_a_forward, "was not forwarded", 200),
    "cascade list, a bad address": (LEAD, CASCADE, add_a_bad_address, "correct format", 200),
    "add many contacts": (LEAD, CASCADE + "contacts/add-many/", None, "Add PCN contacts", 200),
    "add many contacts, lines not added": (
        LEAD, CASCADE + "contacts/add-many/", paste_bad_lines, "could not be added", 200,
    ),
    "remove a contact": (
        LEAD, lambda m: f"{CASCADE}contacts/{m.contact}/remove/", None, "Remove", 200,
    ),
    "circulation report": (NATIONAL, REPORT, None, "Schedule update: 1 session cancelled", 200),
    "one circulation": (
        NATIONAL, lambda m: f"{REPORT}{m.changes}/", None, "no such user", 200,
    ),
    "unsubscribe": (None, lambda m: m.unsubscribe_path, None, "Stop schedule emails?", 200),
    "unsubscribed": (
        None,
        lambda m: m.fresh_unsubscribe_path(),
        stop_emails,
        "You will no longer get schedule emails",
        200,
    ),
    "unsubscribe, already stopped": (
        None, lambda m: m.already_path, None, "Schedule emails are already stopped", 200,
    ),
    "unsubscribe link not valid": (
        None, "/webinars/unsubscribe/not-a-token/", None, "does not work", 400,
    ),
}  # fmt: skip


def visit(name, *, server, made, sessions) -> Visit:
    who, path, then, shows, status = PAGES[name]
    return Visit(
        url=server.hub + (path(made) if callable(path) else path),
        storage_state=sessions[who] if who else None,
        then=then,
        shows=shows,
        status=status,
    )


@pytest.mark.parametrize("name", PAGES)
def test_no_wcag_violations_axe_can_find(name, server, made, sessions, check_axe):
    check_axe(
        visit(name, server=server, made=made, sessions=sessions),
        name=f"circulation {name}",
        screenshot=f"circulation-{slugify(name)}",
    )


@pytest.mark.parametrize("name", PAGES)
def test_nothing_scrolls_sideways_on_a_phone(name, server, made, sessions, check_phone):
    check_phone(
        visit(name, server=server, made=made, sessions=sessions),
        name=f"circulation {name}",
        screenshot=f"circulation-{slugify(name)}",
    )


def test_a_lead_forwards_the_schedule_in_one_click_whenever_they_like(
    server, made, sessions, new_context, check_axe
):
    page = new_context(storage_state=sessions[FORWARDER]).new_page()
    page.goto(server.hub + CASCADE)
    expect(page.locator("main")).to_contain_text("The schedule for the next 6 weeks")
    expect(page.locator("main")).to_contain_text("Supporting carers")
    expect(page.locator("main")).to_contain_text("is due on")
    with page.expect_navigation():
        page.get_by_role("button", name="Forward the schedule to 1 contact").press("Enter")
    expect(page.locator("main")).to_contain_text("The schedule is on its way to 1 PCN contact.")
    expect(page.locator("main")).to_contain_text("You last forwarded it on")
    # They can forward it again whenever they like (the same form twice sends once:
    # webinars/tests/test_cascade.py).
    expect(page.get_by_role("button", name="Forward the schedule to 1 contact")).to_have_count(1)
    check_axe(
        Visit(url=server.hub + CASCADE, storage_state=sessions[FORWARDER], shows="You last"),
        name="circulation cascade list, forwarded",
        screenshot="circulation-cascade-list-forwarded",
    )
