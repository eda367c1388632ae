"""Reminding members with overdue learning: a coordinator's nudge, and the weekly
reminder beat runs on Monday mornings."""

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.utils import timezone
from django_tenants.utils import tenant_context

from courses.enums import EnrolmentStatus
from learning.accounts.enums import Role
from learning.accounts.tests.factories import UserFactory
from learning.audit.enums import AuditAction
from learning.audit.models import AuditEvent
from learning.mail.models import OutboxMessage

from ..models import ReminderSent
from ..reminders import region_reminders_send, week_of
from ..tasks import send_weekly_reminders
from .factories import add_members, assign, days_from_today, make_cohort, set_enrolment

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort(north_west, coordinator, workers, module, second_module, pack):
    """Ada completed the overdue module; Ben and Cara did not. The induction is
    overdue for all three; the second module is due next week."""
    set_enrolment(workers[0], module, EnrolmentStatus.COMPLETED)
    set_enrolment(workers[1], module, EnrolmentStatus.IN_PROGRESS)
    with tenant_context(north_west):
        cohort = make_cohort(by=coordinator)
        add_members(cohort, workers, by=coordinator)
        assign(cohort, module, due=days_from_today(-2))
        assign(cohort, due=days_from_today(-1))
        assign(cohort, second_module, due=days_from_today(7))
    return cohort


def to(mailoutbox) -> list[str]:
    return sorted(address for email in mailoutbox for address in email.to)


# --- The nudge -----------------------------------------------------------------------------


def test_the_nudge_first_lists_who_will_be_reminded_and_about_what(cohort, coordinator_client):
    response = coordinator_client.get(f"/cohorts/{cohort.pk}/remind/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "3 members have learning that is overdue." in html
    ben = html[html.index("Ben Okri") :].split("</tr>")[0]
    due = days_from_today(-2)
    assert f"Personalised care conversations, due {due.day} {due:%b %Y}" in ben
    assert "Induction pack" in ben
    assert "Working with the voluntary sector" not in html  # not due yet
    assert "3 members have learning that is overdue" in html
    assert "Send the reminders" in html


def test_a_nudge_from_the_national_team_says_who_it_is_from(
    north_west, cohort, module, client_for, on_commit, mailoutbox
):
    national = UserFactory(role=Role.NATIONAL, full_name="Nadia Osei")
    with on_commit():
        client_for(north_west, national).post(f"/cohorts/{cohort.pk}/remind/")
    assert mailoutbox
    assert all(
        "Nadia Osei, of the national learning team, has asked us" in email.body
        and "your learning coordinator in" not in email.body.split("\n\n")[1]
        for email in mailoutbox
    )


@pytest.mark.clock
def test_the_nudge_emails_each_member_behind_once_a_day_and_is_audited(
    north_west, cohort, module, coordinator_client, on_commit, mailoutbox
):
    url = f"/cohorts/{cohort.pk}/remind/"
    with on_commit():
        response = coordinator_client.post(url)
    assert response.status_code == 302
    assert to(mailoutbox) == ["ada@nhs.net", "ben@nhs.net", "cara@nhs.net"]
    page = coordinator_client.get(response["Location"]).content.decode()
    assert "Reminder sent to 3 members behind schedule." in page
    ben = next(email for email in mailoutbox if email.to == ["ben@nhs.net"])
    assert ben.subject == "Reminder: 2 items of your learning are overdue"
    assert "Dear Ben Okri," in ben.body
    assert "Asha Patel, your learning coordinator in North West, has asked us" in ben.body
    due = days_from_today(-2)
    assert (
        f"- Personalised care conversations, due {due.day} {due:%B %Y} (Spring intake cohort)"
        in ben.body
    )
    assert f"http://north-west.localhost:8000{module.url}" in ben.body
    assert "http://north-west.localhost:8000/induction/" in ben.body
    assert "http://north-west.localhost:8000/my-learning/" in ben.body
    html = ben.alternatives[0][0]
    assert (
        f'<a href="http://north-west.localhost:8000{module.url}">Personalised care conversations</a>'
        in html
    )
    ada = next(email for email in mailoutbox if email.to == ["ada@nhs.net"])
    assert ada.subject.startswith("Reminder: Induction pack was due ")
    assert "Personalised care conversations" not in ada.body  # she completed it
    # A double click, or a second coordinator, the same day sends nothing more.
    with on_commit():
        again = coordinator_client.post(url)
    assert len(mailoutbox) == 3
    page = coordinator_client.get(again["Location"]).content.decode()
    assert "3 members were already reminded about this cohort today, so not again." in page
    events = AuditEvent.objects.filter(action=AuditAction.COHORT_NUDGED).order_by("pk")
    assert [e.details for e in events] == [
        {"sent": 3, "already_today": 0},
        {"sent": 0, "already_today": 3},
    ]
    assert events[0].region_schema == north_west.schema_name


def test_no_one_behind_means_no_button_and_no_email(
    north_west, coordinator, workers, module, coordinator_client, on_commit, mailoutbox
):
    with tenant_context(north_west):
        cohort = make_cohort(by=coordinator, name="On track")
        add_members(cohort, workers, by=coordinator)
        assign(cohort, module, due=days_from_today(5))
    grid = coordinator_client.get(f"/cohorts/{cohort.pk}/").content.decode()
    assert "Send a reminder to everyone behind schedule" not in grid
    confirm = coordinator_client.get(f"/cohorts/{cohort.pk}/remind/").content.decode()
    assert "No one in this cohort is behind schedule" in confirm
    with on_commit():
        response = coordinator_client.post(f"/cohorts/{cohort.pk}/remind/")
    assert mailoutbox == []
    page = coordinator_client.get(response["Location"]).content.decode()
    assert "No one is behind schedule, so no reminders were sent." in page


def test_a_closed_account_is_not_emailed(
    cohort, workers, coordinator_client, on_commit, mailoutbox
):
    workers[2].is_active = False
    workers[2].save()
    with on_commit():
        coordinator_client.post(f"/cohorts/{cohort.pk}/remind/")
    assert to(mailoutbox) == ["ada@nhs.net", "ben@nhs.net"]


# --- The weekly reminder ---------------------------------------------------------------------


def reminders(region) -> list[tuple[str, str]]:
    with tenant_context(region):
        return sorted(
            ReminderSent.objects.values_list("user__email", "assignment__kind").order_by()
        )


@pytest.mark.clock
def test_the_weekly_reminder_sends_once_an_item_a_week_and_again_the_next_week(
    north_west, cohort, on_commit, mailoutbox
):
    today = timezone.localdate()
    with tenant_context(north_west):
        with on_commit():
            assert region_reminders_send(today=today) == 3
        assert to(mailoutbox) == ["ada@nhs.net", "ben@nhs.net", "cara@nhs.net"]
        ben = next(email for email in mailoutbox if email.to == ["ben@nhs.net"])
        assert (
            "This is your weekly reminder from your learning coordinators in North West" in ben.body
        )
        assert "Personalised care conversations" in ben.body and "Induction pack" in ben.body
        # The same week, even on another day, nothing is sent again.
        with on_commit():
            assert region_reminders_send(today=today) == 0
            assert region_reminders_send(today=week_of(today) + timedelta(days=6)) == 0
        assert len(mailoutbox) == 3
        assert ReminderSent.objects.filter(week=week_of(today)).count() == 5
        # The next week, everyone still behind is reminded again.
        with on_commit():
            assert region_reminders_send(today=today + timedelta(days=7)) == 3
    assert len(mailoutbox) == 6


@pytest.mark.clock
def test_an_item_that_falls_overdue_mid_week_is_reminded_alone(
    north_west, cohort, second_module, on_commit, mailoutbox
):
    monday = week_of(timezone.localdate()) + timedelta(days=7)
    with tenant_context(north_west):
        with on_commit():
            assert region_reminders_send(today=monday) == 3
        cohort.assignments.filter(course=second_module).update(due_date=monday + timedelta(days=1))
        with on_commit():
            assert region_reminders_send(today=monday + timedelta(days=2)) == 3
    later = mailoutbox[3:]
    assert len(later) == 3
    for email in later:
        assert email.subject.startswith("Reminder: Working with the voluntary sector was due")
        assert "Personalised care conversations" not in email.body
        assert "Induction pack" not in email.body


def test_archived_cohorts_and_members_on_track_get_no_weekly_reminder(
    north_west, cohort, on_commit, mailoutbox
):
    with tenant_context(north_west):
        cohort.archived_at = timezone.now()
        cohort.save()
        with on_commit():
            assert region_reminders_send() == 0
    assert mailoutbox == []


def test_beat_queues_one_task_a_region_from_the_hub_and_each_reminds_its_own(
    north_west, london, cohort, coordinator, on_commit, mailoutbox
):
    londoner = UserFactory(region=london, email="lon@nhs.net")
    with tenant_context(london):
        theirs = make_cohort(by=coordinator, name="London spring")
        add_members(theirs, [londoner], by=coordinator)
        assign(theirs, due=days_from_today(-1))
    with on_commit():
        send_weekly_reminders.delay()  # from the hub, as beat runs it
    assert to(mailoutbox) == ["ada@nhs.net", "ben@nhs.net", "cara@nhs.net", "lon@nhs.net"]
    london_email = next(email for email in mailoutbox if email.to == ["lon@nhs.net"])
    assert "http://london.localhost:8000/" in london_email.body
    assert "in London" in london_email.body
    assert len(reminders(north_west)) == 5 and reminders(london) == [("lon@nhs.net", "induction")]
    with on_commit():
        send_weekly_reminders.delay()  # run twice the same week: nothing more
    assert len(mailoutbox) == 4


def test_the_hub_itself_has_no_cohorts_to_remind():
    assert region_reminders_send() == 0


def test_beat_runs_the_weekly_reminder_on_monday_mornings():
    from celery.schedules import crontab

    from learning.celery import app

    entry = app.conf.beat_schedule["cohort-weekly-reminders"]
    assert entry["task"] == send_weekly_reminders.name
    assert entry["schedule"] == crontab(hour=8, minute=0, day_of_week="mon")


# --- When each was last reminded ---------------------------------------------------------

# 08:05 UTC on a Wednesday in July is 09:05 in the UK (BST).
JULY_MORNING = datetime(2027, 7, 14, 8, 5, tzinfo=UTC)


@pytest.fixture
def clock():
    with time_machine.travel(JULY_MORNING, tick=False) as traveller:
        yield traveller


def remind_page(coordinator_client, cohort) -> BeautifulSoup:
    response = coordinator_client.get(f"/cohorts/{cohort.pk}/remind/")
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def last_reminded(soup) -> dict[str, str]:
    rows = soup.select("tbody tr")
    return {
        row.find_all("td")[0].get_text(" ", strip=True).removeprefix("Member ").strip(): " ".join(
            row.find_all("td")[2].get_text(" ", strip=True).removeprefix("Last reminded").split()
        )
        for row in rows
    }


@pytest.mark.clock
def test_straight_after_a_nudge_the_page_says_everyone_was_reminded_today(
    clock, cohort, coordinator_client, on_commit, mailoutbox
):
    before = remind_page(coordinator_client, cohort)
    assert set(last_reminded(before).values()) == {"Not reminded yet"}
    assert before.find("button", string="Send the reminders")
    with on_commit():
        coordinator_client.post(f"/cohorts/{cohort.pk}/remind/")
    clock.shift(timedelta(minutes=3))

    after = remind_page(coordinator_client, cohort)

    assert set(last_reminded(after).values()) == {"Today at 09:05, by a coordinator's reminder"}
    text = " ".join(after.get_text(" ").split())
    assert "Everyone behind schedule has already been reminded today." in text
    assert "No more reminders about this cohort can be sent until tomorrow." in text
    assert not after.select("main form[method=post]"), "nothing left to send today"
    assert len(mailoutbox) == 3


def test_the_page_shows_the_weekly_reminder_and_who_a_nudge_would_still_reach(
    clock, north_west, cohort, workers, coordinator, client_for
):
    from ..reminded import nudge_key

    with tenant_context(north_west):
        region_reminders_send()  # Wednesday 14 July, 09:05
    clock.move_to(JULY_MORNING + timedelta(days=1, hours=2))  # Thursday, 11:05
    with tenant_context(north_west):
        # Ben was nudged this morning already (the outbox key is what stops a second).
        OutboxMessage.objects.create(
            key=nudge_key(cohort_id=cohort.pk, user_id=workers[1].pk, day=date(2027, 7, 15)),
            to=workers[1].email,
            subject="Reminder",
            body_text="...",
        )

    soup = remind_page(client_for(north_west, coordinator), cohort)  # signed in anew

    shown = last_reminded(soup)
    assert shown["Ada Lovelace"] == "14 Jul 2027 at 09:05, by the weekly reminder"
    assert shown["Ben Okri"] == "Today at 11:05, by a coordinator's reminder"
    text = " ".join(soup.get_text(" ").split())
    assert "1 of them was reminded about this cohort today and will not be emailed again" in text
    assert soup.find("button", string="Remind the 2 not reminded today")
