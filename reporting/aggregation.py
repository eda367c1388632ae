"""Work out one region's daily figures, inside that region's schema.

Runs where the region's forums and cohorts are visible (a task queued with the
region's schema, or tenant_context). Every figure about people is first read as
(day, person, count) in one grouped query, then added up in Python by region, CCG and
cohort, so a person in two cohorts counts in each and the region counts them once.
Only the totals leave this module.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db.models import Count, Max, Min, OuterRef, Q, Subquery
from django.db.models.functions import TruncDate

from learning.accounts.enums import Role
from learning.accounts.models import User

from .enums import Breakdown, Metric

UK = ZoneInfo("Europe/London")
NO_GROUP = 0  # people in no CCG (coordinators posting) or no cohort


@dataclass(frozen=True)
class Figure:
    day: date
    metric: str
    breakdown: str
    key: int
    label: str
    value: int


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UK)


class RegionFigures:
    """Figures for `region` for each day from `first` to `last`, inclusive."""

    def __init__(self, region, *, first: date, last: date):
        self.region, self.first, self.last = region, first, last
        self.since, self.until = _day_start(first), _day_start(last + timedelta(days=1))
        self.ccg_of: dict[int, int] = {}
        self.ccg_names: dict[int, str] = {}
        self.cohorts_of: dict[int, list[int]] = defaultdict(list)
        self.cohort_names: dict[int, str] = {}
        self.figures: dict[tuple, int] = defaultdict(int)

    # --- Who is who ---------------------------------------------------------------

    def _load_people(self) -> None:
        from cohorts.models import CohortMember

        for user_id, ccg_id, ccg_name in self._link_workers().values_list(
            "pk", "pcn__ccg_id", "pcn__ccg__name"
        ):
            self.ccg_of[user_id] = ccg_id
            self.ccg_names[ccg_id] = ccg_name
        for user_id, cohort_id, name in CohortMember.objects.filter(
            cohort__archived_at=None
        ).values_list("user_id", "cohort_id", "cohort__name"):
            self.cohorts_of[user_id].append(cohort_id)
            self.cohort_names[cohort_id] = name

    def _link_workers(self):
        return User.objects.filter(role=Role.LINK_WORKER, pcn__ccg__region=self.region)

    # --- Adding up ----------------------------------------------------------------

    def _add(self, day: date, metric: str, user_id: int | None, n: int = 1) -> None:
        self.figures[(day, metric, Breakdown.REGION, NO_GROUP)] += n
        if user_id is None:
            return
        self.figures[(day, metric, Breakdown.CCG, self.ccg_of.get(user_id, NO_GROUP))] += n
        for cohort_id in self.cohorts_of.get(user_id, ()):
            self.figures[(day, metric, Breakdown.COHORT, cohort_id)] += n

    def _add_rows(self, metric: str, rows) -> None:
        """rows: (day, user id, count) from a grouped query."""
        for day, user_id, n in rows:
            self._add(day, metric, user_id, n)

    def _per_person_per_day(self, queryset, at: str, user: str = "user"):
        return (
            queryset.filter(**{f"{at}__gte": self.since, f"{at}__lt": self.until})
            .annotate(day=TruncDate(at, tzinfo=UK))
            .values_list("day", user)
            .annotate(n=Count("pk"))
            .order_by()
        )

    # --- The figures --------------------------------------------------------------

    def compute(self) -> list[Figure]:
        self._load_people()
        in_region = Q(user__pcn__ccg__region=self.region)
        self._training(in_region)
        self._webinars(in_region)
        self._inductions()
        self._forums()
        self._link_worker_counts()
        labels = {Breakdown.CCG: self.ccg_names, Breakdown.COHORT: self.cohort_names}
        return [
            Figure(day, metric, breakdown, key, labels.get(breakdown, {}).get(key, ""), value)
            for (day, metric, breakdown, key), value in sorted(self.figures.items())
            if value
        ]

    def _training(self, in_region: Q) -> None:
        from courses.enums import EnrolmentStatus
        from courses.models import Certificate, Enrolment

        enrolments = Enrolment.objects.filter(in_region, status=EnrolmentStatus.COMPLETED)
        self._add_rows(
            Metric.MODULES_COMPLETED, self._per_person_per_day(enrolments, "completed_at")
        )
        certificates = Certificate.objects.filter(in_region, revoked_at=None)
        self._add_rows(
            Metric.CERTIFICATES_ISSUED, self._per_person_per_day(certificates, "issued_at")
        )

    def _webinars(self, in_region: Q) -> None:
        from webinars.enums import SessionStatus
        from webinars.models import Attendance, Registration

        registrations = Registration.objects.filter(in_region)
        self._add_rows(
            Metric.WEBINAR_REGISTRATIONS, self._per_person_per_day(registrations, "created_at")
        )
        # Attendance counts on the day of the session, however late it was recorded.
        attendances = Attendance.objects.filter(in_region).exclude(
            session__status=SessionStatus.CANCELLED
        )
        self._add_rows(
            Metric.WEBINAR_ATTENDANCES,
            self._per_person_per_day(attendances, "session__starts_at"),
        )

    def _inductions(self) -> None:
        """A person completes their induction on the day they completed the last of
        the steps that count (induction.selectors.counted_step_ids: the same rule as
        the task list and the coordinators' table)."""
        from induction.enums import StepStatus
        from induction.models import InductionPackPage, StepProgress
        from induction.selectors import counted_step_ids

        pack = InductionPackPage.objects.live().first()
        counted = counted_step_ids(pack) if pack else []
        if not counted:
            return
        done = (
            StepProgress.objects.filter(
                user__in=self._link_workers(), step_id__in=counted, status=StepStatus.COMPLETED
            )
            .values("user")
            .annotate(steps=Count("step", distinct=True), last=Max("completed_at"))
            .filter(steps=len(counted), last__gte=self.since, last__lt=self.until)
            .values_list("user", "last")
            .order_by()
        )
        for user_id, last in done:
            self._add(last.astimezone(UK).date(), Metric.INDUCTIONS_COMPLETED, user_id)

    def _forums(self) -> None:
        from forums.models import Post, Thread

        threads = Thread.objects.filter(hidden=False)
        self._add_rows(
            Metric.FORUM_THREADS, self._per_person_per_day(threads, "created_at", "author")
        )
        first_post = Post.objects.filter(thread=OuterRef("thread")).order_by("created_at", "pk")
        replies = Post.objects.filter(hidden=False, thread__hidden=False).exclude(
            pk=Subquery(first_post.values("pk")[:1])
        )
        self._add_rows(
            Metric.FORUM_REPLIES, self._per_person_per_day(replies, "created_at", "author")
        )
        # A thread is answered by its first reply from someone other than its author.
        answers = Post.objects.filter(thread=OuterRef("pk"), hidden=False).exclude(
            author=OuterRef("author")
        )
        timeline = threads.filter(created_at__lt=self.until).annotate(
            answered_at=Subquery(
                answers.order_by()
                .values("thread")
                .annotate(first=Min("created_at"))
                .values("first")
            )
        )
        unanswered_from: list[tuple[datetime, datetime | None]] = []
        for created_at, answered_at in timeline.values_list("created_at", "answered_at"):
            unanswered_from.append((created_at, answered_at))
            if answered_at is not None and self.since <= answered_at < self.until:
                day = answered_at.astimezone(UK).date()
                self._add(day, Metric.FORUM_FIRST_RESPONSES, None)
                minutes = int((answered_at - created_at).total_seconds() // 60)
                self._add(day, Metric.FORUM_RESPONSE_MINUTES, None, minutes)
        for day in self._days():
            end = _day_start(day + timedelta(days=1))
            waiting = sum(
                1
                for created_at, answered_at in unanswered_from
                if created_at < end and (answered_at is None or answered_at >= end)
            )
            if waiting:
                self._add(day, Metric.FORUM_UNANSWERED, None, waiting)

    def _link_worker_counts(self) -> None:
        """Active link workers at the end of each day, by CCG and cohort: a running
        count of who had joined by then."""
        joined = sorted(
            self._link_workers().filter(is_active=True).values_list("date_joined", "pk")
        )
        running: dict[tuple[str, int], int] = defaultdict(int)
        position = 0
        for day in self._days():
            end = _day_start(day + timedelta(days=1))
            while position < len(joined) and joined[position][0] < end:
                user_id = joined[position][1]
                running[(Breakdown.REGION, NO_GROUP)] += 1
                running[(Breakdown.CCG, self.ccg_of.get(user_id, NO_GROUP))] += 1
                for cohort_id in self.cohorts_of.get(user_id, ()):
                    running[(Breakdown.COHORT, cohort_id)] += 1
                position += 1
            for (breakdown, key), count in running.items():
                self.figures[(day, Metric.LINK_WORKERS, breakdown, key)] = count

    def _days(self):
        day = self.first
        while day <= self.last:
            yield day
            day += timedelta(days=1)
