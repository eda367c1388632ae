"""Each region's figures are worked out in its own schema and stored as counts, by
region, CCG and cohort; the national dashboard reads only the regions' totals."""

from datetime import datetime, time
from decimal import Decimal

import pytest
from django.utils import timezone
from django_tenants.utils import tenant_context

from cohorts.tests.factories import add_members, make_cohort, set_enrolment
from courses.enums import EnrolmentStatus
from courses.models import Certificate
from courses.tests.factories import make_course
from forums.services import post_reply
from forums.tests.factories import make_thread
from induction.services import step_complete
from induction.tests.factories import make_pack, make_section, make_step
from learning.accounts.enums import Role
from learning.accounts.tests.factories import PCNFactory, UserFactory
from reporting.enums import Breakdown, Metric
from reporting.models import DailyFigure
from reporting.selectors import national_figures, region_figures
from reporting.services import region_figures_refresh
from webinars.enums import AttendanceSource, RegistrationStatus
from webinars.models import Attendance, Registration
from webinars.tests.factories import SessionFactory

pytestmark = pytest.mark.django_db


def figure(region, metric, *, breakdown=Breakdown.REGION, key=0, day=None) -> int:
    rows = DailyFigure.objects.filter(region=region, metric=metric, breakdown=breakdown, key=key)
    if day is not None:
        rows = rows.filter(day=day)
    return sum(rows.values_list("value", flat=True))


def today_at_midnight():
    return timezone.make_aware(datetime.combine(timezone.localdate(), time(0, 0)))


@pytest.fixture
def activity(north_west, london):
    """North West: three link workers in two CCGs, two of them in a cohort, with a
    little of everything today; London: one link worker who completes a module."""
    coordinator = UserFactory(role=Role.COORDINATOR, region=north_west)
    ana, ben = UserFactory(region=north_west), UserFactory(region=north_west)
    cal = UserFactory(region=north_west)
    cal.pcn = PCNFactory(ccg=ana.pcn.ccg)
    cal.save()
    course = make_course("Measuring what matters", lessons=1, questions=0)
    pack = make_pack()
    section = make_section(pack, "Welcome")
    steps = [make_step(section, "Meet your supervisor"), make_step(section, "Read the guide")]
    for step in steps:
        step_complete(user=ana, step=step)
    step_complete(user=ben, step=steps[0])  # not finished
    enrolment = set_enrolment(ana, course, EnrolmentStatus.COMPLETED)
    set_enrolment(ben, course, EnrolmentStatus.COMPLETED)
    Certificate.objects.create(
        enrolment=enrolment, user=ana, code="A" * 20, holder_name=ana.full_name,
        course_title=course.title, cpd_hours=Decimal("2"), accrediting_body="PCI",
        issued_at=timezone.now(),
    )  # fmt: skip
    # Earlier today in UK time, at any hour (two hours ago is yesterday at 00:30).
    session = SessionFactory(starts_at=today_at_midnight())
    for person in (ana, ben, cal):
        Registration.objects.create(
            session=session, user=person, status=RegistrationStatus.REGISTERED,
            queued_at=timezone.now(),
        )  # fmt: skip
    Attendance.objects.create(session=session, user=ben, source=AttendanceSource.MARKED)
    with tenant_context(north_west):
        cohort = make_cohort(by=coordinator, name="Autumn intake")
        add_members(cohort, [ana, ben], by=coordinator)
        answered = make_thread(author=ana, title="Falls service?")
        post_reply(author=ben, thread_id=answered.pk, body="Yes, they are quick.")
        post_reply(author=ana, thread_id=answered.pk, body="Thank you!")
        make_thread(author=cal, title="Anyone near Wigan?")  # unanswered
    london_worker = UserFactory(region=london)
    set_enrolment(london_worker, course, EnrolmentStatus.COMPLETED)
    return {"ana": ana, "ben": ben, "cal": cal, "cohort": cohort}


@pytest.mark.clock
def test_a_regions_figures_by_region_ccg_and_cohort(activity, north_west, london):
    today = timezone.localdate()
    ana, ben, cohort = activity["ana"], activity["ben"], activity["cohort"]

    region_figures_refresh(region=north_west)
    region_figures_refresh(region=london)

    expected = {
        Metric.LINK_WORKERS: 3,
        Metric.INDUCTIONS_COMPLETED: 1,
        Metric.MODULES_COMPLETED: 2,
        Metric.CERTIFICATES_ISSUED: 1,
        Metric.WEBINAR_REGISTRATIONS: 3,
        Metric.WEBINAR_ATTENDANCES: 1,
        Metric.FORUM_THREADS: 2,
        Metric.FORUM_REPLIES: 2,
        Metric.FORUM_FIRST_RESPONSES: 1,
        Metric.FORUM_UNANSWERED: 1,
    }
    for metric, value in expected.items():
        assert figure(north_west, metric, day=today) == value, metric
    ana_ccg = ana.pcn.ccg_id
    assert (
        figure(north_west, Metric.LINK_WORKERS, breakdown=Breakdown.CCG, key=ana_ccg, day=today)
        == 2
    )
    assert (
        figure(north_west, Metric.MODULES_COMPLETED, breakdown=Breakdown.CCG, key=ben.pcn.ccg_id)
        == 1
    )
    assert figure(north_west, Metric.FORUM_THREADS, breakdown=Breakdown.CCG, key=ana_ccg) == 2
    assert (
        figure(north_west, Metric.MODULES_COMPLETED, breakdown=Breakdown.COHORT, key=cohort.pk) == 2
    )
    assert (
        figure(north_west, Metric.WEBINAR_REGISTRATIONS, breakdown=Breakdown.COHORT, key=cohort.pk)
        == 2
    )
    assert (
        DailyFigure.objects.filter(breakdown=Breakdown.COHORT, key=cohort.pk).first().label
        == "Autumn intake"
    )
    # London's schema holds none of North West's forum, and London's figures none of its people.
    assert figure(london, Metric.MODULES_COMPLETED) == 1
    assert figure(london, Metric.FORUM_THREADS) == 0
    assert figure(london, Metric.LINK_WORKERS, day=today) == 1


@pytest.mark.clock
def test_refreshing_again_replaces_the_days_figures(activity, north_west):
    region_figures_refresh(region=north_west)
    stored = DailyFigure.objects.filter(region=north_west).count()
    with tenant_context(north_west):
        make_thread(author=activity["ben"], title="One more")

    region_figures_refresh(region=north_west)

    assert DailyFigure.objects.filter(region=north_west).count() >= stored
    assert figure(north_west, Metric.FORUM_THREADS) == 3


@pytest.mark.clock
def test_weekly_series_and_the_period_totals(activity, north_west, london):
    region_figures_refresh(region=north_west)
    region_figures_refresh(region=london)

    regional = region_figures(north_west, weeks=4)
    assert len(regional.weeks) == 4
    assert regional.series_of("North West", Metric.MODULES_COMPLETED)[-1] == 2
    assert regional.total.values[Metric.LINK_WORKERS] == 3
    assert {row.name for row in regional.cohort_rows} == {"Autumn intake"}
    national = national_figures(weeks=4)
    assert [row.name for row in national.rows] == ["London", "Midlands", "North West"]
    assert national.total.name == "England"
    assert national.total.values[Metric.MODULES_COMPLETED] == 3
    assert national.ccg_rows == [] and national.cohort_rows == []
