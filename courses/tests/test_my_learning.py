"""My learning: a person's own modules, certificates and CPD log (and its CSV)."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from courses.models import Certificate
from courses.services import certificate_revoke, enrolment_create, lesson_complete
from learning.accounts.enums import Role
from learning.accounts.tests.factories import UserFactory

from .factories import lessons_of, make_course, make_training_index
from .test_certificates import complete_module, main_content

pytestmark = pytest.mark.django_db

MY_LEARNING = "/my-learning/"
CPD_CSV = "/my-learning/cpd.csv"


@pytest.fixture
def learner(north_west):
    return UserFactory(region=north_west, full_name="Ada Okoye")


def csv_rows(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def test_signed_out_people_are_sent_to_sign_in(client_for):
    for path in (MY_LEARNING, CPD_CSV):
        response = client_for(None).get(path)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))


def test_the_urls_are_the_agreed_ones():
    assert reverse("courses:my_learning") == MY_LEARNING
    assert reverse("courses:cpd_log_csv") == CPD_CSV


def test_someone_with_nothing_is_pointed_to_the_training_list(learner, client_for):
    index = make_training_index()
    response = client_for(None, learner).get(MY_LEARNING)
    assert response.status_code == 200
    page = main_content(response)
    assert "You have not started any accredited modules yet" in page
    assert f'href="{index.url}"' in page
    assert "Find a module in Training" in page
    assert reverse("courses:cpd_log_csv") not in page  # nothing to export


def test_it_lists_each_module_with_status_lessons_done_and_a_link(learner, client_for):
    started = make_course("Started module", lessons=3)
    waiting = make_course("Waiting module", lessons=2)
    finished = make_course("Finished module", lessons=2, cpd_hours="1.5")
    enrolment_create(user=learner, course=started)
    lesson_complete(user=learner, lesson=lessons_of(started)[0])
    enrolment_create(user=learner, course=waiting)
    complete_module(learner, finished)

    response = client_for(None, learner).get(MY_LEARNING)
    page = main_content(response)
    for course, status, lessons in (
        (started, "In progress", "1 of 3"),
        (waiting, "Not started", "0 of 2"),
        (finished, "Completed", "2 of 2"),
    ):
        row = page.split(f'href="{course.url}"', 1)[1].split("</tr>", 1)[0]
        assert status in row, course.title
        assert lessons in row, course.title
        assert timezone.localdate().strftime("%-d %b %Y") in row
    # Most recently active first.
    assert page.index("Finished module") < page.index("Started module")


def test_an_unpublished_lesson_does_not_count_toward_the_total(learner, client_for):
    course = make_course("Shrinking module", lessons=3)
    enrolment_create(user=learner, course=course)
    lesson_complete(user=learner, lesson=lessons_of(course)[0])
    lessons_of(course)[2].unpublish()
    page = main_content(client_for(None, learner).get(MY_LEARNING))
    assert "1 of 2" in page


def test_certificates_show_the_module_date_code_and_their_links(learner, client_for):
    certificate = complete_module(learner, make_course("Finished module", lessons=1))
    page = main_content(client_for(None, learner).get(MY_LEARNING))
    assert certificate.display_code in page
    assert reverse("courses:certificate_pdf", args=[certificate.code]) in page
    assert reverse("courses:verify", args=[certificate.display_code]) in page
    assert timezone.localtime(certificate.issued_at).strftime("%-d %b %Y") in page


@pytest.mark.clock
def test_the_cpd_log_lists_hours_by_date_with_the_total(learner, client_for):
    complete_module(learner, make_course("First module", lessons=1, cpd_hours="2.5"))
    complete_module(learner, make_course("Second module", lessons=1, cpd_hours="1.5"))
    page = main_content(client_for(None, learner).get(MY_LEARNING))
    log = page.split('id="cpd-log"', 1)[1]
    assert "Accredited module" in log
    assert "Personalised Care Institute" in log
    assert log.index("First module") < log.index("Second module")  # oldest first
    assert "2.5" in log and "1.5" in log
    assert "<strong>4</strong>" in log  # the total
    assert "4 hours in all" in log
    assert reverse("courses:cpd_log_csv") in log


def test_a_revoked_certificate_leaves_the_cpd_log_and_cannot_be_downloaded(
    learner, north_west, client_for
):
    kept = complete_module(learner, make_course("Kept module", lessons=1, cpd_hours="2"))
    lost = complete_module(learner, make_course("Lost module", lessons=1, cpd_hours="3"))
    national = UserFactory(region=north_west, role=Role.NATIONAL)
    certificate_revoke(by=national, certificate_id=lost.pk, reason="Issued in error")
    page = main_content(client_for(None, learner).get(MY_LEARNING))
    assert "Revoked" in page
    assert reverse("courses:certificate_pdf", args=[lost.code]) not in page
    assert reverse("courses:certificate_pdf", args=[kept.code]) in page
    log = page.split('id="cpd-log"', 1)[1]
    assert "Kept module" in log and "Lost module" not in log
    rows = csv_rows(client_for(None, learner).get(CPD_CSV))
    assert [row[1] for row in rows[1:-1]] == ["Kept module"]
    assert rows[-1][3] == "2"


def test_a_person_sees_only_their_own_records(learner, north_west, client_for):
    other = UserFactory(region=north_west, full_name="Ben Other")
    mine = complete_module(learner, make_course("My module", lessons=1))
    theirs = complete_module(other, make_course("Their module", lessons=1))
    enrolment_create(user=other, course=make_course("Their open module", lessons=1))

    page = main_content(client_for(None, learner).get(MY_LEARNING))
    assert "My module" in page and mine.display_code in page
    assert "Their module" not in page and "Their open module" not in page
    assert theirs.display_code not in page

    rows = csv_rows(client_for(None, learner).get(CPD_CSV))
    assert "Their module" not in {cell for row in rows for cell in row}
    assert theirs.display_code not in {cell for row in rows for cell in row}


@pytest.mark.clock
def test_the_csv_has_a_bom_the_log_the_total_and_a_dated_filename(learner, client_for):
    first = complete_module(learner, make_course("First module", lessons=1, cpd_hours="2.5"))
    complete_module(learner, make_course("Second module", lessons=1, cpd_hours="1.0"))
    response = client_for(None, learner).get(CPD_CSV)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == f'attachment; filename="cpd-log-{today}.csv"'
    assert "no-store" in response["Cache-Control"]
    rows = csv_rows(response)
    assert rows[0] == [
        "Date completed",
        "Activity",
        "Type",
        "CPD hours",
        "Accrediting body",
        "Certificate code or series",
    ]
    assert rows[1] == [
        timezone.localtime(first.issued_at).date().isoformat(),
        "First module",
        "Accredited module",
        "2.5",
        "Personalised Care Institute",
        first.display_code,
    ]
    assert rows[2][1:4] == ["Second module", "Accredited module", "1"]
    assert rows[3] == ["", "Total", "", "3.5", "", ""]


def test_the_csv_defuses_cells_a_spreadsheet_would_run(learner, client_for):
    certificate = complete_module(learner, make_course("Plain module", lessons=1))
    Certificate.objects.filter(pk=certificate.pk).update(
        course_title='=HYPERLINK("http://evil.example","Click")', accrediting_body="@SUM(A1)"
    )
    other = complete_module(learner, make_course("Other module", lessons=1))
    Certificate.objects.filter(pk=other.pk).update(course_title="+1+1", accrediting_body="-2")
    rows = csv_rows(client_for(None, learner).get(CPD_CSV))
    cells = {cell for row in rows for cell in row}
    assert '\'=HYPERLINK("http://evil.example","Click")' in cells
    assert "'@SUM(A1)" in cells
    assert "'+1+1" in cells and "'-2" in cells
    assert not any(cell[:1] in ("=", "+", "-", "@") for cell in cells)


def test_my_learning_queries_do_not_grow_with_records(
    learner, client_for, queries_for, django_assert_max_num_queries
):
    client = client_for(None, learner)
    complete_module(learner, make_course("Module 1", lessons=2))
    client.get(MY_LEARNING)  # warm the menu's and Wagtail's caches
    few = queries_for(lambda: client.get(MY_LEARNING))
    for n in range(2, 6):
        complete_module(learner, make_course(f"Module {n}", lessons=2))
    for n in range(6, 9):
        enrolment_create(user=learner, course=make_course(f"Module {n}", lessons=2))
    many = queries_for(lambda: client.get(MY_LEARNING))
    assert many == few
    with django_assert_max_num_queries(10):
        response = client.get(MY_LEARNING)
    assert response.content.count(b"nhsuk-tag--green") == 5
