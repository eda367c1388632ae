"""Places on a webinar under contention, on the real PostgreSQL: many people asking
for the last places at the same moment, each on their own connection, as they
would through several web workers. Capacity must hold and the waiting list must be
first come, first served."""

import threading
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import close_old_connections, connection, transaction
from django.utils import timezone

from learning.accounts.models import CCG, PCN, User
from learning.accounts.tests.factories import UserFactory
from learning.mail.models import OutboxMessage
from webinars.enums import RegistrationStatus
from webinars.models import Registration, Series, Session
from webinars.services import registration_cancel, registration_create
from webinars.tests.factories import SessionFactory

pytestmark = pytest.mark.integration

PEOPLE = 50


@pytest.fixture
def crowd(committed):
    """A national session with 5 places, 3 taken, and 50 more people who want one;
    all committed, and all removed afterwards."""
    with transaction.atomic():
        session = SessionFactory(capacity=5)
        holders = [UserFactory() for _ in range(3)]
        crowd = [UserFactory() for _ in range(PEOPLE)]
        for person in holders:
            registration_create(user=person, session_id=session.pk)
    everyone = holders + crowd
    try:
        yield session, holders, crowd
    finally:
        OutboxMessage.objects.filter(to__in=[p.email for p in everyone]).delete()
        series = session.series
        Session.objects.filter(pk=session.pk).delete()  # registrations go with it
        Series.objects.filter(pk=series.pk).delete()
        pcn_ids = [person.pcn_id for person in everyone]
        ccg_ids = list(PCN.objects.filter(pk__in=pcn_ids).values_list("ccg_id", flat=True))
        User.objects.filter(pk__in=[person.pk for person in everyone]).delete()
        PCN.objects.filter(pk__in=pcn_ids).delete()
        CCG.objects.filter(pk__in=ccg_ids).delete()


def all_at_once(people, action) -> list:
    """Run `action(person)` for everyone in their own thread and connection, released
    together by a barrier; returns each result or exception."""
    barrier = threading.Barrier(len(people))
    results = [None] * len(people)

    def run(index, person):
        try:
            barrier.wait(timeout=30)
            results[index] = action(person)
        except Exception as error:  # collected and asserted on by the test
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, p)) for i, p in enumerate(people)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    close_old_connections()
    return results


def test_fifty_people_asking_for_the_last_two_places_never_overfill_the_session(crowd):
    session, _, people = crowd

    results = all_at_once(people, lambda p: registration_create(user=p, session_id=session.pk))

    assert not [r for r in results if isinstance(r, Exception)]
    statuses = Registration.objects.filter(session=session).values_list("status", flat=True)
    assert list(statuses).count(RegistrationStatus.REGISTERED) == 5
    assert list(statuses).count(RegistrationStatus.WAITING) == PEOPLE - 2
    # Each person was told the truth: two got places, the rest a distinct position.
    places = [r for r in results if r.waiting_position is None]
    positions = sorted(r.waiting_position for r in results if r.waiting_position is not None)
    assert len(places) == 2
    assert positions == list(range(1, PEOPLE - 1))


def test_places_freed_at_once_go_to_the_first_people_waiting(crowd):
    session, holders, people = crowd
    for person in people[:7]:  # 2 places, then 5 waiting in this order
        registration_create(user=person, session_id=session.pk)
    waiting_in_order = list(
        Registration.objects.filter(session=session, status=RegistrationStatus.WAITING)
        .order_by("queued_at", "pk")
        .values_list("user_id", flat=True)
    )

    results = all_at_once(holders, lambda p: registration_cancel(user=p, session_id=session.pk))

    assert not [r for r in results if isinstance(r, Exception)]
    registered = Registration.objects.filter(session=session, status=RegistrationStatus.REGISTERED)
    assert registered.count() == 5
    promoted = set(registered.exclude(promoted_at=None).values_list("user_id", flat=True))
    assert promoted == set(waiting_in_order[:3])
    still_waiting = Registration.objects.filter(session=session, status=RegistrationStatus.WAITING)
    assert set(still_waiting.values_list("user_id", flat=True)) == set(waiting_in_order[3:])


def test_one_person_double_submitting_gets_one_place(crowd):
    session, _, people = crowd
    person = people[0]

    results = all_at_once(
        [person] * 5, lambda p: registration_create(user=p, session_id=session.pk)
    )

    refused = [r for r in results if isinstance(r, ValidationError)]
    assert len(refused) == 4
    assert "already registered" in refused[0].messages[0]
    assert Registration.objects.filter(session=session, user=person).count() == 1


def test_the_last_place_cannot_be_taken_once_the_session_has_started(crowd):
    session, _, people = crowd
    Session.objects.filter(pk=session.pk).update(
        starts_at=timezone.now() - timedelta(minutes=1), ends_at=timezone.now() + timedelta(hours=1)
    )
    with pytest.raises(ValidationError, match="already started"):
        registration_create(user=people[0], session_id=session.pk)
    assert not Registration.objects.filter(session=session, user=people[0]).exists()
