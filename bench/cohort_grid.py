"""The cohort grid at 200 x 15 and 1,000 x 15 (members x assigned items): time per
render, as a ratio of rendering a static table of the same size, with the same
cell text, through the same template engine in the same run.

Two figures for each size: the grid's template alone (from a Grid already built),
and the whole of what the page does (read progress in its fixed number of
queries, build the Grid, render). Everything made here (people, modules,
enrolments, the cohort) is rolled back at the end.
"""

from __future__ import annotations

import random
import statistics
import time
from datetime import timedelta

SIZES = (200, 1000)
ITEMS = 15  # the induction pack and 14 modules
ROUNDS = 7
REGION = "north-west"

STATIC_TABLE = """\
<div class="nhsuk-table-container"><table class="nhsuk-table">
<caption class="nhsuk-table__caption">{{ caption }}</caption>
<thead class="nhsuk-table__head"><tr class="nhsuk-table__row"><th scope="col">Member</th>\
{% for title in columns %}<th class="nhsuk-table__header" scope="col">{{ title }}</th>{% endfor %}\
<th scope="col">Progress</th></tr></thead>
<tbody class="nhsuk-table__body">{% for name, cells, summary in rows %}
<tr class="nhsuk-table__row"><th class="nhsuk-table__header" scope="row">{{ name }}</th>\
{% for tag, label in cells %}<td class="nhsuk-table__cell"><strong class="nhsuk-tag {{ tag }}">\
{{ label }}</strong></td>{% endfor %}<td class="nhsuk-table__cell">{{ summary }}</td></tr>{% endfor %}
</tbody>
<tfoot class="nhsuk-table__body"><tr class="nhsuk-table__row"><th scope="row">Whole cohort</th>\
{% for summary in footer %}<td class="nhsuk-table__cell">{{ summary }}</td>{% endfor %}\
<td class="nhsuk-table__cell">{{ behind }} behind schedule</td></tr></tfoot>
</table></div>"""


class Rollback(Exception):
    """Raised at the end of the benchmark to undo everything it made."""


def median_ms(call, rounds: int = ROUNDS) -> float:
    call()  # warm
    samples = []
    for _ in range(rounds):
        started = time.perf_counter()
        call()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def _modules(count: int) -> list:
    from courses.models import CoursePage, TrainingIndexPage
    from learning.home.models import HomePage

    index = TrainingIndexPage.objects.first() or HomePage.objects.get().add_child(
        instance=TrainingIndexPage(title="Training", slug="training")
    )
    return [
        index.add_child(
            instance=CoursePage(
                title=f"Benchmark module {n}",
                slug=f"benchmark-module-{n}",
                summary="For the cohort grid benchmark.",
                cpd_hours=2,
                accrediting_body="Benchmark",
            )
        )
        for n in range(1, count + 1)
    ]


def _people(count: int, region) -> list:
    from learning.accounts.enums import Role
    from learning.accounts.models import PCN, User

    pcns = list(PCN.objects.filter(ccg__region=region))
    people = [
        User(
            email=f"grid.bench.{count}.{n}@example.org",
            full_name=f"Member {n:04d}",
            role=Role.LINK_WORKER,
            pcn=pcns[n % len(pcns)],
        )
        for n in range(count)
    ]
    for person in people:
        person.set_unusable_password()
    return User.objects.bulk_create(people)


def _progress(people, modules) -> None:
    """Every status somewhere: a third untouched, a third in progress, a third done."""
    from django.utils import timezone

    from courses.enums import EnrolmentStatus
    from courses.models import Enrolment

    rng = random.Random(15)  # noqa: S311 - the same made-up progress every run
    now = timezone.now()
    rows = []
    for person in people:
        for module in modules:
            status = rng.choice([None, EnrolmentStatus.IN_PROGRESS, EnrolmentStatus.COMPLETED])
            if status:
                rows.append(
                    Enrolment(
                        user=person,
                        course=module,
                        status=status,
                        completed_at=now if status == EnrolmentStatus.COMPLETED else None,
                    )
                )
    Enrolment.objects.bulk_create(rows)


def _cohort(people, modules, *, creator):
    from django.utils import timezone

    from cohorts.enums import AssignmentKind
    from cohorts.models import Cohort, CohortAssignment, CohortMember

    today = timezone.localdate()
    cohort = Cohort.objects.create(
        name=f"Benchmark {len(people)}", start_date=today - timedelta(days=60), created_by=creator
    )
    CohortMember.objects.bulk_create(
        CohortMember(cohort=cohort, user=person, added_by=creator) for person in people
    )
    CohortAssignment.objects.create(
        cohort=cohort, kind=AssignmentKind.INDUCTION, due_date=today - timedelta(days=7)
    )
    CohortAssignment.objects.bulk_create(
        CohortAssignment(
            cohort=cohort,
            kind=AssignmentKind.COURSE,
            course=module,
            due_date=today + timedelta(days=14 * (n % 3 - 1)),  # some overdue
        )
        for n, module in enumerate(modules)
    )
    return cohort


def _with_request(context, request):
    """{% querystring %} reads the request from the context (as RequestContext has it),
    without the context processors a RequestContext would also run."""
    context.request = request
    return context


def _static_context(grid) -> dict:
    return {
        "caption": f"Progress: {len(grid.rows)} members and {len(grid.items)} items",
        "columns": [item.title for item in grid.items],
        "rows": [
            (row.name, [(cell.tag, cell.label) for cell in row.cells], row.summary)
            for row in grid.rows
        ],
        "footer": [item.summary for item in grid.items],
        "behind": grid.behind,
    }


def cohort_grid_render():
    """Time per render of the cohort grid, against a static table of the same size."""
    from django.db import connection, transaction
    from django.template import Context, engines
    from django.template.loader import get_template
    from django.test import RequestFactory
    from django_tenants.utils import tenant_context

    from cohorts.grid import cohort_grid
    from learning.accounts.models import User
    from learning.regions.models import Region

    connection.set_schema_to_public()
    region = Region.objects.get(slug=REGION)
    request = RequestFactory().get("/cohorts/1/", HTTP_HOST=f"{REGION}.localhost")
    # Both rendered from a plain Context, without context processors: the menu and
    # the rest of the page are the same for any grid, so the table alone is compared.
    table = get_template("cohorts/grid_table.html").template
    static = engines["django"].from_string(STATIC_TABLE).template
    results = []
    try:
        with transaction.atomic():
            modules = _modules(ITEMS - 1)
            creator = User.objects.filter(email=f"coordinator.{REGION}@example.org").first()
            for size in SIZES:
                people = _people(size, region)
                _progress(people, modules)
                with tenant_context(region):
                    cohort = _cohort(people, modules, creator=creator or people[0])
                    grid = cohort_grid(cohort=cohort)
                    assert len(grid.rows) == size and len(grid.items) == ITEMS
                    context = _with_request(
                        Context({"grid": grid, "filters": {"sort": grid.sort}}), request
                    )
                    static_context = Context(_static_context(grid))
                    cells = static.render(static_context).count("nhsuk-tag ")
                    assert cells == size * ITEMS, cells

                    def page(cohort=cohort):
                        built = cohort_grid(cohort=cohort)
                        return table.render(
                            _with_request(Context({"grid": built, "filters": {}}), request)
                        )

                    baseline = median_ms(lambda c=static_context: static.render(c))
                    template_only = median_ms(lambda c=context: table.render(c))
                    whole = median_ms(page)
                results.append((size, baseline, template_only, whole))
            raise Rollback
    except Rollback:
        pass
    for size, baseline, template_only, whole in results:
        print(f"{size} members x {ITEMS} items ({size * ITEMS:,} cells)")
        print(f"  baseline  static table, same engine: {baseline:.1f} ms/render")
        print(f"  {template_only / baseline:6.2f}x  grid template ({template_only:.1f} ms)")
        print(f"  {whole / baseline:6.2f}x  queries + grid + template ({whole:.1f} ms)")
