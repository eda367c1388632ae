"""Webinars and learning events in the CPD log: one entry per session attended, on
the session's UK date, with its length as hours, on My learning and in the CSV."""

import csv
import io
from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from courses.record_selectors import cpd_log, holder_attendances, holder_certificates
from learning.accounts.tests.factories import UserFactory
from webinars.enums import AttendanceSource, SessionStatus
from webinars.models import Attendance
from webinars.tests.factories import SeriesFactory, SessionFactory

from .factories import make_course
from .test_certificates import complete_module, main_content

pytestmark = pytest.mark.django_db

MY_LEARNING = "/my-learning/"
CPD_CSV = "/my-learning/cpd.csv"
UTC = ZoneInfo("UTC")


@pytest.fixture
def learner(north_west):
    return UserFactory(region=north_west, full_name="Ada Okoye")


def attended(user, *, starts_at, minutes=60, **fields):
    session = SessionFactory(
        starts_at=starts_at, ends_at=starts_at + timedelta(minutes=minutes), **fields
    )
    Attendance.objects.create(session=session, user=user, source=AttendanceSource.MARKED)
    return session


def csv_rows(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode("utf-8")
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))


def test_a_webinar_counts_its_length_on_its_uk_date(learner):
    # 23:30 UTC on 30 June is 00:30 on 1 July in the UK (BST).
    series = SeriesFactory(title="Themed webinars 2026/27")
    attended(
        learner,
        starts_at=datetime(2026, 6, 30, 23, 30, tzinfo=UTC),
        minutes=90,
        series=series,
        title="Housing and homelessness",
    )
    (entry,) = cpd_log([], holder_attendances(learner)).entries
    assert entry.date.isoformat() == "2026-07-01"
    assert entry.activity == "Housing and homelessness"
    assert entry.activity_type == "Webinar"
    assert entry.hours == Decimal("1.5")
    assert entry.accrediting_body == ""
    assert entry.reference == "Themed webinars 2026/27"


def test_a_regional_session_is_a_learning_event(learner, north_west):
    attended(learner, starts_at=timezone.now() - timedelta(days=2), region=north_west)
    (entry,) = cpd_log([], holder_attendances(learner)).entries
    assert entry.activity_type == "Learning event"


def test_a_cancelled_session_does_not_count(learner):
    session = attended(learner, starts_at=timezone.now() - timedelta(days=2))
    session.status = SessionStatus.CANCELLED
    session.save()
    assert holder_attendances(learner) == []
    assert cpd_log([], [Attendance.objects.get()]).entries == []


def test_modules_and_sessions_share_one_log_by_date(learner, client_for):
    attended(learner, starts_at=timezone.now() - timedelta(days=10), title="Carers' webinar")
    complete_module(learner, make_course("First module", lessons=1, cpd_hours="2.5"))
    log = cpd_log(holder_certificates(learner), holder_attendances(learner))
    assert [entry.activity for entry in log.entries] == ["Carers' webinar", "First module"]
    assert log.total_hours == Decimal("3.5")

    page = main_content(client_for(None, learner).get(MY_LEARNING))
    table = page.split('id="cpd-log"', 1)[1]
    assert table.index("Carers&#x27; webinar") < table.index("First module")
    assert "Webinar" in table and "Accredited module" in table
    assert "<strong>3.5</strong>" in table
    assert "3.5 hours in all" in table

    rows = csv_rows(client_for(None, learner).get(CPD_CSV))
    assert rows[0][-1] == "Certificate code or series"
    session = Attendance.objects.get().session
    assert rows[1] == [
        timezone.localtime(session.starts_at).date().isoformat(),
        "Carers' webinar",
        "Webinar",
        "1",
        "",
        session.series.title,
    ]
    assert rows[2][1:3] == ["First module", "Accredited module"]
    assert rows[3] == ["", "Total", "", "3.5", "", ""]


def test_someone_with_only_webinars_sees_their_log(learner, client_for):
    attended(learner, starts_at=timezone.now() - timedelta(days=3), title="Welcome webinar")
    page = main_content(client_for(None, learner).get(MY_LEARNING))
    assert "You have not started any accredited modules yet" in page
    log = page.split('id="cpd-log"', 1)[1]
    assert "Welcome webinar" in log
    assert "Download your CPD log (CSV)" in log


def test_other_peoples_attendance_stays_theirs(learner, north_west, client_for):
    other = UserFactory(region=north_west)
    attended(other, starts_at=timezone.now() - timedelta(days=3), title="Their webinar")
    page = main_content(client_for(None, learner).get(MY_LEARNING))
    assert "Their webinar" not in page
    rows = csv_rows(client_for(None, learner).get(CPD_CSV))
    assert "Their webinar" not in {cell for row in rows for cell in row}


def test_my_learning_queries_do_not_grow_with_attendance(
    learner, client_for, queries_for, django_assert_max_num_queries
):
    client = client_for(None, learner)
    attended(learner, starts_at=timezone.now() - timedelta(days=30))
    client.get(MY_LEARNING)  # warm the menu's and Wagtail's caches
    few = queries_for(lambda: client.get(MY_LEARNING))
    few_csv = queries_for(lambda: b"".join(client.get(CPD_CSV).streaming_content))
    for days in range(1, 8):
        attended(learner, starts_at=timezone.now() - timedelta(days=days))
    many = queries_for(lambda: client.get(MY_LEARNING))
    many_csv = queries_for(lambda: b"".join(client.get(CPD_CSV).streaming_content))
    assert (many, many_csv) == (few, few_csv)
    with django_assert_max_num_queries(10):
        response = client.get(MY_LEARNING)
    assert main_content(response).split('id="cpd-log"', 1)[1].count("<tr") == 10  # head, 8, total
