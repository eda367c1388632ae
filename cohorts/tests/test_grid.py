"""The cohort grid: members against assigned items, each cell's status, the
summaries, sorting, the CSV, and a query count that does not grow with the cohort."""

import csv
import io
import re

import pytest
from django.utils import timezone
from django_tenants.utils import tenant_context

from cohorts.enums import CellStatus
from cohorts.grid import cohort_grid
from courses.enums import EnrolmentStatus
from courses.models import Enrolment
from courses.services import attempt_start, attempt_submit, enrolment_create, lesson_complete
from courses.tests.factories import answers, lessons_of, make_course
from induction.enums import StepStatus
from induction.models import StepProgress
from induction.services import step_complete
from induction.tests.factories import steps_of
from learning.accounts.enums import Role
from learning.accounts.models import User
from learning.accounts.tests.factories import PCNFactory
from learning.audit.enums import AuditAction
from learning.audit.models import AuditEvent

from ..models import CohortMember
from .factories import add_members, assign, days_from_today, make_cohort, set_enrolment

pytestmark = pytest.mark.django_db

NOT_STARTED, IN_PROGRESS, COMPLETED, OVERDUE = (
    CellStatus.NOT_STARTED,
    CellStatus.IN_PROGRESS,
    CellStatus.COMPLETED,
    CellStatus.OVERDUE,
)


def complete_module(user, course):
    """Through the courses services, as a learner would."""
    enrolment_create(user=user, course=course)
    for lesson in lessons_of(course):
        lesson_complete(user=user, lesson=lesson)
    attempt = attempt_start(user=user, course=course)
    attempt_submit(user=user, attempt_id=attempt.pk, answers=answers(attempt))


def complete_induction(user, pack):
    steps = steps_of(pack)
    step_complete(user=user, step=steps["Who social prescribing helps"])
    progress = step_complete(user=user, step=steps["Meet your clinical supervisor"])
    progress.status = StepStatus.COMPLETED  # signed off
    progress.save()


@pytest.fixture
def cohort(north_west, coordinator, workers, module, second_module, pack):
    """Ada is on track, Ben and Cara are behind:

                      module (due yesterday)  second (due next week)  induction (due yesterday)
    Ada Lovelace      completed               in progress             completed
    Ben Okri          in progress -> overdue  not started             one step -> overdue
    Cara Dune         nothing -> overdue      not started             optional step only -> overdue
    """
    ada, ben, cara = workers
    complete_module(ada, module)
    set_enrolment(ada, second_module, EnrolmentStatus.IN_PROGRESS)
    complete_induction(ada, pack)
    set_enrolment(ben, module, EnrolmentStatus.IN_PROGRESS)
    step_complete(user=ben, step=steps_of(pack)["Who social prescribing helps"])
    step_complete(user=cara, step=steps_of(pack)["Further reading"])  # does not count
    with tenant_context(north_west):
        cohort = make_cohort(by=coordinator)
        add_members(cohort, workers, by=coordinator)
        assign(cohort, module, due=days_from_today(-1))
        assign(cohort, second_module, due=days_from_today(7))
        assign(cohort, due=days_from_today(-1))
    return cohort


def grid_of(region, cohort, **kwargs):
    with tenant_context(region):
        return cohort_grid(cohort=cohort, **kwargs)


def statuses(grid) -> dict[str, list[str]]:
    return {row.name: [cell.status for cell in row.cells] for row in grid.rows}


def test_each_cell_reads_the_training_record_or_the_induction_and_the_due_date(north_west, cohort):
    grid = grid_of(north_west, cohort)
    assert [item.title for item in grid.items] == [
        "Personalised care conversations",
        "Induction pack",
        "Working with the voluntary sector",
    ]  # by due date
    assert statuses(grid) == {
        "Ada Lovelace": [COMPLETED, COMPLETED, IN_PROGRESS],
        "Ben Okri": [OVERDUE, OVERDUE, NOT_STARTED],
        "Cara Dune": [OVERDUE, OVERDUE, NOT_STARTED],
    }


def test_summaries_per_item_per_member_and_for_the_cohort(north_west, cohort):
    grid = grid_of(north_west, cohort)
    assert [item.summary for item in grid.items] == [
        "1 of 3 completed, 2 overdue",
        "1 of 3 completed, 2 overdue",
        "0 of 3 completed",
    ]
    assert [row.summary for row in grid.rows] == [
        "2 of 3 done",
        "0 of 3 done, 2 overdue",
        "0 of 3 done, 2 overdue",
    ]
    assert grid.behind == 2


def test_a_closed_account_stays_listed_but_is_not_counted_behind_anywhere(
    north_west, cohort, workers, coordinator_client
):
    """The list, the grid and the reminders agree: a closed account is never emailed,
    so it is not "behind schedule" either."""
    cara = workers[2]
    cara.is_active = False
    cara.save()
    grid = grid_of(north_west, cohort)
    assert grid.behind == 1
    assert "Cara Dune" in [row.name for row in grid.rows]
    page = coordinator_client.get(f"/cohorts/{cohort.pk}/").content.decode()
    assert "(account closed)" in page
    assert ">1 behind<" in coordinator_client.get("/cohorts/").content.decode()


def cell(grid, name: str, title: str) -> str:
    row = next(row for row in grid.rows if row.name == name)
    column = next(n for n, item in enumerate(grid.items) if item.title == title)
    return row.cells[column].status


def test_an_item_due_today_is_not_overdue_yet_and_completed_is_never_overdue(
    north_west, cohort, module
):
    with tenant_context(north_west):
        cohort.assignments.filter(course=module).update(due_date=timezone.localdate())
    grid = grid_of(north_west, cohort)
    assert cell(grid, "Ben Okri", module.title) == IN_PROGRESS
    assert cell(grid, "Cara Dune", module.title) == NOT_STARTED
    late = grid_of(north_west, cohort, today=days_from_today(30))
    assert statuses(late)["Ada Lovelace"] == [COMPLETED, COMPLETED, OVERDUE]


def test_the_induction_counts_only_required_published_steps(north_west, cohort, pack):
    assert statuses(grid_of(north_west, cohort))["Ben Okri"][1] == OVERDUE  # 1 of 2 steps
    # Unpublished, the step he has not done stops counting: his induction is complete.
    steps_of(pack)["Meet your clinical supervisor"].unpublish()
    after = statuses(grid_of(north_west, cohort))
    assert after["Ben Okri"][1] == COMPLETED
    assert after["Cara Dune"][1] == OVERDUE  # her optional reading never counted


def test_the_page_is_a_real_table_with_headers_captions_and_statuses_in_words(
    cohort, coordinator_client
):
    response = coordinator_client.get(f"/cohorts/{cohort.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    container = re.search(r'<div class="nhsuk-table-container"[^>]*>', html).group(0)
    assert 'tabindex="0"' in container and 'role="region"' in container
    assert '<caption class="nhsuk-table__caption" id="cohort-grid-caption">' in html
    assert "Progress: 3 members and 3 items of learning" in html
    assert html.count('scope="col"') == 3 + 2  # the items, the name and progress columns
    assert html.count('scope="row"') == 3 + 1  # the members and the whole-cohort summary
    assert '<th class="nhsuk-table__header" scope="row">Ben Okri</th>' in html
    assert '<strong class="nhsuk-tag nhsuk-tag--red">Overdue</strong>' in html
    assert '<strong class="nhsuk-tag nhsuk-tag--green">Completed</strong>' in html
    assert '<strong class="nhsuk-tag nhsuk-tag--blue">In progress</strong>' in html
    assert '<strong class="nhsuk-tag nhsuk-tag--white">Not started</strong>' in html
    assert "1 of 3 completed, 2 overdue" in html and "0 of 3 done, 2 overdue" in html
    assert "2 behind schedule" in html
    assert "Send a reminder to everyone behind schedule" in html


def row_names(html: str) -> list[str]:
    return re.findall(r'<th class="nhsuk-table__header" scope="row">([^<]+)</th>', html)[:-1]


@pytest.mark.parametrize(
    ("sort", "expected", "aria"),
    [
        ("name", ["Ada Lovelace", "Ben Okri", "Cara Dune"], 'aria-sort="ascending"'),
        ("-name", ["Cara Dune", "Ben Okri", "Ada Lovelace"], 'aria-sort="descending"'),
        # Least done first; people level with each other stay in name order.
        ("progress", ["Ben Okri", "Cara Dune", "Ada Lovelace"], 'aria-sort="ascending"'),
        ("-progress", ["Ada Lovelace", "Ben Okri", "Cara Dune"], 'aria-sort="descending"'),
        ("password' OR 1=1", ["Ada Lovelace", "Ben Okri", "Cara Dune"], 'aria-sort="ascending"'),
    ],
)
def test_the_grid_sorts_by_name_and_by_progress_with_plain_links(
    cohort, coordinator_client, sort, expected, aria
):
    html = coordinator_client.get(f"/cohorts/{cohort.pk}/", {"sort": sort}).content.decode()
    assert row_names(html) == expected
    assert aria in html
    assert 'href="?sort=-name"' in html or 'href="?sort=name"' in html  # no script needed


def test_progress_sort_puts_someone_started_above_someone_not_started(
    north_west, cohort, workers, second_module
):
    set_enrolment(workers[2], second_module, EnrolmentStatus.IN_PROGRESS)  # Cara starts one
    grid = grid_of(north_west, cohort, sort="progress")
    assert [row.name for row in grid.rows] == ["Ben Okri", "Cara Dune", "Ada Lovelace"]
    set_enrolment(workers[1], second_module, EnrolmentStatus.COMPLETED)  # Ben completes it
    grid = grid_of(north_west, cohort, sort="progress")
    assert [row.name for row in grid.rows] == ["Cara Dune", "Ben Okri", "Ada Lovelace"]


def test_the_csv_has_every_member_and_item_is_audited_and_defuses_formulas(
    north_west, cohort, workers, coordinator_client
):
    workers[0].full_name = '=HYPERLINK("http://evil.example","Ada")'
    workers[0].save()
    response = coordinator_client.get(f"/cohorts/{cohort.pk}/export/", {"sort": "-progress"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Cache-Control"] == "private, no-store"
    assert "attachment" in response["Content-Disposition"]
    body = b"".join(response.streaming_content).decode()
    assert body.startswith("\ufeff")  # so Excel reads it as UTF-8
    rows = list(csv.reader(io.StringIO(body[1:])))
    due = days_from_today(-1).isoformat()
    assert rows[0][:4] == [
        "Name",
        "Email",
        "PCN",
        f"Personalised care conversations (due {due})",
    ]
    assert rows[0][-3:] == [
        "Items completed",
        "Items overdue",
        "Modules with every attempt used without passing",
    ]
    assert len(rows) == 4
    assert rows[1][0] == '\'=HYPERLINK("http://evil.example","Ada")'
    assert rows[1][3:] == ["Completed", "Completed", "In progress", "2", "0", "0"]
    assert rows[2][:2] == ["Ben Okri", "ben@nhs.net"]
    assert rows[2][3:] == ["Overdue", "Overdue", "Not started", "0", "2", "0"]
    event = AuditEvent.objects.get(action=AuditAction.COHORT_EXPORTED)
    assert event.region_schema == north_west.schema_name
    assert event.details == {"members": 3, "items": 3}
    assert "Spring intake" in event.subject


def test_an_empty_cohort_says_what_to_do_next(north_west, coordinator, coordinator_client, workers):
    with tenant_context(north_west):
        cohort = make_cohort(by=coordinator, name="Autumn intake")
    html = coordinator_client.get(f"/cohorts/{cohort.pk}/").content.decode()
    assert "This cohort has no members yet." in html
    assert "<table" not in html
    with tenant_context(north_west):
        add_members(cohort, workers[:1], by=coordinator)
    html = coordinator_client.get(f"/cohorts/{cohort.pk}/").content.decode()
    assert "No learning is assigned to this cohort yet." in html
    assert "<table" not in html


# --- Query counts ---------------------------------------------------------------------


def big_cohort(region, coordinator, pack, *, members: int, modules: int):
    """`members` link workers and `modules` modules plus the induction, with mixed progress."""
    pcn = PCNFactory(ccg__region=region)
    stamp = timezone.now().strftime("%H%M%S%f")
    people = User.objects.bulk_create(
        User(
            email=f"bulk{stamp}-{n}@nhs.net",
            full_name=f"Person {n:04d}",
            role=Role.LINK_WORKER,
            pcn=pcn,
        )
        for n in range(members)
    )
    courses = [make_course(f"Module {stamp} {n}", lessons=1, questions=1) for n in range(modules)]
    statuses = [EnrolmentStatus.NOT_STARTED, EnrolmentStatus.IN_PROGRESS, EnrolmentStatus.COMPLETED]
    Enrolment.objects.bulk_create(
        Enrolment(
            user=person,
            course=course,
            status=statuses[(i + j) % 3],
            completed_at=timezone.now() if (i + j) % 3 == 2 else None,
        )
        for i, person in enumerate(people)
        for j, course in enumerate(courses)
        if (i + j) % 4
    )
    first_step = steps_of(pack)["Who social prescribing helps"]
    StepProgress.objects.bulk_create(
        StepProgress(user=person, step=first_step, status=StepStatus.COMPLETED)
        for person in people[::2]
    )
    with tenant_context(region):
        cohort = make_cohort(by=coordinator, name=f"Cohort of {members}")
        CohortMember.objects.bulk_create(
            CohortMember(cohort=cohort, user=person, added_by=coordinator) for person in people
        )
        assign(cohort, due=days_from_today(-1))
        for n, course in enumerate(courses):
            assign(cohort, course, due=days_from_today(n - modules // 2))
    return cohort


# Today 17: the layout's 9 (tenant, session, user, region access, menu, notifications)
# and the grid's 8 (cohort, items, members, enrolments, pack, counted steps, induction).
GRID_QUERY_CEILING = 20


def test_the_grid_runs_the_same_few_queries_for_2_or_200_members(
    north_west, coordinator, coordinator_client, pack, queries_for, django_assert_max_num_queries
):
    small = big_cohort(north_west, coordinator, pack, members=2, modules=1)
    large = big_cohort(north_west, coordinator, pack, members=200, modules=14)
    coordinator_client.get(f"/cohorts/{small.pk}/")  # warm the menu's cache
    with django_assert_max_num_queries(GRID_QUERY_CEILING):
        small_page = coordinator_client.get(f"/cohorts/{small.pk}/")
    with django_assert_max_num_queries(GRID_QUERY_CEILING):
        large_page = coordinator_client.get(f"/cohorts/{large.pk}/", {"sort": "progress"})
    assert small_page.status_code == large_page.status_code == 200
    assert (
        large_page.content.decode().count('<td class="nhsuk-table__cell"><strong class="nhsuk-tag')
        == 200 * 15
    )
    assert queries_for(lambda: coordinator_client.get(f"/cohorts/{small.pk}/")) == queries_for(
        lambda: coordinator_client.get(f"/cohorts/{large.pk}/")
    )


def test_the_grid_selector_alone_is_a_handful_of_queries(
    north_west, coordinator, pack, django_assert_max_num_queries
):
    large = big_cohort(north_west, coordinator, pack, members=200, modules=14)
    # Seven, and the SET of the search path that entering the region costs.
    with tenant_context(north_west), django_assert_max_num_queries(8):
        grid = cohort_grid(cohort=large)
    assert len(grid.rows) == 200 and len(grid.items) == 15
    assert all(len(row.cells) == 15 for row in grid.rows)


# --- People out of attempts ----------------------------------------------------------------


def fail_every_attempt(user, course):
    enrolment_create(user=user, course=course)
    for lesson in lessons_of(course):
        lesson_complete(user=user, lesson=lesson)
    for _ in range(course.max_attempts):
        attempt = attempt_start(user=user, course=course)
        attempt_submit(user=user, attempt_id=attempt.pk, answers=answers(attempt, right=0))


@pytest.fixture
def stuck_cohort(north_west, coordinator, workers, pack):
    """Ben failed both his attempts at the module; Cara failed one of two; Ada passed."""
    ada, ben, cara = workers
    course = make_course("Safeguarding adults", lessons=1, questions=1, max_attempts=2)
    complete_module(ada, course)
    fail_every_attempt(ben, course)
    enrolment_create(user=cara, course=course)
    lesson_complete(user=cara, lesson=lessons_of(course)[0])
    attempt = attempt_start(user=cara, course=course)
    attempt_submit(user=cara, attempt_id=attempt.pk, answers=answers(attempt, right=0))
    with tenant_context(north_west):
        cohort = make_cohort(by=coordinator, name="Safeguarding group")
        add_members(cohort, workers, by=coordinator)
        assign(cohort, course, due=days_from_today(30))
    return cohort


def test_the_grid_flags_who_used_every_attempt_without_passing(north_west, stuck_cohort, workers):
    grid = grid_of(north_west, stuck_cohort)

    flags = {row.name: [cell.out_of_attempts for cell in row.cells] for row in grid.rows}
    assert flags == {"Ada Lovelace": [False], "Ben Okri": [True], "Cara Dune": [False]}
    assert grid.out_of_attempts == 1


def test_the_page_and_csv_say_so_in_words_with_a_way_to_give_another(
    stuck_cohort, workers, coordinator_client
):
    from bs4 import BeautifulSoup

    html = coordinator_client.get(f"/cohorts/{stuck_cohort.pk}/").content.decode()
    soup = BeautifulSoup(html, "html.parser")
    ben_row = next(tr for tr in soup.select("tbody tr") if tr.th.get_text(strip=True) == "Ben Okri")
    cell = ben_row.find("td")
    assert " ".join(cell.get_text(" ").split()) == (
        "In progress Every attempt used without passing : give Ben Okri another"
    )
    assert cell.a["href"] == f"/induction-progress/people/{workers[1].pk}/"
    person = coordinator_client.get(cell.a["href"])
    assert person.status_code == 200 and "another attempt" in person.content.decode().lower()
    assert "1 member has used every attempt at a module's assessment without passing" in html
    cara_row = next(
        tr for tr in soup.select("tbody tr") if tr.th.get_text(strip=True) == "Cara Dune"
    )
    assert "Every attempt used" not in cara_row.get_text()

    response = coordinator_client.get(f"/cohorts/{stuck_cohort.pk}/export/")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode()[1:])))
    by_name = {row[0]: row for row in rows[1:]}
    assert by_name["Ben Okri"][3] == "In progress (every attempt used without passing)"
    assert by_name["Ben Okri"][-1] == "1"
    assert by_name["Cara Dune"][3] == "In progress" and by_name["Cara Dune"][-1] == "0"
