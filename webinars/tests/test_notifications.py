"""The emails a link worker gets about a session: their place or waiting-list
position, a place coming up, changes, a cancellation, the reminders 24 hours and 1
hour before, and the recording. Each goes to the right people exactly once."""

from datetime import timedelta

import pytest
from django.utils import timezone

from learning.accounts.enums import Role
from learning.accounts.tests.factories import UserFactory
from webinars.notifications import send_reminders
from webinars.services import (
    registration_cancel,
    registration_create,
    session_cancel,
    session_publish_materials,
    session_update,
)
from webinars.tests.factories import SessionFactory

pytestmark = pytest.mark.django_db

JOIN_URL = "https://teams.example.org/l/meetup-join/for-places-only"


@pytest.fixture
def national():
    return UserFactory(role=Role.NATIONAL)


@pytest.fixture
def session():
    start = (timezone.now() + timedelta(days=7)).replace(minute=0, second=0, microsecond=0)
    return SessionFactory(
        title="Supporting people with debt", join_url=JOIN_URL, capacity=1, starts_at=start
    )


def person(name: str):
    return UserFactory(full_name=name, email=f"{name.split()[0].lower()}@example.org")


def sent_to(mailoutbox) -> list[str]:
    return sorted(address for email in mailoutbox for address in email.to)


def only_email_to(mailoutbox, address: str):
    [email] = [e for e in mailoutbox if e.to == [address]]
    return email


def html_of(email) -> str:
    [(html, kind)] = email.alternatives
    assert kind == "text/html"
    return html


def uk(moment) -> str:
    local = timezone.localtime(moment)
    return f"{local:%A} {local.day} {local:%B %Y, %H:%M}"


def test_a_place_is_confirmed_with_the_join_link_and_calendar_file(session, on_commit, mailoutbox):
    priya = person("Priya Shah")
    with on_commit():
        registration_create(user=priya, session_id=session.pk)

    [email] = mailoutbox
    assert email.to == ["priya@example.org"]
    assert email.subject == "You have a place: Supporting people with debt"
    for body in (email.body, html_of(email)):
        assert "Dear Priya Shah" in body
        assert JOIN_URL in body
        assert uk(session.starts_at) in body
        assert "(UK time)" in body
        assert f"/webinars/{session.pk}/invitation.ics" in body
        assert f"/webinars/{session.pk}/" in body


def test_the_waiting_list_email_gives_the_position_and_no_join_link(session, on_commit, mailoutbox):
    registration_create(user=person("Ann Holder"), session_id=session.pk)
    registration_create(user=person("Ben First"), session_id=session.pk)
    tom = person("Tom Okafor")
    with on_commit():
        registration_create(user=tom, session_id=session.pk)

    email = only_email_to(mailoutbox, "tom@example.org")
    assert email.subject == "You are on the waiting list: Supporting people with debt"
    for body in (email.body, html_of(email)):
        assert "number 2" in body
        assert "we will email you" in body
        assert JOIN_URL not in body


def test_a_freed_place_goes_to_the_first_waiting_and_they_are_told_once(
    session, on_commit, mailoutbox
):
    holder, first, second = person("Ann Holder"), person("Ben First"), person("Cat Second")
    for someone in (holder, first, second):
        registration_create(user=someone, session_id=session.pk)

    with on_commit():
        registration_cancel(user=holder, session_id=session.pk)
        registration_cancel(user=second, session_id=session.pk)

    assert sent_to(mailoutbox) == ["ben@example.org"]
    [email] = mailoutbox
    assert email.subject == "A place has come up for you: Supporting people with debt"
    assert JOIN_URL in email.body and JOIN_URL in html_of(email)


def test_a_change_is_emailed_once_to_everyone_registered_or_waiting(
    session, national, on_commit, mailoutbox
):
    holder, waiting, gone = person("Ann Holder"), person("Ben Waiting"), person("Cat Gone")
    for someone in (holder, waiting, gone):
        registration_create(user=someone, session_id=session.pk)
    registration_cancel(user=gone, session_id=session.pk)
    new_start = session.starts_at + timedelta(days=1, hours=2)

    with on_commit():
        session_update(
            actor=national,
            session_id=session.pk,
            starts_at=new_start,
            ends_at=new_start + timedelta(hours=1),
        )

    assert sent_to(mailoutbox) == ["ann@example.org", "ben@example.org"]
    to_holder = only_email_to(mailoutbox, "ann@example.org")
    to_waiting = only_email_to(mailoutbox, "ben@example.org")
    assert to_holder.subject == "Changed: Supporting people with debt"
    summary = f"now {timezone.localtime(new_start):%A %-d %B %Y, %H:%M}"
    assert summary in to_holder.body and summary in html_of(to_holder)
    assert uk(new_start) in to_holder.body
    assert JOIN_URL in to_holder.body
    assert JOIN_URL not in to_waiting.body and JOIN_URL not in html_of(to_waiting)
    assert "still on the waiting list" in to_waiting.body


def test_a_cancellation_is_emailed_once_with_the_reason(session, national, on_commit, mailoutbox):
    holder, waiting = person("Ann Holder"), person("Ben Waiting")
    registration_create(user=holder, session_id=session.pk)
    registration_create(user=waiting, session_id=session.pk)

    with on_commit():
        session_cancel(actor=national, session_id=session.pk, reason="The speaker is unwell.")

    assert sent_to(mailoutbox) == ["ann@example.org", "ben@example.org"]
    for email in mailoutbox:
        assert email.subject == "Cancelled: Supporting people with debt"
        assert "The speaker is unwell." in email.body
        assert "The speaker is unwell." in html_of(email)
        assert JOIN_URL not in email.body


def test_the_recording_is_emailed_once_to_people_who_had_a_place(
    session, national, on_commit, mailoutbox
):
    holder, waiting = person("Ann Holder"), person("Ben Waiting")
    registration_create(user=holder, session_id=session.pk)
    registration_create(user=waiting, session_id=session.pk)

    with on_commit():
        session_publish_materials(
            actor=national,
            session_id=session.pk,
            recording_url="https://video.example.org/debt",
            slides_url="",
        )
        session_publish_materials(
            actor=national,
            session_id=session.pk,
            recording_url="https://video.example.org/debt-v2",
            slides_url="https://slides.example.org/debt",
        )

    [email] = mailoutbox
    assert email.to == ["ann@example.org"]
    assert email.subject == "Recording and slides: Supporting people with debt"
    assert "https://video.example.org/debt" in email.body


# --- Reminders --------------------------------------------------------------------------


def test_reminders_go_24_hours_and_1_hour_before_once_each_to_people_with_a_place(
    session, on_commit, mailoutbox
):
    holder, waiting = person("Ann Holder"), person("Ben Waiting")
    registration_create(user=holder, session_id=session.pk)
    registration_create(user=waiting, session_id=session.pk)
    start = session.starts_at

    with on_commit():
        send_reminders(now=start - timedelta(hours=30))  # too early
    assert mailoutbox == []

    with on_commit():
        send_reminders(now=start - timedelta(hours=23, minutes=55))
        send_reminders(now=start - timedelta(hours=23, minutes=50))  # the next sweep
    [tomorrow] = mailoutbox
    assert tomorrow.to == ["ann@example.org"]
    assert tomorrow.subject == "Starts tomorrow: Supporting people with debt"
    assert JOIN_URL in tomorrow.body and JOIN_URL in html_of(tomorrow)

    with on_commit():
        send_reminders(now=start - timedelta(minutes=55))
        send_reminders(now=start - timedelta(minutes=50))
    assert len(mailoutbox) == 2
    soon = mailoutbox[1]
    assert soon.to == ["ann@example.org"]
    assert soon.subject == "Starts in an hour: Supporting people with debt"
    assert JOIN_URL in soon.body


def test_someone_who_registers_two_hours_before_gets_only_the_hour_reminder(on_commit, mailoutbox):
    start = timezone.now() + timedelta(hours=2)
    session = SessionFactory(starts_at=start, ends_at=start + timedelta(hours=1))
    late = person("Lou Late")
    registration_create(user=late, session_id=session.pk)

    with on_commit():
        send_reminders(now=timezone.now() + timedelta(minutes=5))
    assert mailoutbox == []

    with on_commit():
        send_reminders(now=start - timedelta(minutes=55))
    [email] = mailoutbox
    assert email.subject.startswith("Starts in an hour:")


def test_a_moved_session_gets_its_reminders_again_for_the_new_time(
    session, national, on_commit, mailoutbox
):
    holder = person("Ann Holder")
    registration_create(user=holder, session_id=session.pk)
    first_start = session.starts_at
    with on_commit():
        send_reminders(now=first_start - timedelta(hours=23))
    assert len(mailoutbox) == 1

    later = first_start + timedelta(days=2)
    session_update(
        actor=national, session_id=session.pk, starts_at=later, ends_at=later + timedelta(hours=1)
    )
    mailoutbox.clear()
    with on_commit():
        send_reminders(now=later - timedelta(hours=23))
        send_reminders(now=later - timedelta(minutes=50))

    assert [email.subject.split(":")[0] for email in mailoutbox] == [
        "Starts tomorrow",
        "Starts in an hour",
    ]
    assert uk(later) in mailoutbox[0].body
