"""Recording attendance from the report Teams or Zoom exports: the formats (read from
realistic files in data/), matching by email, totals for people who joined more
than once, rows reported back with reasons, and files refused whole."""

import codecs
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from induction.enums import StepKind, StepStatus
from induction.models import StepProgress
from induction.tests.factories import make_pack, make_section, make_step
from learning.accounts.enums import Role
from learning.accounts.tests.factories import UserFactory
from learning.audit.enums import AuditAction
from learning.audit.models import AuditEvent
from webinars.attendance import MAX_REPORT_BYTES, MAX_REPORT_ROWS, read_attendance_report
from webinars.enums import AttendanceSource, SessionStatus
from webinars.models import Attendance

from .factories import SessionFactory

pytestmark = pytest.mark.django_db

DATA = Path(__file__).parent / "data"
ZOOM_HEADER = "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\r\n"


def data_file(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, (DATA / name).read_bytes(), content_type="text/csv")


def upload_url(session) -> str:
    return reverse("webinars:attendance_upload", args=[session.pk])


def minutes_by_email(session) -> dict[str, int | None]:
    return {
        email.lower(): minutes
        for email, minutes in Attendance.objects.filter(session=session).values_list(
            "user__email", "minutes"
        )
    }


@pytest.fixture
def coordinator(north_west):
    """Hannah organises the North West's events (and appears in the reports)."""
    return UserFactory(
        role=Role.COORDINATOR,
        region=north_west,
        full_name="Hannah Reid",
        email="hannah.reid@example.org",
    )


@pytest.fixture
def accounts(north_west, london):
    """The people in the report files: Ada and Ben in the North West (Ben never
    registered), Kwame in London, and Łukasz, whose account is closed. Dana and the
    guests have no account."""
    ada = UserFactory(region=north_west, full_name="Ada Okoye", email="ada.okoye@example.org")
    ben = UserFactory(region=north_west, full_name="Ben Carter", email="ben.carter@example.org")
    kwame = UserFactory(region=london, full_name="Kwame Asante", email="kwame.asante@example.org")
    lukasz = UserFactory(
        region=north_west, full_name="Łukasz Nowak", email="lukasz.nowak@example.org"
    )
    lukasz.is_active = False
    lukasz.save()
    return {"ada": ada, "ben": ben, "kwame": kwame, "lukasz": lukasz}


@pytest.fixture
def event(north_west):
    now = timezone.now()
    return SessionFactory(
        region=north_west,
        title="Money worries: spotting them early",
        starts_at=now - timedelta(hours=2),
        ends_at=now - timedelta(hours=1),
    )


@pytest.fixture
def client(client_for, north_west, coordinator):
    return client_for(north_west, coordinator)


def test_a_teams_report_records_everyone_it_can_and_lists_the_rest(
    event, accounts, coordinator, client
):
    response = client.post(upload_url(event), {"file": data_file("teams_attendance_report.csv")})
    assert response.status_code == 200
    # In-meeting durations of section 2, rounded to the minute; section 3 (one row per
    # join) is not read, so Ben's time is not counted twice.
    assert minutes_by_email(event) == {
        "hannah.reid@example.org": 64,  # 1h 4m 28s
        "ada.okoye@example.org": 60,  # 59m 31s; the email's capitals do not matter
        "ben.carter@example.org": 45,  # no Email, matched by his Participant ID (UPN)
    }
    assert set(Attendance.objects.values_list("source", flat=True)) == {AttendanceSource.UPLOAD}
    assert set(Attendance.objects.values_list("recorded_by", flat=True)) == {coordinator.pk}
    html = response.content.decode()
    assert "3 people recorded as attending" in html
    assert "Read as a Microsoft Teams attendance report" in html
    rows = html.split("<tbody", 1)[1]
    for line, reason in (
        (14, "No email address in the report: a guest, or someone who joined by phone."),
        (15, "No one has an account with this email address."),
        (16, "Not in this event&#x27;s audience: it is for people in North West."),
        (17, "This person&#x27;s account is closed."),
    ):
        assert f"Row </span>{line}</td>" in rows
        assert reason in rows
    assert "4 rows not recorded" in html
    event_record = AuditEvent.objects.get(action=AuditAction.WEBINAR_ATTENDANCE_RECORDED)
    assert event_record.details == {
        "session": event.pk,
        "source": "upload",
        "recorded": 3,
        "already": 0,
        "not_recorded": 4,
    }


def test_a_zoom_report_adds_up_each_persons_joins(event, accounts, client):
    response = client.post(upload_url(event), {"file": data_file("zoom_participants.csv")})
    assert response.status_code == 200
    assert minutes_by_email(event) == {
        "hannah.reid@example.org": 65,  # once, though the meeting block names her too
        "ada.okoye@example.org": 59,  # 35 + 24: she left and joined again
        "ben.carter@example.org": 46,  # BEN.CARTER@EXAMPLE.ORG
    }
    html = response.content.decode()
    assert "Read as a Zoom attendance report" in html
    assert "Not an email address." in html  # fola.adeyemi@
    assert "Adeyemi, Fola" in html
    assert "3 rows not recorded" in html


def test_a_2021_teams_attendance_list_is_read_too(event, accounts, client):
    response = client.post(upload_url(event), {"file": data_file("teams_2021_attendance_list.csv")})
    assert response.status_code == 200
    assert minutes_by_email(event) == {
        "hannah.reid@example.org": 61,
        "ada.okoye@example.org": 60,
        "ben.carter@example.org": 47,
    }


def test_uploading_again_records_no_one_twice(event, accounts, client):
    client.post(upload_url(event), {"file": data_file("zoom_participants.csv")})
    Attendance.objects.filter(user=accounts["ada"]).delete()
    response = client.post(upload_url(event), {"file": data_file("teams_attendance_report.csv")})
    html = response.content.decode()
    assert "1 person recorded as attending" in html
    assert "Already recorded" in html and "Ben Carter, Hannah Reid." in html
    assert Attendance.objects.filter(session=event).count() == 3
    # The first report's minutes stand.
    assert minutes_by_email(event)["ben.carter@example.org"] == 46


def test_a_national_webinar_is_open_to_every_region(accounts, client_for, north_west):
    national = UserFactory(role=Role.NATIONAL, region=north_west)
    now = timezone.now()
    webinar = SessionFactory(starts_at=now - timedelta(hours=1), ends_at=now)
    client_for(None, national).post(
        upload_url(webinar), {"file": data_file("teams_attendance_report.csv")}
    )
    assert "kwame.asante@example.org" in minutes_by_email(webinar)  # London is welcome


def test_an_upload_completes_the_series_induction_steps(event, accounts, client):
    pack = make_pack()
    step = make_step(
        make_section(pack, "Learning with others"),
        "Attend a money webinar",
        StepKind.WEBINAR,
        series=event.series,
    )
    client.post(upload_url(event), {"file": data_file("zoom_participants.csv")})
    done = set(
        StepProgress.objects.filter(step=step, status=StepStatus.COMPLETED).values_list(
            "user__email", flat=True
        )
    )
    assert done == {"hannah.reid@example.org", "ada.okoye@example.org", "ben.carter@example.org"}


# --- Files refused whole ----------------------------------------------------------------


def big_zoom_file(rows: int) -> bytes:
    body = "".join(
        f"Person {n},person{n}@example.org,03/03/2026 10:00:00 AM,03/03/2026 11:00:00 AM,60,No\r\n"
        for n in range(rows)
    )
    return (ZOOM_HEADER + body).encode()


REFUSED = [
    ("binary_junk.csv", None, "The selected file is not a CSV file."),
    ("wrong_columns.csv", None, "The selected file has no column of email addresses."),
    ("empty.csv", b"", "The selected file is empty."),
    ("blank.csv", b"\r\n \r\n\t\r\n", "The selected file is empty."),
    ("zoom_header_only.csv", None, "The selected file has no participants in it"),
    ("zoom_mangled_duration.csv", None, "Row 7 has a time in the meeting that cannot be read"),
    ("teams_2020_attendance_list.csv", None, "This is an older Teams attendance list"),
    ("zoom_windows_1252.csv", None, "it is not saved as UTF-8 or UTF-16"),
    ("huge.csv", b"x" * (MAX_REPORT_BYTES + 1), "The selected file must be smaller than 2 MB."),
    (
        "long.csv",
        big_zoom_file(MAX_REPORT_ROWS + 1),
        f"The selected file has more than {MAX_REPORT_ROWS:,} participants&#x27; rows.",
    ),
    (
        "unclosed_quote.csv",
        (ZOOM_HEADER + 'Ada,ada.okoye@example.org,x,y,"60' + "9" * 140_000).encode(),
        "The selected file could not be read as CSV.",
    ),
]


@pytest.mark.parametrize("name, content, message", REFUSED, ids=[r[0] for r in REFUSED])
def test_a_file_that_cannot_be_used_records_no_one(name, content, message, event, accounts, client):
    upload = (
        SimpleUploadedFile(name, content, content_type="text/csv")
        if content is not None
        else data_file(name)
    )
    response = client.post(upload_url(event), {"file": upload})
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert "There is a problem" in html
    assert 'href="#id_file"' in html  # the error summary leads to the file input
    assert 'aria-describedby="id_file_helptext id_file_error"' in html
    assert not Attendance.objects.exists()
    assert not AuditEvent.objects.filter(action=AuditAction.WEBINAR_ATTENDANCE_RECORDED).exists()


def test_no_file_at_all_gets_a_message(event, client):
    response = client.post(upload_url(event), {})
    assert response.status_code == 400
    assert "Select the attendance report to upload." in response.content.decode()


def test_the_row_limit_allows_exactly_the_limit(event, client, monkeypatch):
    import webinars.attendance as attendance

    monkeypatch.setattr(attendance, "MAX_REPORT_ROWS", 3)
    assert (
        client.post(
            upload_url(event), {"file": SimpleUploadedFile("ok.csv", big_zoom_file(3))}
        ).status_code
        == 200
    )
    response = client.post(
        upload_url(event), {"file": SimpleUploadedFile("no.csv", big_zoom_file(4))}
    )
    assert response.status_code == 400
    assert "more than 3 participants" in response.content.decode()


@pytest.mark.parametrize(
    "make_session, message",
    [
        (lambda: SessionFactory(), "This session has not started yet."),
        (
            lambda: SessionFactory(
                starts_at=timezone.now() + timedelta(days=1),
                status=SessionStatus.CANCELLED,
                cancelled_at=timezone.now(),
            ),
            "This session was cancelled",
        ),
    ],
    ids=["not started", "cancelled"],
)
def test_no_upload_before_a_session_starts_or_for_a_cancelled_one(
    make_session, message, accounts, north_west, client_for
):
    session = make_session()
    client = client_for(None, UserFactory(role=Role.NATIONAL, region=north_west))
    page = client.get(upload_url(session))
    assert message in page.content.decode()
    assert 'type="file"' not in page.content.decode()
    response = client.post(upload_url(session), {"file": data_file("zoom_participants.csv")})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Attendance.objects.exists()


def test_another_regions_coordinator_cannot_upload(event, accounts, london, client_for):
    outsider = client_for(london, UserFactory(role=Role.COORDINATOR, region=london))
    assert outsider.get(upload_url(event)).status_code == 404
    response = outsider.post(upload_url(event), {"file": data_file("zoom_participants.csv")})
    assert response.status_code == 404
    assert not Attendance.objects.exists()


def test_an_upload_takes_the_same_queries_for_a_short_or_long_report(
    event, north_west, client, queries_for
):
    def report(people) -> SimpleUploadedFile:
        body = "".join(
            f"{p.full_name},{p.email},03/03/2026 10:00:00 AM,03/03/2026 11:00:00 AM,60,No\r\n"
            for p in people
        )
        return SimpleUploadedFile("zoom.csv", (ZOOM_HEADER + body).encode())

    few_people = [UserFactory(region=north_west) for _ in range(3)]
    many_people = [UserFactory(region=north_west) for _ in range(60)]
    client.post(upload_url(event), {"file": report(few_people)})  # warm the caches
    Attendance.objects.all().delete()
    few = queries_for(lambda: client.post(upload_url(event), {"file": report(few_people)}))
    many = queries_for(lambda: client.post(upload_url(event), {"file": report(many_people)}))
    assert many == few
    assert Attendance.objects.filter(session=event).count() == 63


# --- The reader on its own ---------------------------------------------------------------


def read(content: bytes):
    return read_attendance_report(SimpleUploadedFile("report.csv", content))


def test_utf16_without_a_byte_order_mark_and_semicolons_are_read():
    text = "Name;Email;Duration\r\nAda Okoye;ada.okoye@example.org;00:52:10\r\n"
    for encoded in (text.encode("utf-16-le"), text.encode("utf-8")):
        (row,) = read(encoded).rows
        assert (row.name, row.email, row.seconds) == ("Ada Okoye", "ada.okoye@example.org", 3130)


def test_a_plain_list_of_emails_is_read_without_durations():
    rows = read(b"Email\r\nada.okoye@example.org\r\n\r\nben.carter@example.org\r\n").rows
    assert [(r.number, r.email, r.seconds) for r in rows] == [
        (2, "ada.okoye@example.org", None),
        (4, "ben.carter@example.org", None),
    ]


@pytest.mark.parametrize(
    "duration, seconds",
    [
        ("1h 2m 3s", 3723),
        ("45m 10s", 2710),
        ("59s", 59),
        ("2h", 7200),
        ("1:05:00", 3900),
        ("", None),
    ],
)
def test_teams_durations(duration, seconds):
    content = codecs.BOM_UTF16_LE + (
        f"Name\tEmail\tIn-Meeting Duration\r\nAda\tada@example.org\t{duration}\r\n"
    ).encode("utf-16-le")
    assert read(content).rows[0].seconds == seconds


@pytest.mark.parametrize("duration", ["-5", "sixty", "99999", "1e3"])
def test_zoom_minutes_that_are_not_minutes_refuse_the_file(duration):
    content = (ZOOM_HEADER + f"Ada,ada@example.org,x,y,{duration},No\r\n").encode()
    with pytest.raises(Exception, match="Row 2 has a time in the meeting that cannot be read"):
        read(content)
