"""The demo webinars: national series and a North West series, sessions to come
whenever the demo is seeded, one past session with its recording, slides, attendance
and feedback, and the North West demo link worker with a place and a waiting-list
place. The data keeps the schedule's rules, and seeding twice changes nothing."""

from datetime import timedelta

import pytest
from django.db.models import Count, Q
from django.utils import timezone

from demo.directory import DEMO_COHORT_LINK_WORKERS
from demo.training import cohort_email
from demo.webinars import seed_demo_webinars
from learning.accounts.models import User
from learning.accounts.tests.factories import UserFactory
from webinars.enums import RegistrationStatus, SessionStatus
from webinars.models import Attendance, Feedback, Registration, Series, Session

pytestmark = pytest.mark.django_db

DEMO_PASSWORD = "learning-network-demo"


@pytest.fixture
def demo_people(demo_directory, north_west):
    """The demo directory and people, and the North West's other demo link workers
    (the training demo makes them; here they are made directly, for speed)."""
    for name in DEMO_COHORT_LINK_WORKERS["north-west"]:
        UserFactory(full_name=name, email=cohort_email(name), region=north_west)
    return User.objects.get(email="linkworker.north-west@example.org")


def snapshot():
    return [
        list(model.objects.order_by("pk").values_list("pk", flat=True))
        for model in (Series, Session, Registration, Attendance, Feedback)
    ]


def test_the_series_are_the_programmes(demo_people, north_west):
    seed_demo_webinars()
    series = {s.slug: s for s in Series.objects.all()}
    assert series["welcome-webinar"].title == "Welcome webinar"
    assert series["themed-webinars-2026-27"].title == "Themed webinars 2026/27"
    assert series["north-west-learning-events"].region == north_west
    assert series["welcome-webinar"].region is None
    themes = set(series["themed-webinars-2026-27"].sessions.values_list("theme", flat=True))
    assert themes == {"loneliness", "money", "mental_health", "housing", "activity", "carers"}


def test_every_series_has_sessions_to_come_and_the_welcome_webinar_runs_monthly(demo_people):
    seed_demo_webinars()
    now = timezone.now()
    for series in Series.objects.all():
        assert series.sessions.upcoming(now=now).exists(), series.title
    welcome = list(Series.objects.get(slug="welcome-webinar").sessions.order_by("starts_at"))
    months = [
        (timezone.localtime(s.starts_at).year, timezone.localtime(s.starts_at).month)
        for s in welcome
    ]
    assert len(months) == len(set(months)) == 8
    assert sum(s.starts_at > now for s in welcome) >= 5


def test_the_demo_keeps_the_schedules_rules(demo_people):
    seed_demo_webinars()
    sessions = Session.objects.annotate(
        taken=Count("registrations", filter=Q(registrations__status=RegistrationStatus.REGISTERED)),
        waiting=Count("registrations", filter=Q(registrations__status=RegistrationStatus.WAITING)),
    )
    for session in sessions:
        assert session.taken <= session.capacity, session.title
        assert not session.waiting or session.taken == session.capacity, session.title
        assert session.ends_at > session.starts_at
        assert session.status == SessionStatus.SCHEDULED
        assert bool(session.join_url) != bool(session.location), session.title
        assert not session.join_url or session.join_url.startswith("https://")
        assert session.region_id == session.series.region_id
        local = timezone.localtime(session.starts_at)
        assert local.weekday() < 5 and 9 <= local.hour <= 14, session.title
    for attendance in Attendance.objects.all():
        assert attendance.session.has_ended()
        assert Registration.objects.filter(
            session=attendance.session, user=attendance.user, status=RegistrationStatus.REGISTERED
        ).exists()
    for feedback in Feedback.objects.all():
        assert Attendance.objects.filter(session=feedback.session, user=feedback.user).exists()
    for registration in Registration.objects.all():
        assert registration.queued_at <= min(registration.session.starts_at, timezone.now())


def test_the_demo_link_worker_attended_one_and_has_a_place_and_a_waiting_place(demo_people):
    seed_demo_webinars()
    worker = demo_people
    [attended] = Attendance.objects.filter(user=worker)
    past = attended.session
    assert past.theme == "loneliness" and past.has_ended()
    assert past.recording_url.startswith("https://") and past.slides_url.startswith("https://")
    assert Feedback.objects.filter(session=past).count() == 3
    now = timezone.now()
    [place] = Registration.objects.filter(
        user=worker, status=RegistrationStatus.REGISTERED, session__starts_at__gt=now
    )
    assert place.session.series.slug == "welcome-webinar"
    assert place.session == Session.objects.filter(series=place.session.series).upcoming().first()
    [waiting] = Registration.objects.filter(user=worker, status=RegistrationStatus.WAITING)
    full = waiting.session
    assert full.region.slug == "north-west"
    assert full.registrations.filter(status=RegistrationStatus.REGISTERED).count() == full.capacity
    from webinars.services import waiting_position

    assert waiting_position(waiting) == 1


def test_seeding_twice_changes_nothing(demo_people):
    seed_demo_webinars()
    before = snapshot()
    seed_demo_webinars()
    assert snapshot() == before


def test_seeding_next_month_adds_only_the_new_month(demo_people, monkeypatch):
    seed_demo_webinars()
    before = Session.objects.count()
    today = timezone.localdate()
    later = timezone.now() + timedelta(days=31)
    months = (later.year - today.year) * 12 + timezone.localtime(later).month - today.month
    monkeypatch.setattr(timezone, "now", lambda: later)
    seed_demo_webinars()
    assert Session.objects.count() == before + months
    assert Session.objects.latest("starts_at").series.slug == "welcome-webinar"


def test_without_the_demo_people_it_still_makes_the_schedule(db):
    seed_demo_webinars()
    assert Session.objects.exists()
    assert not Registration.objects.exists()
