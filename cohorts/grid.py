"""The cohort grid: each member's status on each assigned item, with summaries.

A selector that returns plain data (no querysets, no model instances in the
cells), so the page and the CSV read the same thing and a benchmark can time
the rendering alone. Its queries are fixed in number whatever the cohort's
size: the assignments, the members, their enrolments on the assigned modules,
and (only when the induction is assigned) the pack, its counted steps and one
count of steps per member.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Q
from django.utils import timezone

from courses.enums import EnrolmentStatus
from courses.models import Enrolment
from induction.enums import StepStatus
from induction.models import StepProgress
from induction.selectors import counted_step_ids, induction_pack

from .enums import AssignmentKind, CellStatus
from .models import CohortAssignment, CohortMember

# ?sort= values of the grid. Progress ascending puts those furthest behind first.
GRID_SORTS = ("name", "-name", "progress", "-progress")

_TAGS = {
    CellStatus.NOT_STARTED: "nhsuk-tag--white",
    CellStatus.IN_PROGRESS: "nhsuk-tag--blue",
    CellStatus.COMPLETED: "nhsuk-tag--green",
    CellStatus.OVERDUE: "nhsuk-tag--red",
}


OUT_OF_ATTEMPTS = "Every attempt used without passing"


@dataclass(frozen=True)
class Cell:
    status: CellStatus
    # Used every attempt at the module's assessment without passing: stuck until a
    # coordinator gives another (from the person's page).
    out_of_attempts: bool = False

    @property
    def label(self) -> str:
        return self.status.label

    @property
    def tag(self) -> str:
        return _TAGS[self.status]

    @property
    def text(self) -> str:
        """The status in words, for the CSV."""
        return f"{self.label} ({OUT_OF_ATTEMPTS.lower()})" if self.out_of_attempts else self.label


# Eight cells serve the whole grid: a large cohort makes no garbage per cell.
CELLS = {(status, stuck): Cell(status, stuck) for status in CellStatus for stuck in (False, True)}


@dataclass
class Item:
    """One assigned item (a column), with how the cohort is doing on it."""

    assignment_id: int
    cohort_id: int
    kind: str
    course_id: int | None
    title: str
    due_date: date
    live: bool = True
    members: int = 0
    completed: int = 0
    in_progress: int = 0
    overdue: int = 0

    @property
    def is_induction(self) -> bool:
        return self.kind == AssignmentKind.INDUCTION

    @property
    def summary(self) -> str:
        text = f"{self.completed} of {self.members} completed"
        return f"{text}, {self.overdue} overdue" if self.overdue else text


@dataclass
class Row:
    """One member (a row), with their cells in the order of the items."""

    membership_id: int
    user_id: int
    name: str
    email: str
    pcn: str
    active: bool = True  # a closed account stays listed, but is not reminded or counted behind
    cells: list[Cell] = field(default_factory=list)
    done: int = 0
    in_progress: int = 0
    overdue: int = 0
    out_of_attempts: int = 0  # modules whose every attempt was used without a pass

    @property
    def summary(self) -> str:
        text = f"{self.done} of {len(self.cells)} done"
        return f"{text}, {self.overdue} overdue" if self.overdue else text

    @property
    def is_behind(self) -> bool:
        return self.active and self.overdue > 0


@dataclass
class Grid:
    cohort_id: int
    today: date
    sort: str
    items: list[Item]
    rows: list[Row]

    @property
    def behind(self) -> int:
        return sum(row.is_behind for row in self.rows)

    @property
    def out_of_attempts(self) -> int:
        """Members with at least one module whose every attempt they used without passing."""
        return sum(bool(row.out_of_attempts) for row in self.rows)


# --- Reading progress, shared with the cohort list, the nudge and the weekly reminder ---


def items_of(assignments) -> list[Item]:
    """The items of a queryset of assignments, by due date. One query."""
    values = assignments.order_by("due_date", "pk").values_list(
        "pk", "cohort_id", "kind", "course_id", "course__title", "course__live", "due_date"
    )
    return [
        Item(
            assignment_id=pk,
            cohort_id=cohort_id,
            kind=kind,
            course_id=course_id,
            title=title if course_id else AssignmentKind.INDUCTION.label,
            due_date=due_date,
            live=bool(live) if course_id else True,
        )
        for pk, cohort_id, kind, course_id, title, live, due_date in values
    ]


@dataclass
class Progress:
    """Where some people are with some items, read once."""

    enrolments: dict[tuple[int, int], str]  # (user id, course id) -> enrolment status
    induction: dict[int, tuple[int, int]]  # user id -> (counted steps completed, started)
    induction_steps: int  # how many steps count towards completing the induction
    # (user id, course id) of modules whose every attempt was used without a pass.
    out_of_attempts: set[tuple[int, int]] = field(default_factory=set)

    def state(self, user_id: int, item: Item) -> CellStatus:
        """Not started, in progress or completed, whatever the date."""
        if item.kind == AssignmentKind.COURSE:
            # Enrolment statuses are the grid's first three, value for value.
            return CellStatus(self.enrolments.get((user_id, item.course_id), "not_started"))
        completed, started = self.induction.get(user_id, (0, 0))
        if self.induction_steps and completed >= self.induction_steps:
            return CellStatus.COMPLETED
        return CellStatus.IN_PROGRESS if started else CellStatus.NOT_STARTED

    def status(self, user_id: int, item: Item, today: date) -> CellStatus:
        state = self.state(user_id, item)
        if state != CellStatus.COMPLETED and item.due_date < today:
            return CellStatus.OVERDUE
        return state


def progress_of(*, user_ids: Iterable[int], items: list[Item]) -> Progress:
    """At most one query for modules, and four for the induction when it is assigned."""
    user_ids = list(user_ids)
    course_ids = {item.course_id for item in items if item.course_id}
    enrolments: dict[tuple[int, int], str] = {}
    out_of_attempts: set[tuple[int, int]] = set()
    if user_ids and course_ids:
        rows = (
            Enrolment.objects.filter(user_id__in=user_ids, course_id__in=course_ids)
            .annotate(
                sent=Count("attempts", filter=Q(attempts__submitted_at__isnull=False)),
                passes=Count("attempts", filter=Q(attempts__passed=True)),
            )
            .values_list(
                "user_id", "course_id", "status", "sent", "passes",
                "course__max_attempts", "extra_attempts",
            )
        )  # fmt: skip
        for user_id, course_id, status, sent, passes, limit, extra in rows:
            enrolments[(user_id, course_id)] = status
            # The same rule as attempts_left: no limit (0) means never out of attempts.
            if (
                limit
                and not passes
                and status != EnrolmentStatus.COMPLETED
                and sent >= limit + extra
            ):
                out_of_attempts.add((user_id, course_id))
    induction: dict[int, tuple[int, int]] = {}
    step_ids: list[int] = []
    if user_ids and any(item.is_induction for item in items):
        pack = induction_pack()
        step_ids = counted_step_ids(pack) if pack else []
        if step_ids:
            counts = (
                StepProgress.objects.filter(user_id__in=user_ids, step_id__in=step_ids)
                .exclude(status=StepStatus.NOT_STARTED)
                .values("user_id")
                .annotate(
                    completed=Count("pk", filter=Q(status=StepStatus.COMPLETED)),
                    started=Count("pk"),
                )
                .values_list("user_id", "completed", "started")
            )
            induction = {user_id: (done, started) for user_id, done, started in counts}
    return Progress(enrolments, induction, len(step_ids), out_of_attempts)


# --- The grid ---------------------------------------------------------------------------


def _sorted(rows: list[Row], sort: str) -> list[Row]:
    rows = sorted(rows, key=lambda row: (row.name.casefold(), row.email))
    if sort == "-name":
        rows.reverse()
    elif sort in ("progress", "-progress"):
        # Stable: people with the same progress stay in name order either way.
        rows.sort(
            key=lambda row: (row.done, row.in_progress, -row.overdue),
            reverse=sort == "-progress",
        )
    return rows


def cohort_grid(*, cohort, sort: str = "name", today: date | None = None) -> Grid:
    """Every member of the cohort against every item assigned to it."""
    today = today or timezone.localdate()
    sort = sort if sort in GRID_SORTS else "name"
    items = items_of(CohortAssignment.objects.filter(cohort=cohort))
    members = list(
        CohortMember.objects.filter(cohort=cohort).values_list(
            "pk", "user_id", "user__full_name", "user__email", "user__pcn__name", "user__is_active"
        )
    )
    progress = progress_of(user_ids=[user_id for _, user_id, *_ in members], items=items)
    rows = []
    for membership_id, user_id, name, email, pcn, active in members:
        row = Row(membership_id, user_id, name or email, email, pcn or "", active)
        for item in items:
            status = progress.status(user_id, item, today)
            stuck = (user_id, item.course_id) in progress.out_of_attempts
            row.cells.append(CELLS[status, stuck])
            row.out_of_attempts += stuck
            item.members += 1
            if status == CellStatus.COMPLETED:
                row.done += 1
                item.completed += 1
            elif status == CellStatus.OVERDUE:
                row.overdue += 1
                item.overdue += 1
            elif status == CellStatus.IN_PROGRESS:
                row.in_progress += 1
                item.in_progress += 1
        rows.append(row)
    return Grid(cohort.pk, today, sort, items, _sorted(rows, sort))
