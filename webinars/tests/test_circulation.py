"""Circulating the schedule: the weekly digest and coalesced schedule updates to CCG
leads, each lead's cascade to their PCN contacts, one-click unsubscribe, and the
national team's report of what was sent, delivered, failed and unsubscribed."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from learning.accounts.enums import Role
from learning.accounts.tests.factories import UserFactory
from learning.mail.models import OutboxMessage, OutboxStatus
from learning.mail.tasks import deliver_pending_outbox
from learning.mail.tests.helpers import broker_down
from webinars import services
from webinars.circulation import (
    QUIET,
    circulation_send_changes,
    circulation_send_weekly,
    unsubscribe_token,
)
from webinars.enums import CirculationKind, RegistrationStatus, Theme
from webinars.models import (
    Circulation,
    CirculationOptOut,
    Registration,
    ScheduleChange,
)
from webinars.tasks import send_weekly_circulation

from .factories import SessionFactory

pytestmark = pytest.mark.django_db

LONDON_TIME = ZoneInfo("Europe/London")
MONDAY = datetime(2026, 11, 30, 7, 30, tzinfo=LONDON_TIME)


def make_lead(region, **fields):
    return UserFactory(role=Role.CCG_LEAD, region=region, **fields)


def emails_of(circulation) -> dict[str, OutboxMessage]:
    return {m.to: m for m in OutboxMessage.objects.filter(batch=circulation.batch_name)}


def unsubscribe_link_in(text: str) -> str:
    return re.search(r"http\S+/webinars/unsubscribe/[^/\s]+/", text).group(0)


def mail_client(host: str = "localhost") -> Client:
    """What a mail client's one-click POST looks like: no cookie, no CSRF token."""
    return Client(enforce_csrf_checks=True, HTTP_HOST=host)


@pytest.fixture
def national(db):
    return UserFactory(role=Role.NATIONAL, full_name="Nadia Osei")


@pytest.fixture
def lead(north_west):
    return make_lead(north_west, full_name="Sam Patel", email="sam.patel@example.nhs.uk")


# --- The weekly digest ---------------------------------------------------------------


@pytest.mark.clock
def test_the_weekly_digest_goes_to_every_active_lead_but_those_unsubscribed_once(
    north_west, london, on_commit
):
    leads = [make_lead(north_west), make_lead(north_west), make_lead(london)]
    gone = make_lead(london, email="Gone.Away@example.nhs.uk")
    CirculationOptOut.objects.create(email="gone.away@example.nhs.uk")
    closed = make_lead(north_west)
    closed.is_active = False
    closed.save()
    UserFactory(region=north_west)  # a link worker: not on the list
    SessionFactory()

    with on_commit():
        circulation = circulation_send_weekly()
    with on_commit():
        assert circulation_send_weekly() is None  # beat ran twice this week
        send_weekly_circulation.delay()  # and as the task, from the hub

    assert Circulation.objects.filter(kind=CirculationKind.WEEKLY).count() == 1
    assert sorted(emails_of(circulation)) == sorted(lead.email for lead in leads)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(lead.email for lead in leads)
    assert gone.email not in emails_of(circulation)
    assert circulation.recipient_count == 3
    assert circulation.key == f"weekly:{timezone.localdate().isocalendar()[0]}-W" + (
        f"{timezone.localdate().isocalendar()[1]:02d}"
    )


def test_the_digest_lists_sessions_by_week_in_uk_time_with_places_and_register_links(
    lead, on_commit, settings
):
    full = SessionFactory(
        title="Money worries in winter",
        starts_at=datetime(2026, 12, 1, 10, tzinfo=LONDON_TIME),
        ends_at=datetime(2026, 12, 1, 11, tzinfo=LONDON_TIME),
        capacity=1,
    )
    Registration.objects.create(
        session=full, user=UserFactory(), status=RegistrationStatus.REGISTERED, queued_at=MONDAY
    )
    SessionFactory(
        title="Supervision that works",
        theme=Theme.SUPERVISION,
        starts_at=datetime(2026, 12, 9, 14, tzinfo=LONDON_TIME),
        ends_at=datetime(2026, 12, 9, 15, 30, tzinfo=LONDON_TIME),
        capacity=40,
    )
    SessionFactory(
        title="Beyond the window",
        starts_at=MONDAY + timedelta(weeks=7),
        ends_at=MONDAY + timedelta(weeks=7, hours=1),
    )

    with on_commit():
        circulation = circulation_send_weekly(now=MONDAY)

    email = emails_of(circulation)[lead.email]
    assert email.subject == "Webinars and learning events: week of 30 November 2026"
    text = email.body_text
    assert "Week beginning Monday 30 November 2026" in text
    assert "Tuesday 1 December 2026, 10:00 to 11:00" in text
    assert "Full: join the waiting list" in text
    assert "Week beginning Monday 7 December 2026" in text
    assert "Wednesday 9 December 2026, 14:00 to 15:30" in text
    assert "40 places left" in text
    assert f"Register: {settings.HUB_URL}/webinars/{full.pk}/" in text
    assert "Beyond the window" not in text
    assert text.index("Money worries") < text.index("Supervision that works")
    assert f'href="{settings.HUB_URL}/webinars/{full.pk}/"' in email.body_html
    assert circulation.session_count == 2


def test_times_are_uk_summer_time_in_summer(lead, on_commit):
    monday = datetime(2027, 6, 7, 7, 30, tzinfo=LONDON_TIME)
    SessionFactory(
        starts_at=datetime(2027, 6, 8, 9, tzinfo=ZoneInfo("UTC")),
        ends_at=datetime(2027, 6, 8, 10, tzinfo=ZoneInfo("UTC")),
    )
    with on_commit():
        circulation = circulation_send_weekly(now=monday)
    assert "Tuesday 8 June 2027, 10:00 to 11:00" in emails_of(circulation)[lead.email].body_text


def test_a_regions_learning_events_go_only_to_that_regions_leads(north_west, london, on_commit):
    ours, theirs = make_lead(north_west), make_lead(london)
    SessionFactory(title="National welcome webinar")
    SessionFactory(title="North West peer learning day", region=north_west)
    SessionFactory(title="London link worker meet-up", region=london)

    with on_commit():
        circulation = circulation_send_weekly()

    emails = emails_of(circulation)
    assert "National welcome webinar" in emails[ours.email].body_text
    assert "North West peer learning day" in emails[ours.email].body_text
    assert "London link worker meet-up" not in emails[ours.email].body_text
    assert "London link worker meet-up" in emails[theirs.email].body_html
    assert "North West peer learning day" not in emails[theirs.email].body_html


@pytest.mark.clock
def test_with_no_sessions_ahead_the_digest_says_so(lead, on_commit):
    with on_commit():
        circulation = circulation_send_weekly()
    assert "There are no webinars or learning events in the next 6 weeks yet" in (
        emails_of(circulation)[lead.email].body_text
    )


def test_each_email_carries_its_own_one_click_unsubscribe(north_west, on_commit):
    first, second = make_lead(north_west), make_lead(north_west)
    SessionFactory()
    with on_commit():
        circulation = circulation_send_weekly()

    emails = emails_of(circulation)
    links = set()
    for lead in (first, second):
        email = emails[lead.email]
        link = unsubscribe_link_in(email.body_text)
        assert email.headers == {
            "List-Unsubscribe": f"<{link}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        }
        assert f'href="{link}"' in email.body_html
        assert "lwln-unsubscribe-" not in email.body_text + email.body_html
        links.add(link)
    assert len(links) == 2
    sent = {m.to[0]: m for m in mail.outbox}
    assert sent[first.email].extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_with_the_broker_down_the_weekly_digest_is_stored_and_sent_once_it_is_back(
    north_west, on_commit
):
    leads = [make_lead(north_west), make_lead(north_west)]
    SessionFactory()
    with broker_down(), on_commit():
        circulation = circulation_send_weekly()

    assert circulation is not None
    rows = OutboxMessage.objects.filter(batch=circulation.batch_name)
    assert [row.status for row in rows] == [OutboxStatus.PENDING] * 2
    assert mail.outbox == []
    rows.update(created_at=timezone.now() - timedelta(minutes=5))  # the sweep's age
    deliver_pending_outbox()
    assert sorted(m.to[0] for m in mail.outbox) == sorted(lead.email for lead in leads)


# --- Schedule updates, coalesced ------------------------------------------------------


def session_fields(**overrides):
    start = (timezone.now() + timedelta(days=10)).replace(
        hour=10, minute=0, second=0, microsecond=0
    )
    return {
        "title": "Housing and homelessness",
        "description": "What councils and charities offer.",
        "speakers": "Dee Ward, Shelter",
        "theme": Theme.HOUSING,
        "join_url": "https://teams.example.org/l/meetup-join/housing",
        "location": "",
        "capacity": 50,
        "starts_at": start,
        "ends_at": start + timedelta(hours=1),
        **overrides,
    }


def stamp(changes, moments):
    for change, moment in zip(changes, moments, strict=True):
        ScheduleChange.objects.filter(pk=change.pk).update(occurred_at=moment)


def test_three_quick_edits_make_one_schedule_update_once_things_are_quiet(
    lead, national, on_commit
):
    series = SessionFactory().series
    ScheduleChange.objects.all().delete()  # the factory's session is old news
    with on_commit():
        session = services.session_create(actor=national, series=series, **session_fields())
        services.session_update(actor=national, session_id=session.pk, capacity=60)
        services.session_update(actor=national, session_id=session.pk, title="Housing help")
        services.session_update(actor=national, session_id=session.pk, location="Town hall, Bolton")
    changes = list(ScheduleChange.objects.order_by("pk"))
    assert len(changes) == 3  # places alone is not a calendar change
    start = timezone.now()
    stamp(changes, [start, start + timedelta(minutes=2), start + timedelta(minutes=4)])

    assert circulation_send_changes(now=start + timedelta(minutes=5)) is None  # still editing
    with on_commit():
        circulation = circulation_send_changes(now=start + timedelta(minutes=4) + QUIET)
        assert circulation_send_changes(now=start + timedelta(minutes=30)) is None

    assert Circulation.objects.filter(kind=CirculationKind.CHANGES).count() == 1
    assert circulation.subject == "Schedule update: 1 session added"
    assert set(ScheduleChange.objects.values_list("circulation", flat=True)) == {circulation.pk}
    assert [m.to[0] for m in mail.outbox] == [lead.email]
    text = emails_of(circulation)[lead.email].body_text
    assert "WHAT HAS CHANGED" in text
    assert "Added:\n- Housing help:" in text


def test_a_change_in_the_quiet_period_makes_everything_wait_for_it(lead, national, on_commit):
    first, second = SessionFactory(title="Carers' rights"), SessionFactory(title="Get active")
    ScheduleChange.objects.all().delete()
    with on_commit():
        services.session_update(
            actor=national, session_id=first.pk, description="Now with a carers' centre."
        )
        services.session_cancel(actor=national, session_id=second.pk, reason="Speaker is ill.")
    changed, cancelled = ScheduleChange.objects.order_by("pk")
    start = timezone.now()
    stamp([changed, cancelled], [start, start + timedelta(minutes=8)])

    assert circulation_send_changes(now=start + timedelta(minutes=11)) is None
    with on_commit():
        circulation = circulation_send_changes(now=start + timedelta(minutes=19))

    assert circulation.subject == "Schedule update: 1 session changed and 1 cancelled"
    assert circulation.changes.count() == 2
    text = emails_of(circulation)[lead.email].body_text
    assert "Changed:\n- Carers' rights: new description" in text
    assert "Cancelled:\n- Get active, " in text
    assert "Reason: Speaker is ill." in text


def test_changes_that_never_settle_still_go_within_the_hour(lead, on_commit):
    session = SessionFactory()
    ScheduleChange.objects.all().delete()
    start = timezone.now()
    for minutes in range(0, 61, 5):  # an edit every five minutes for an hour
        change = ScheduleChange.objects.create(
            session=session, kind="changed", summary=f"edit {minutes}", sequence=minutes
        )
        stamp([change], [start + timedelta(minutes=minutes)])
    with on_commit():
        assert circulation_send_changes(now=start + timedelta(minutes=59)) is None
        circulation = circulation_send_changes(now=start + timedelta(minutes=61))
    assert circulation is not None
    assert len(mail.outbox) == 1


def test_a_regional_change_goes_only_to_that_regions_leads(north_west, london, on_commit):
    ours, theirs = make_lead(north_west), make_lead(london)
    event = SessionFactory(title="North West peer learning day", region=north_west)
    ScheduleChange.objects.all().delete()
    coordinator = UserFactory(role=Role.COORDINATOR, region=north_west)
    with on_commit():
        services.session_update(
            actor=coordinator, session_id=event.pk, location="Lowry Centre, Salford"
        )
    with on_commit():
        circulation = circulation_send_changes(now=timezone.now() + QUIET)
    assert list(emails_of(circulation)) == [ours.email]
    assert theirs.email not in [m.to[0] for m in mail.outbox]
    assert circulation.recipient_count == 1


# --- Unsubscribe ------------------------------------------------------------------------


@pytest.fixture
def weekly(lead, on_commit):
    SessionFactory()
    with on_commit():
        return circulation_send_weekly()


def test_the_unsubscribe_link_asks_on_get_and_stops_emails_on_a_signed_out_post(
    lead, weekly, north_west, on_commit
):
    link = unsubscribe_link_in(emails_of(weekly)[lead.email].body_text)
    url = "/" + link.split("://", 1)[1].split("/", 1)[1]
    client = mail_client()

    page = client.get(url)
    assert page.status_code == 200
    assert "Stop schedule emails?" in page.content.decode()
    assert not CirculationOptOut.objects.exists()  # a mail scanner's GET changes nothing

    done = client.post(url, {"List-Unsubscribe": "One-Click"})
    assert done.status_code == 200
    assert "You will no longer get schedule emails" in done.content.decode()
    opt_out = CirculationOptOut.objects.get()
    assert (opt_out.email, opt_out.circulation) == (lead.email, weekly)

    # Again, and from a region's host: still one opt-out.
    again = mail_client("north-west.localhost").post(url)
    assert again.status_code == 200
    assert CirculationOptOut.objects.count() == 1

    with on_commit():
        next_week = circulation_send_weekly(now=timezone.now() + timedelta(weeks=1))
    assert emails_of(next_week) == {}


@pytest.mark.parametrize("token", ["not-a-token", "damaged"])
def test_a_forged_or_damaged_unsubscribe_link_is_refused_and_changes_nothing(
    token, weekly, client_for
):
    if token == "damaged":
        token = unsubscribe_token("sam.patel@example.nhs.uk", circulation_id=weekly.pk)[:-3]
    url = reverse("webinars:unsubscribe", args=[token])
    for response in (client_for(None).get(url), mail_client().post(url)):
        assert response.status_code == 400
        assert "This unsubscribe link does not work" in response.content.decode()
    assert not CirculationOptOut.objects.exists()


def test_a_token_signed_for_something_else_is_refused(client_for):
    from django.core import signing

    token = signing.dumps(["someone@example.org", 1], salt="forums.notification-emails.unsubscribe")
    response = mail_client().post(reverse("webinars:unsubscribe", args=[token]))
    assert response.status_code == 400
    assert not CirculationOptOut.objects.exists()


# --- The national team's report ---------------------------------------------------------


def test_only_the_national_team_sees_the_report(client_for, north_west, lead, weekly, national):
    for person in (
        lead,
        UserFactory(region=north_west),
        UserFactory(role=Role.COORDINATOR, region=north_west),
    ):
        client = client_for(None, person)
        assert client.get(reverse("webinars:circulation_report")).status_code == 404
        detail = reverse("webinars:circulation_detail", args=[weekly.pk])
        assert client.get(detail).status_code == 404
    assert client_for(None, national).get(reverse("webinars:circulation_report")).status_code == 200


def test_the_report_counts_match_the_outbox(client_for, national, north_west, on_commit):
    leads = [make_lead(north_west) for _ in range(5)]
    SessionFactory()
    with broker_down(), on_commit():
        weekly = circulation_send_weekly()
    rows = {m.to: m for m in OutboxMessage.objects.filter(batch=weekly.batch_name)}
    for lead in leads[:2]:
        OutboxMessage.objects.filter(pk=rows[lead.email].pk).update(status=OutboxStatus.SENT)
    OutboxMessage.objects.filter(pk=rows[leads[2].email].pk).update(
        status=OutboxStatus.FAILED, last_error="550 5.1.1 No such user"
    )
    mail_client().post(
        reverse(
            "webinars:unsubscribe",
            args=[unsubscribe_token(leads[3].email, circulation_id=weekly.pk)],
        )
    )
    OutboxMessage.objects.create(key="other", to="x@example.org", subject="x", body_text="x")

    page = client_for(None, national).get(reverse("webinars:circulation_report")).content.decode()
    row = re.search(r"<tr class=\"nhsuk-table__row\" role=\"row\">\s*<td.*?</tr>", page, re.S)
    cells = re.findall(r"</span>(.*?)</td>", row.group(0), re.S)
    assert weekly.subject in cells[1]
    assert [re.sub(r"<.*?>", "", c).strip() for c in cells[2:]] == ["5", "5", "2", "1", "2", "1"]

    detail = client_for(None, national).get(
        reverse("webinars:circulation_detail", args=[weekly.pk])
    )
    text = detail.content.decode()
    assert leads[2].email in text
    assert "550 5.1.1 No such user" in text
    assert leads[0].email not in text  # delivered addresses are not listed


def test_the_report_is_empty_at_first(client_for, national):
    page = client_for(None, national).get(reverse("webinars:circulation_report")).content.decode()
    assert "No schedule has been circulated yet" in page


def test_the_detail_page_lists_the_changes_a_circulation_carried(
    client_for, national, lead, on_commit
):
    session = SessionFactory(title="Loneliness in later life")
    ScheduleChange.objects.all().delete()
    with on_commit():
        services.session_cancel(actor=national, session_id=session.pk, reason="Venue closed.")
    with on_commit():
        circulation = circulation_send_changes(now=timezone.now() + QUIET)
    page = client_for(None, national).get(
        reverse("webinars:circulation_detail", args=[circulation.pk])
    )
    assert "Cancelled:</strong> Loneliness in later life: Venue closed." in page.content.decode()
    missing = reverse("webinars:circulation_detail", args=[circulation.pk + 1000])
    assert client_for(None, national).get(missing).status_code == 404


def make_circulations(count: int, start: int) -> None:
    for n in range(start, start + count):
        circulation = Circulation.objects.create(
            kind=CirculationKind.WEEKLY, key=f"weekly:test-{n}", subject=f"Digest {n}",
            recipient_count=2,
        )  # fmt: skip
        for m in range(2):
            OutboxMessage.objects.create(
                key=f"{circulation.batch_name}:{m}", batch=circulation.batch_name,
                to=f"lead{m}@example.org", subject="s", body_text="b",
                status=OutboxStatus.SENT if m else OutboxStatus.FAILED,
            )  # fmt: skip


def test_the_report_costs_the_same_whatever_the_number_of_circulations(
    client_for, national, queries_for, django_assert_max_num_queries
):
    client = client_for(None, national)
    url = reverse("webinars:circulation_report")
    make_circulations(3, start=0)
    client.get(url)  # warm: session, user
    few = queries_for(lambda: client.get(url))
    make_circulations(30, start=3)
    many = queries_for(lambda: client.get(url))
    assert many == few
    with django_assert_max_num_queries(12):
        response = client.get(url)
    assert "Digest 32" in response.content.decode()
    assert "Digest 0" not in response.content.decode()  # on page 2
    assert "Digest 0" in client.get(url + "?page=2").content.decode()
    assert client.get(url + "?page=banana").status_code == 200
