"""A CCG lead's cascade: their PCN contacts, the coming weeks' schedule shown and
forwarded whenever they like (each forward once per contact, audited), its preview,
and when the next weekly schedule email is due."""

import re
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from celery.schedules import crontab
from django.core import mail
from django.urls import reverse

from learning.accounts.enums import Role
from learning.accounts.tests.factories import PCNFactory, UserFactory
from learning.audit.enums import AuditAction
from learning.audit.models import AuditEvent
from learning.mail.models import OutboxMessage
from webinars import services
from webinars.circulation import circulation_send_weekly
from webinars.circulation_schedule import day_and_time_phrase, next_run, uk_time_phrase
from webinars.enums import CirculationKind
from webinars.models import CascadeContact, Circulation, CirculationOptOut

from .factories import SessionFactory

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
CASCADE = reverse("webinars:cascade")
FORWARD = reverse("webinars:forward")
PREVIEW = reverse("webinars:cascade_preview")
# A Thursday in December (GMT): the next Monday digest is the 14th.
THURSDAY = datetime(2026, 12, 10, 15, 0, tzinfo=LONDON)


def make_lead(region, **fields):
    return UserFactory(role=Role.CCG_LEAD, region=region, **fields)


def emails_of(circulation) -> dict[str, OutboxMessage]:
    return {m.to: m for m in OutboxMessage.objects.filter(batch=circulation.batch_name)}


def token_on(page: str) -> str:
    return re.search(r'name="token" value="([0-9a-f]{32})"', page).group(1)


@pytest.fixture
def national(db):
    return UserFactory(role=Role.NATIONAL, full_name="Nadia Osei")


@pytest.fixture
def lead(north_west):
    return make_lead(north_west, full_name="Sam Patel", email="sam.patel@example.nhs.uk")


@pytest.fixture
def contacts(lead):
    for email in ("a@example.nhs.uk", "b@example.nhs.uk", "left@example.nhs.uk"):
        CascadeContact.objects.create(ccg=lead.ccg, email=email)
    CirculationOptOut.objects.create(email="left@example.nhs.uk")


@pytest.fixture
def thursday():
    with time_machine.travel(THURSDAY, tick=False):
        yield


# --- The cascade ------------------------------------------------------------------------


@pytest.fixture
def cascade_client(client_for, lead):
    return client_for(None, lead)


def test_only_ccg_leads_have_a_cascade_page(client_for, north_west, national, lead):
    for person in (
        UserFactory(region=north_west),
        UserFactory(role=Role.COORDINATOR, region=north_west),
        national,
    ):
        response = client_for(None, person).get(reverse("webinars:cascade"))
        assert response.status_code == 404, person.role
    signed_out = client_for(None).get(reverse("webinars:cascade"))
    assert signed_out.status_code == 302
    assert "/accounts/login/" in signed_out["Location"]
    assert client_for(north_west, lead).get(reverse("webinars:cascade")).status_code == 200


def test_a_lead_adds_a_pcn_contact_of_their_own_ccg(cascade_client, lead):
    pcn = PCNFactory(ccg=lead.ccg, name="Bolton Central PCN")
    other = PCNFactory(name="Somewhere Else PCN")
    page = cascade_client.get(reverse("webinars:cascade")).content.decode()
    assert "Bolton Central PCN" in page
    assert "Somewhere Else PCN" not in page

    response = cascade_client.post(
        reverse("webinars:cascade"),
        {"name": "Jo Bloggs", "email": " jo.bloggs@example.nhs.uk ", "pcn": pcn.pk},
        follow=True,
    )
    assert "jo.bloggs@example.nhs.uk is on your list" in response.content.decode()
    contact = CascadeContact.objects.get()
    assert (contact.ccg, contact.name, contact.email, contact.pcn) == (
        lead.ccg, "Jo Bloggs", "jo.bloggs@example.nhs.uk", pcn,
    )  # fmt: skip
    assert AuditEvent.objects.filter(action=AuditAction.CASCADE_CONTACT_ADDED).count() == 1
    assert other.pk  # made, never offered


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"email": "jo.bloggs@"}, "Enter an email address in the correct format"),
        ({"email": ""}, "Enter an email address."),
        ({"email": "JO@example.nhs.uk"}, "JO@example.nhs.uk is already on your list."),
        ({"email": "new@example.nhs.uk", "pcn": "forged"}, "Choose one of the PCNs in"),
        ({"email": "new@example.nhs.uk", "pcn": "other"}, "Choose one of the PCNs in"),
        ({"email": "new@example.nhs.uk", "name": "x" * 151}, "Keep the name to 150 characters."),
    ],
)
def test_a_bad_contact_gets_a_clear_message_and_changes_nothing(
    cascade_client, lead, data, message
):
    CascadeContact.objects.create(ccg=lead.ccg, email="jo@example.nhs.uk")
    if data.get("pcn") == "other":
        data = {**data, "pcn": PCNFactory().pk}  # another CCG's PCN, forged into the form
    before = list(CascadeContact.objects.values_list("pk", flat=True))

    response = cascade_client.post(reverse("webinars:cascade"), data)

    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page
    assert message in page.replace("&#x27;", "'")
    assert list(CascadeContact.objects.values_list("pk", flat=True)) == before
    assert not AuditEvent.objects.filter(action=AuditAction.CASCADE_CONTACT_ADDED).exists()


def test_an_address_that_unsubscribed_is_added_with_a_warning(cascade_client):
    CirculationOptOut.objects.create(email="left@example.nhs.uk")
    response = cascade_client.post(
        reverse("webinars:cascade"), {"email": "Left@example.nhs.uk"}, follow=True
    )
    page = response.content.decode()
    assert "unsubscribed from schedule emails, so it will not receive the schedule" in page
    assert "Unsubscribed</strong>" in page


def test_many_contacts_pasted_at_once_add_the_good_lines_and_report_the_bad(cascade_client, lead):
    CascadeContact.objects.create(ccg=lead.ccg, email="already@example.nhs.uk")
    text = "\n".join(
        [
            "one@example.nhs.uk",
            "",
            "Jo Bloggs <jo.bloggs@example.nhs.uk>",
            "not an address",
            "already@example.nhs.uk",
            "one@example.nhs.uk",
        ]
    )
    response = cascade_client.post(reverse("webinars:contacts_add_many"), {"addresses": text})

    page = response.content.decode()
    assert response.status_code == 200
    assert "2 contacts added" in page
    assert "Line 4" in page and "Enter an email address in the correct format" in page
    assert "Line 5" in page and "already@example.nhs.uk is already on your list" in page
    assert "Line 6" in page
    assert sorted(CascadeContact.objects.values_list("email", "name")) == [
        ("already@example.nhs.uk", ""),
        ("jo.bloggs@example.nhs.uk", "Jo Bloggs"),
        ("one@example.nhs.uk", ""),
    ]


def test_pasting_nothing_gets_a_clear_message(cascade_client):
    response = cascade_client.post(reverse("webinars:contacts_add_many"), {"addresses": " \n "})
    assert response.status_code == 400
    assert "Enter at least one email address." in response.content.decode()


def test_a_lead_removes_a_contact_but_not_another_ccgs(cascade_client, client_for, lead):
    ours = CascadeContact.objects.create(ccg=lead.ccg, email="ours@example.nhs.uk")
    theirs = CascadeContact.objects.create(
        ccg=make_lead(lead.ccg.region).ccg, email="theirs@example.nhs.uk"
    )
    url = reverse("webinars:contact_remove", args=[theirs.pk])
    assert cascade_client.get(url).status_code == 404
    assert cascade_client.post(url).status_code == 404

    url = reverse("webinars:contact_remove", args=[ours.pk])
    assert "Remove" in cascade_client.get(url).content.decode()
    assert CascadeContact.objects.filter(pk=ours.pk).exists()  # asking changes nothing
    response = cascade_client.post(url, follow=True)

    assert "ours@example.nhs.uk is no longer on your list" in response.content.decode()
    assert list(CascadeContact.objects.all()) == [theirs]
    assert AuditEvent.objects.filter(action=AuditAction.CASCADE_CONTACT_REMOVED).count() == 1


def test_forwarding_is_a_post(cascade_client):
    assert cascade_client.get(reverse("webinars:forward")).status_code == 405


def test_the_cascade_page_costs_the_same_whatever_the_number_of_contacts(
    cascade_client, lead, queries_for, django_assert_max_num_queries
):
    url = reverse("webinars:cascade")
    pcn = PCNFactory(ccg=lead.ccg)
    for n in range(3):
        CascadeContact.objects.create(ccg=lead.ccg, email=f"c{n}@example.nhs.uk", pcn=pcn)
    cascade_client.get(url)
    few = queries_for(lambda: cascade_client.get(url))
    for n in range(3, 40):
        CascadeContact.objects.create(ccg=lead.ccg, email=f"c{n}@example.nhs.uk", pcn=pcn)
    assert queries_for(lambda: cascade_client.get(url)) == few
    with django_assert_max_num_queries(16):
        cascade_client.get(url)


# --- The schedule, shown and forwarded whenever the lead likes -----------------------


@pytest.mark.clock
def test_on_a_fresh_site_the_page_shows_the_coming_weeks_and_when_the_next_email_is_due(
    thursday, cascade_client, lead, north_west
):
    SessionFactory(title="National welcome webinar")
    SessionFactory(title="North West peer learning day", region=north_west)
    SessionFactory(title="Too far ahead", starts_at=THURSDAY + timedelta(weeks=7))
    assert not Circulation.objects.exists()  # no schedule email has gone yet

    page = cascade_client.get(CASCADE).content.decode().replace("&#x27;", "'")

    assert "The schedule for the next 6 weeks" in page
    assert "National welcome webinar" in page and "North West peer learning day" in page
    assert "Too far ahead" not in page
    assert "Week beginning Monday 14 December 2026" in page
    assert "is due on <strong>Monday 14 December at 7:30am</strong> (UK time)" in page
    assert "Add your PCN contacts below, then forward the schedule" in page
    assert "No schedule email has been sent yet" not in page


def test_the_other_regions_events_are_not_in_a_leads_schedule(thursday, cascade_client, london):
    SessionFactory(title="London walking group visit", region=london)
    assert "London walking group visit" not in cascade_client.get(CASCADE).content.decode()


@pytest.mark.clock
def test_a_lead_forwards_the_schedule_before_any_digest_once_per_contact_and_it_is_audited(
    thursday, cascade_client, lead, contacts, north_west, on_commit
):
    SessionFactory(title="North West peer learning day", region=north_west)
    page = cascade_client.get(CASCADE).content.decode()
    assert "Forward the schedule to 2 contacts" in page

    with on_commit():
        response = cascade_client.post(FORWARD, {"token": token_on(page)}, follow=True)

    assert "The schedule is on its way to 2 PCN contacts." in response.content.decode()
    cascade = Circulation.objects.get(kind=CirculationKind.CASCADE)
    assert (cascade.forwarded_from, cascade.ccg, cascade.sent_by) == (None, lead.ccg, lead)
    assert cascade.subject == (
        f"Webinars and learning events: week of 7 December 2026 (shared by {lead.ccg.name})"
    )
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.nhs.uk", "b@example.nhs.uk"]
    text = emails_of(cascade)["a@example.nhs.uk"].body_text
    assert text.startswith(f"Forwarded by Sam Patel, CCG social prescribing lead, {lead.ccg.name}")
    assert "North West peer learning day" in text
    event = AuditEvent.objects.get(action=AuditAction.SCHEDULE_CASCADED)
    assert event.details["recipients"] == 2 and event.details["digest"] is None
    assert "You last forwarded it on Thursday 10 December 2026 at 15:00, by Sam Patel, to 2" in (
        response.content.decode()
    )


def test_the_same_form_sent_twice_forwards_once_and_a_new_forward_sends_again(
    thursday, cascade_client, lead, contacts, on_commit
):
    SessionFactory()
    page = cascade_client.get(CASCADE).content.decode()
    token = token_on(page)
    with on_commit():
        cascade_client.post(FORWARD, {"token": token})
        again = cascade_client.post(FORWARD, {"token": token}, follow=True)
    assert "That was already sent" in again.content.decode()
    assert "Nothing was sent again" in again.content.decode()
    assert Circulation.objects.filter(kind=CirculationKind.CASCADE).count() == 1
    assert len(mail.outbox) == 2

    # The page drawn again is a new forward: each contact gets it once more.
    fresh = token_on(again.content.decode())
    assert fresh != token
    with on_commit():
        cascade_client.post(FORWARD, {"token": fresh})
    assert Circulation.objects.filter(kind=CirculationKind.CASCADE).count() == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.nhs.uk", "a@example.nhs.uk",
                                                     "b@example.nhs.uk", "b@example.nhs.uk"]  # fmt: skip
    assert AuditEvent.objects.filter(action=AuditAction.SCHEDULE_CASCADED).count() == 2


@pytest.mark.parametrize("data", [{}, {"token": "nonsense"}, {"token": "A" * 32}])
def test_a_forward_not_from_the_page_is_refused_and_sends_nothing(cascade_client, contacts, data):
    response = cascade_client.post(FORWARD, data)
    assert response.status_code == 400
    assert "nothing was sent to your PCN contacts" in response.content.decode()
    assert not Circulation.objects.exists()


def test_with_no_one_to_send_to_the_forward_says_why(thursday, cascade_client, lead):
    page = cascade_client.get(CASCADE).content.decode()
    assert "Forward the schedule to" not in page
    response = cascade_client.post(FORWARD, {"token": "0" * 32}, follow=True)
    assert "Add your PCN contacts first" in response.content.decode()
    assert not Circulation.objects.exists()


def test_after_a_weekly_digest_the_forward_names_it_and_carries_the_same_sessions(
    thursday, cascade_client, lead, contacts, on_commit
):
    SessionFactory(title="National welcome webinar")
    with on_commit():
        digest = circulation_send_weekly()
    lead_text = emails_of(digest)["sam.patel@example.nhs.uk"].body_text
    page = cascade_client.get(CASCADE).content.decode()
    with on_commit():
        cascade_client.post(FORWARD, {"token": token_on(page)})
    cascade = Circulation.objects.get(kind=CirculationKind.CASCADE)
    assert cascade.forwarded_from == digest
    assert cascade.subject == f"{digest.subject} (shared by {lead.ccg.name})"
    text = emails_of(cascade)["a@example.nhs.uk"].body_text
    schedule = lead_text[
        lead_text.index("THE NEXT 6 WEEKS") : lead_text.index("The whole schedule")
    ]
    assert schedule in text  # one rendering of the schedule, whoever it goes to


def test_what_changed_since_the_last_forward_is_shown_and_forwarded(
    thursday, cascade_client, lead, contacts, national, on_commit
):
    session = SessionFactory(title="Loneliness in later life")
    with on_commit():
        page = cascade_client.get(CASCADE).content.decode()
        cascade_client.post(FORWARD, {"token": token_on(page)})
    with time_machine.travel(THURSDAY + timedelta(minutes=5), tick=False):
        with on_commit():
            services.session_cancel(actor=national, session_id=session.pk, reason="Venue closed.")
        page = cascade_client.get(CASCADE).content.decode()
        assert "What has changed since you last forwarded it" in page
        assert "Cancelled: Loneliness in later life" in page
        with on_commit():
            cascade_client.post(FORWARD, {"token": token_on(page)})
    second = Circulation.objects.filter(kind=CirculationKind.CASCADE).order_by("pk").last()
    text = emails_of(second)["a@example.nhs.uk"].body_text
    assert "Cancelled:\n- Loneliness in later life" in text and "Venue closed." in text


def test_the_preview_is_the_email_a_forward_would_send_and_sends_nothing(
    thursday, cascade_client, lead, contacts, north_west
):
    SessionFactory(title="North West peer learning day", region=north_west)
    response = cascade_client.get(PREVIEW)
    page = response.content.decode()
    assert response.status_code == 200
    assert f"Webinars and learning events: week of 7 December 2026 (shared by {lead.ccg.name})" in (
        page
    )
    assert "Forwarded by Sam Patel" in page
    assert "North West peer learning day" in page
    assert "(each contact&#x27;s own unsubscribe link)" in page
    assert "lwln-unsubscribe-" not in page
    assert not Circulation.objects.exists() and not OutboxMessage.objects.exists()


def test_only_ccg_leads_see_the_preview(client_for, north_west, national):
    for person in (UserFactory(region=north_west), national):
        assert client_for(None, person).get(PREVIEW).status_code == 404


# --- When the next weekly email is due ---------------------------------------------------

WEEKLY = crontab(hour=7, minute=30, day_of_week="mon")


@pytest.mark.parametrize(
    ("now", "due"),
    [
        # A Thursday in winter: 07:30 GMT is 07:30 UTC.
        (datetime(2026, 12, 10, 15, 0, tzinfo=UTC), datetime(2026, 12, 14, 7, 30, tzinfo=UTC)),
        # Saturday before the clocks go back: Monday's 07:30 is GMT.
        (datetime(2026, 10, 24, 12, 0, tzinfo=UTC), datetime(2026, 10, 26, 7, 30, tzinfo=UTC)),
        # Saturday before the clocks go forward: Monday's 07:30 is BST, 06:30 UTC.
        (datetime(2026, 3, 28, 12, 0, tzinfo=UTC), datetime(2026, 3, 30, 6, 30, tzinfo=UTC)),
        # Monday, a minute before, and at the time itself (then it is next week's).
        (datetime(2026, 6, 1, 6, 29, tzinfo=UTC), datetime(2026, 6, 1, 6, 30, tzinfo=UTC)),
        (datetime(2026, 6, 1, 6, 30, tzinfo=UTC), datetime(2026, 6, 8, 6, 30, tzinfo=UTC)),
        # Sunday 23:30 BST is Sunday 22:30 UTC; Monday 00:30 BST is still Sunday in UTC.
        (datetime(2026, 5, 31, 23, 30, tzinfo=UTC), datetime(2026, 6, 1, 6, 30, tzinfo=UTC)),
        # Over the year's end.
        (datetime(2026, 12, 31, 23, 59, tzinfo=UTC), datetime(2027, 1, 4, 7, 30, tzinfo=UTC)),
    ],
)
def test_the_next_weekly_email_follows_the_rule_in_uk_time(now, due):
    assert next_run(WEEKLY, after=now) == due


def test_a_time_the_clocks_skip_is_skipped_as_beat_skips_it():
    at_half_one = crontab(hour=1, minute=30)
    # 29 March 2026: 01:00 GMT becomes 02:00 BST, so 01:30 never happens that night.
    after = datetime(2026, 3, 28, 12, 0, tzinfo=UTC)
    assert next_run(at_half_one, after=after) == datetime(2026, 3, 30, 0, 30, tzinfo=UTC)


def test_the_phrase_is_plain_english_with_the_year_only_when_it_is_not_this_one():
    when = datetime(2026, 12, 14, 7, 30, tzinfo=LONDON)
    assert day_and_time_phrase(when, today=date(2026, 12, 10)) == "Monday 14 December at 7:30am"
    assert day_and_time_phrase(when, today=date(2025, 12, 30)) == (
        "Monday 14 December 2026 at 7:30am"
    )
    assert [uk_time_phrase(when.replace(hour=h, minute=m)) for h, m in
            [(9, 0), (12, 0), (0, 0), (16, 15)]] == ["9am", "midday", "midnight", "4:15pm"]  # fmt: skip


def test_the_page_reads_the_rule_beat_has_stored(thursday, cascade_client):
    from django_celery_beat.models import CrontabSchedule, PeriodicTask

    tuesdays = CrontabSchedule.objects.create(
        minute="0", hour="9", day_of_week="2", day_of_month="*", month_of_year="*",
        timezone="Europe/London",
    )  # fmt: skip
    task = PeriodicTask.objects.create(
        name="webinar-weekly-circulation", task="webinars.tasks.send_weekly_circulation",
        crontab=tuesdays,
    )  # fmt: skip
    page = cascade_client.get(CASCADE).content.decode()
    assert "is due on <strong>Tuesday 15 December at 9am</strong>" in page

    task.enabled = False
    task.save()
    assert "is due on" not in cascade_client.get(CASCADE).content.decode()
