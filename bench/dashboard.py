"""The reporting dashboards over 7 regions x 2,000 link workers with 90 days of
activity: time per request of the national dashboard, a region's dashboard and one of
its chart SVGs, as a ratio of one indexed count query over the same person-level data
in the same run.

The promise being checked: a dashboard runs a fixed number of queries whatever the
number of people, and the national one reads one aggregate per region (DailyFigure
rows), never a row per person. So besides the times the report gives each page's
number of queries, with the demo's handful of people and again with 14,000, and how
many DailyFigure rows those queries went through (summed from EXPLAIN ANALYZE of the
very queries the page ran) against the number of people and of activity rows.

The data, made with bulk_create (no signals, no per-row work): 2,000 link workers a
region spread over its PCNs, joined over the last 120 days; the demo's modules
completed (and some in progress) on days spread over the last 90; a national series
of 13 weekly past sessions with 3 registrations and about 2 attendances a person; in
each region's schema 1,000 forum threads with up to 4 replies each, some unanswered.
It is committed (so VACUUM ANALYZE can give the planner statistics and a visibility
map, as a live database has) and deleted at the end; the regions' figures are then
worked out again, so the dashboards show the demo's activity as before. Everything is
found by a mark (emails starting `bench-dash-`, the series' slug), so a run that was
killed is cleaned up by the next.

The aggregation (reporting.services.region_figures_refresh, the nightly job) is
timed per region as information: once over the 91 days (as a first refresh would),
then as the nightly run does it (the last two days).

The baseline: `Enrolment.objects.filter(course__in=modules, status=completed).count()`,
the modules completed in England, answered from the (course, status) index; the plan
is printed to show it. Pages and baseline are timed alike: per_request_ms's method
(bench/__main__.py), the median over 7 rounds of the mean of 40 calls.

    BENCH_DASHBOARD_WORKERS=200 python -m bench dashboard    a quick run (default 2000)
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import re
import statistics
import time
from collections.abc import Callable, Iterator
from datetime import timedelta

WORKERS = int(os.environ.get("BENCH_DASHBOARD_WORKERS", "2000"))  # a region
DAYS = 90  # of activity; the dashboards' default period is 12 weeks
JOINED_DAYS = 120  # people joined over this many days, so the head count grows
SESSIONS = 13  # weekly, in the past
REGISTRATIONS_EACH = 3
ATTENDED = 0.7  # of registrations
THREADS = WORKERS // 2  # a region
REPLIES = (0, 0, 1, 1, 2, 3, 4)  # a thread's, chosen at random: some go unanswered
MARK = "bench-dash-"  # every person made here has an email starting with this
SERIES_SLUG = "bench-dash-webinars"
BATCH = 2000
ROUNDS, CALLS, WARM = 7, 40, 5  # as per_request_ms
REGION = "north-west"
NATIONAL = "national@example.org"
COORDINATOR = f"coordinator.{REGION}@example.org"
PAGES = [
    ("national dashboard, England by region", NATIONAL, "localhost", "/reports/"),
    (f"regional dashboard, {REGION}", COORDINATOR, f"{REGION}.localhost", "/reports/"),
    (f"learning chart SVG, {REGION}", COORDINATOR, f"{REGION}.localhost", "/reports/charts/learning.svg"),
]  # fmt: skip
FIGURES_TABLE = "reporting_dailyfigure"
# Where the person-level activity is: the dashboards' own queries should read none.
ACTIVITY_TABLES = (
    "courses_enrolment", "courses_certificate", "webinars_registration",
    "webinars_attendance", "forums_thread", "forums_post", "induction_stepprogress",
)  # fmt: skip


def dashboard():
    """Dashboards over 7 regions x 2,000 link workers, against one indexed count query."""
    from django.db import connection
    from django.utils import timezone

    from learning.regions.models import Region

    connection.set_schema_to_public()
    regions = list(Region.objects.regional().order_by("slug"))
    first = timezone.localdate() - timedelta(days=DAYS)
    _remove()  # what a killed run left
    clients = {name: _signed_in(email, host) for name, email, host, _ in PAGES}
    # The same pages with the demo's people only: the query count must not move.
    demo_queries = {name: len(_one_request(clients[name], path)) for name, _, _, path in PAGES}
    try:
        started = time.perf_counter()
        made = _make(regions)
        made_seconds = time.perf_counter() - started
        _vacuum_analyze(regions)
        refreshes = _refresh(regions, first)
        _vacuum_analyze_figures()
        baseline_count, baseline_plan, baseline = _baseline()
        pages = []
        for name, _, _, path in PAGES:
            client = clients[name]
            captured = _one_request(client, path)
            ms = _per_call_ms(lambda c=client, p=path: _ok(c.get(p), p))
            pages.append((name, ms, captured, _figure_rows(captured)))
        people = _people_count()
    finally:
        connection.set_schema_to_public()
        cleaning = time.perf_counter()
        _remove()
        for region in regions:  # the demo's figures again, in place of the bench's
            _refresh_one(region, first=first)
        cleaned_seconds = time.perf_counter() - cleaning
    _report(
        made=made,
        made_seconds=made_seconds,
        refreshes=refreshes,
        baseline=(baseline_count, baseline_plan, baseline),
        pages=pages,
        demo_queries=demo_queries,
        people=people,
        cleaned_seconds=cleaned_seconds,
    )


# --- Timing ----------------------------------------------------------------------------


def _per_call_ms(call: Callable[[], object]) -> float:
    """per_request_ms's method for any call: median over rounds of the mean of one call."""
    for _ in range(WARM):
        call()
    samples = []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        for _ in range(CALLS):
            call()
        samples.append((time.perf_counter() - started) * 1000 / CALLS)
    return statistics.median(samples)


def _ok(response, path: str):
    assert response.status_code == 200, (path, response.status_code)
    return response


def _signed_in(email: str, host: str):
    from django.test import Client

    from learning.accounts.models import User

    client = Client(HTTP_HOST=host)
    client.force_login(
        User.objects.get(email=email), backend="django.contrib.auth.backends.ModelBackend"
    )
    return client


def _one_request(client, path: str) -> list[dict]:
    """The queries one request ran, the whole request's (session, person, region too),
    after one request to fill the caches a first request fills."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _ok(client.get(path), path)
    with CaptureQueriesContext(connection) as queries:
        _ok(client.get(path), path)
    return list(queries.captured_queries)


# --- The data --------------------------------------------------------------------------


@contextlib.contextmanager
def _own_dates(model, *names: str) -> Iterator[None]:
    """Let bulk_create keep the dates given for auto_now(_add) fields: activity has to
    be spread over past days, and updating each row after would cost a query a row."""
    fields = [model._meta.get_field(name) for name in names]
    saved = [(f.auto_now, f.auto_now_add) for f in fields]
    for f in fields:
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, (auto_now, auto_now_add) in zip(fields, saved, strict=True):
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


def _make(regions) -> dict:
    from django.utils import timezone

    rng = random.Random(7)  # noqa: S311 - the same made-up activity every run
    now = timezone.now()
    people = _people(regions, rng, now)
    made = {"link workers": sum(len(p) for p in people.values())}
    made["enrolments"] = _enrolments(people, rng, now)
    registrations, attendances = _webinars(people, rng, now)
    made["webinar registrations"], made["attendances"] = registrations, attendances
    made["forum threads"], made["forum posts"] = _forums(regions, people, rng, now)
    return made


def _people(regions, rng, now) -> dict[int, list]:
    from django.contrib.auth.hashers import make_password

    from learning.accounts.enums import Role
    from learning.accounts.models import PCN, User

    password = make_password(None)  # unusable, as set_unusable_password makes it
    people = {}
    for region in regions:
        pcns = list(PCN.objects.filter(ccg__region=region).order_by("pk"))
        rows = [
            User(
                email=f"{MARK}{region.slug}-{n}@example.org",
                full_name=f"Bench Worker {n:04d}",
                role=Role.LINK_WORKER,
                pcn=pcns[n % len(pcns)],
                password=password,
                date_joined=now - timedelta(days=rng.uniform(0, JOINED_DAYS)),
            )
            for n in range(WORKERS)
        ]
        people[region.pk] = User.objects.bulk_create(rows, batch_size=BATCH)
    return people


def _when(rng, now, *, days: float = DAYS):
    return now - timedelta(days=rng.uniform(0, days))


def _enrolments(people, rng, now) -> int:
    from courses.enums import EnrolmentStatus
    from courses.models import CoursePage, Enrolment

    modules = list(CoursePage.objects.live().order_by("pk"))
    rows = []
    for person in (p for group in people.values() for p in group):
        for module in modules:
            roll = rng.random()
            if roll < 0.55:
                done = _when(rng, now)
                rows.append(
                    Enrolment(
                        user=person, course=module, status=EnrolmentStatus.COMPLETED,
                        completed_at=done, enrolled_at=done - timedelta(days=rng.uniform(1, 20)),
                        updated_at=done,
                    )
                )  # fmt: skip
            elif roll < 0.75:
                started = _when(rng, now)
                rows.append(
                    Enrolment(
                        user=person, course=module, status=EnrolmentStatus.IN_PROGRESS,
                        enrolled_at=started, updated_at=started,
                    )
                )  # fmt: skip
    with _own_dates(Enrolment, "enrolled_at", "updated_at"):
        Enrolment.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)


def _webinars(people, rng, now) -> tuple[int, int]:
    from webinars.enums import AttendanceSource, RegistrationStatus, Theme
    from webinars.models import Attendance, Registration, Series, Session
    from webinars.models.schedule import MAX_CAPACITY

    series = Series.objects.create(title="Dashboard benchmark", slug=SERIES_SLUG)
    day = now.replace(hour=10, minute=0, second=0, microsecond=0)
    sessions = Session.objects.bulk_create(
        Session(
            series=series,
            title=f"Dashboard benchmark week {n}",
            theme=Theme.PRACTICE,
            starts_at=day - timedelta(days=7 * n + 2),
            ends_at=day - timedelta(days=7 * n + 2) + timedelta(hours=1),
            capacity=MAX_CAPACITY,
        )
        for n in range(SESSIONS)
    )
    registrations, attendances = [], []
    for person in (p for group in people.values() for p in group):
        for session in rng.sample(sessions, REGISTRATIONS_EACH):
            asked = session.starts_at - timedelta(days=rng.uniform(1, 21))
            registrations.append(
                Registration(
                    session=session, user=person, status=RegistrationStatus.REGISTERED,
                    queued_at=asked, created_at=asked,
                )
            )  # fmt: skip
            if rng.random() < ATTENDED:
                attendances.append(
                    Attendance(
                        session=session, user=person, source=AttendanceSource.MARKED, minutes=60
                    )
                )
    with _own_dates(Registration, "created_at"):
        Registration.objects.bulk_create(registrations, batch_size=BATCH)
    Attendance.objects.bulk_create(attendances, batch_size=BATCH)
    return len(registrations), len(attendances)


def _forums(regions, people, rng, now) -> tuple[int, int]:
    from django_tenants.utils import tenant_context

    from forums.models import Category, Post, Thread

    threads_made = posts_made = 0
    for region in regions:
        workers = people[region.pk]
        plans = []
        for n in range(THREADS):
            author = rng.choice(workers)
            started = _when(rng, now)
            # Replies from others, the first within minutes to three days.
            times = sorted(
                min(started + timedelta(hours=rng.uniform(0.05, 72)), now)
                for _ in range(rng.choice(REPLIES))
            )
            plans.append((n, author, started, [(rng.choice(workers), at) for at in times]))
        with tenant_context(region):
            category = Category.objects.order_by("position", "pk").first()
            threads = [
                Thread(
                    category=category, title=f"Dashboard benchmark thread {n}", author=author,
                    created_at=started, last_post_at=replies[-1][1] if replies else started,
                    post_count=1 + len(replies),
                )
                for n, author, started, replies in plans
            ]  # fmt: skip
            with _own_dates(Thread, "created_at"):
                Thread.objects.bulk_create(threads, batch_size=BATCH)
            posts = []
            for thread, (_, author, started, replies) in zip(threads, plans, strict=True):
                for who, at in [(author, started), *replies]:
                    posts.append(
                        Post(
                            thread=thread, author=who, created_at=at,
                            body="Benchmark post.", body_html="<p>Benchmark post.</p>",
                        )
                    )  # fmt: skip
            with _own_dates(Post, "created_at"):
                Post.objects.bulk_create(posts, batch_size=BATCH)
        threads_made += len(threads)
        posts_made += len(posts)
    return threads_made, posts_made


def _vacuum_analyze(regions) -> None:
    """Statistics and a visibility map for what was just written, as autovacuum would
    give a live database: otherwise the planner guesses from the empty demo."""
    from django.db import connection

    from courses.models import Enrolment
    from forums.models import Post, Thread
    from learning.accounts.models import User
    from webinars.models import Attendance, Registration, Session

    with connection.cursor() as cursor:
        for model in (User, Enrolment, Session, Registration, Attendance):
            cursor.execute(f'VACUUM ANALYZE "{model._meta.db_table}"')
        for region in regions:
            for model in (Thread, Post):
                cursor.execute(f'VACUUM ANALYZE "{region.schema_name}"."{model._meta.db_table}"')


def _vacuum_analyze_figures() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f'VACUUM ANALYZE "{FIGURES_TABLE}"')


def _remove() -> None:
    """Everything marked as the bench's, in the order the foreign keys allow. Most of
    the time goes in PostgreSQL's foreign key checks at commit: 166 constraints refer
    to accounts_user (16 from each region's schema), each checked for each person."""
    from django_tenants.utils import tenant_context

    from courses.models import Enrolment
    from forums.models import Thread
    from learning.accounts.models import User
    from learning.regions.models import Region
    from webinars.models import Series, Session

    marked = User.objects.filter(email__startswith=MARK)
    if marked.exists():
        # Posts' and threads' authors are DO_NOTHING (they live in the regions'
        # schemas), so they go first, region by region; their posts cascade.
        for region in Region.objects.regional():
            with tenant_context(region):
                Thread.objects.filter(author__email__startswith=MARK).delete()
        Enrolment.objects.filter(user__email__startswith=MARK).delete()
    Session.objects.filter(series__slug=SERIES_SLUG).delete()  # registrations, attendance
    Series.objects.filter(slug=SERIES_SLUG).delete()
    marked.delete()


# --- The aggregation -------------------------------------------------------------------


def _refresh_one(region, **days) -> tuple[float, int]:
    from reporting.services import region_figures_refresh

    started = time.perf_counter()
    stored = region_figures_refresh(region=region, **days)
    return time.perf_counter() - started, stored


def _refresh(regions, first) -> list[tuple[str, float, int, float, int]]:
    """Each region's figures over the whole period, then as the nightly run (two days)."""
    done = []
    for region in regions:
        whole, whole_stored = _refresh_one(region, first=first)
        nightly, nightly_stored = _refresh_one(region)
        done.append((region.slug, whole, whole_stored, nightly, nightly_stored))
    return done


# --- The baseline and the counts -------------------------------------------------------


def _baseline() -> tuple[int, list[str], float]:
    """One count answered from an index, over the rows the modules-completed figures
    are made from; its plan, to show the index is used."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from courses.enums import EnrolmentStatus
    from courses.models import CoursePage, Enrolment

    modules = list(CoursePage.objects.live().values_list("pk", flat=True))

    def count() -> int:
        return Enrolment.objects.filter(
            course__in=modules, status=EnrolmentStatus.COMPLETED
        ).count()

    with CaptureQueriesContext(connection) as queries:
        total = count()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + queries.captured_queries[0]["sql"])
        plan = [line for (line,) in cursor.fetchall()]
    if not any("Index" in line for line in plan):
        print("  (warning: the baseline's plan uses no index)")
    return total, plan, _per_call_ms(count)


def _figure_rows(captured: list[dict]) -> tuple[int, int, int]:
    """(queries on DailyFigure, rows they returned, DailyFigure rows they went through),
    from EXPLAIN ANALYZE of the queries the page ran."""
    from django.db import connection

    queries = returned = scanned = 0
    with connection.cursor() as cursor:
        for query in captured:
            if FIGURES_TABLE not in query["sql"]:
                continue
            cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + query["sql"])
            plan = cursor.fetchone()[0]
            plan = (json.loads(plan) if isinstance(plan, str) else plan)[0]["Plan"]
            queries += 1
            returned += plan["Actual Rows"]
            scanned += _rows_read(plan)
    return queries, int(returned), int(scanned)


def _rows_read(node: dict) -> float:
    own = (
        node["Actual Rows"] * node["Actual Loops"]
        if node.get("Relation Name") == FIGURES_TABLE
        else 0
    )
    return own + sum(_rows_read(child) for child in node.get("Plans", ()))


def _activity_reads(captured: list[dict]) -> list[str]:
    """Each query of the page that reads a person-level table, named by its FROM table
    (the page header's unread-notifications count reads forums_post and forums_thread,
    for the signed-in person only, on every region page)."""
    found = []
    for query in captured:
        touched = [t for t in ACTIVITY_TABLES if f'"{t}"' in query["sql"]]
        if touched:
            source = re.search(r'\bFROM "(\w+)"', query["sql"])
            found.append(
                f"person-level read: from {source[1] if source else '?'}"
                f" joining {', '.join(touched)}"
            )
    return found


def _people_count() -> tuple[int, int]:
    """(link workers, person-level rows of activity in the period) in all regions."""
    from django.utils import timezone
    from django_tenants.utils import tenant_context

    from courses.enums import EnrolmentStatus
    from courses.models import Enrolment
    from forums.models import Post
    from learning.accounts.enums import Role
    from learning.accounts.models import User
    from learning.regions.models import Region
    from webinars.models import Attendance, Registration

    since = timezone.now() - timedelta(days=DAYS)
    people = User.objects.filter(role=Role.LINK_WORKER).count()
    rows = (
        Enrolment.objects.filter(status=EnrolmentStatus.COMPLETED, completed_at__gte=since).count()
        + Registration.objects.filter(created_at__gte=since).count()
        + Attendance.objects.filter(session__starts_at__gte=since).count()
    )
    for region in Region.objects.regional():
        with tenant_context(region):
            rows += Post.objects.filter(created_at__gte=since).count()
    return people, rows


# --- The report ------------------------------------------------------------------------


def _report(
    *, made, made_seconds, refreshes, baseline, pages, demo_queries, people, cleaned_seconds
):
    link_workers, activity = people
    print(
        f"data: {len(refreshes)} regions x {WORKERS:,} link workers, {DAYS} days: "
        + ", ".join(f"{count:,} {what}" for what, count in made.items())
        + f" (made in {made_seconds:.1f} s)"
    )
    print("aggregation per region, the nightly job (information, not a ratio):")
    for slug, whole, whole_stored, nightly, nightly_stored in refreshes:
        print(
            f"  {slug:26} {DAYS + 1} days {whole:6.2f} s ({whole_stored:,} figures);"
            f"  nightly, 2 days {nightly:5.2f} s ({nightly_stored:,} figures)"
        )
    count, plan, baseline_ms = baseline
    print(
        f"baseline  one indexed count, modules completed in England ({count:,}):"
        f" {baseline_ms:.2f} ms/query"
    )
    scan = next((line.strip() for line in plan[1:] if "Scan" in line), "")
    print(f"          plan: {plan[0].strip()}")
    if scan:
        print(f"                {scan}")
    for name, ms, captured, (queries, returned, scanned) in pages:
        print(f"{ms / baseline_ms:8.2f}x  {name} ({ms:.2f} ms/request)")
        print(
            f"          {len(captured)} queries ({demo_queries[name]} with the demo's people"
            f" only); {queries} on DailyFigure: {scanned:,} rows read, {returned:,} returned"
        )
        for line in _activity_reads(captured):
            print(f"          {line}")
    print(
        f"people: {link_workers:,} link workers and {activity:,} person-level rows of activity"
        f" in the last {DAYS} days (enrolments completed, registrations, attendances, posts)"
    )
    print(f"(bench data deleted and the figures worked out again in {cleaned_seconds:.1f} s)")
