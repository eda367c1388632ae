from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import (
    BooleanField,
    Case,
    Count,
    ExpressionWrapper,
    F,
    IntegerField,
    Max,
    Q,
    QuerySet,
    TextField,
    Value,
    When,
)
from wagtail.models import Page

from learning.accounts.models import User
from learning.accounts.selectors import link_workers_overseen_by
from webinars.models import Attendance, Session
from webinars.permissions import user_in_audience

from .enums import ProgressState, StepStatus
from .models import (
    GuideChapterPage,
    InductionPackPage,
    InductionSectionPage,
    InductionStepPage,
    StepProgress,
)


@dataclass
class TaskItem:
    step: InductionStepPage
    status: str
    completed_at: datetime | None = None
    signed_off_by: str = ""
    reflection: str = ""
    reflection_shared: bool = False
    # A reflection was written but its writer kept it to themselves (coordinators' view).
    reflection_kept_private: bool = False
    review_comment: str = ""

    @property
    def status_label(self) -> str:
        return StepStatus(self.status).label


@dataclass
class TaskSection:
    section: InductionSectionPage
    items: list[TaskItem] = field(default_factory=list)


@dataclass
class TaskList:
    sections: list[TaskSection]
    required_total: int
    required_done: int

    @property
    def required_left(self) -> int:
        return self.required_total - self.required_done

    @property
    def is_complete(self) -> bool:
        return self.required_total > 0 and self.required_done == self.required_total


def step_progress(*, user, step) -> StepProgress | None:
    return StepProgress.objects.filter(user=user, step=step).select_related("reviewed_by").first()


def induction_task_list(*, user, pack, shared_reflections_only: bool = False) -> TaskList:
    """The pack's published sections and steps with this person's status for each.

    Three queries whatever the number of steps. Only published required steps count.
    `shared_reflections_only` (anyone but the person themselves): a reflection the
    person did not share is not read, only marked as kept private.
    """
    sections = list(InductionSectionPage.objects.live().child_of(pack).order_by("path"))
    steps = list(InductionStepPage.objects.live().descendant_of(pack).order_by("path"))
    reflection_text = (
        Case(
            When(reflection_shared=True, then=F("reflection")),
            default=Value(""),
            output_field=TextField(),
        )
        if shared_reflections_only
        else F("reflection")
    )
    progress = {
        row["step_id"]: row
        for row in StepProgress.objects.filter(user=user, step__in=[s.pk for s in steps]).values(
            "step_id",
            "status",
            "completed_at",
            "review_comment",
            "reflection_shared",
            "reviewed_by__full_name",
            "reviewed_by__email",
            has_reflection=ExpressionWrapper(~Q(reflection=""), output_field=BooleanField()),
            reflection_text=reflection_text,
        )
    }
    by_path = {section.path: TaskSection(section) for section in sections}
    required_total = required_done = 0
    for step in steps:
        task_section = by_path.get(step.path[: -Page.steplen])
        if task_section is None:  # its section is unpublished: the step is hidden too
            continue
        row = progress.get(step.pk)
        status = row["status"] if row else StepStatus.NOT_STARTED
        item = TaskItem(step, status)
        if row:
            item.reflection = row["reflection_text"]
            item.reflection_shared = row["reflection_shared"]
            item.reflection_kept_private = row["has_reflection"] and not row["reflection_shared"]
            item.review_comment = row["review_comment"]
        if row and status == StepStatus.COMPLETED:
            item.completed_at = row["completed_at"]
            if step.needs_sign_off:
                item.signed_off_by = (
                    row["reviewed_by__full_name"] or row["reviewed_by__email"] or ""
                )
        task_section.items.append(item)
        if step.required:
            required_total += 1
            required_done += status == StepStatus.COMPLETED
    return TaskList(list(by_path.values()), required_total, required_done)


@dataclass
class WebinarStep:
    """What an "attend a webinar" step shows: its series, the sessions of it the
    person can still book, and the ones they were recorded at."""

    series: object
    upcoming: list
    attended: list


WEBINAR_STEP_UPCOMING = 5


def webinar_step(*, step: InductionStepPage, user) -> WebinarStep | None:
    """Three queries at most, plus one per region whose events are listed."""
    if not step.is_webinar or step.webinar_series_id is None:
        return None
    series = step.webinar_series
    candidates = (
        Session.objects.upcoming()
        .filter(series_id=series.pk)
        .select_related("region")
        .order_by("starts_at", "pk")
    )
    upcoming, open_to = [], {}
    for session in candidates[: WEBINAR_STEP_UPCOMING * 3]:
        # Ask once per audience: a series' sessions are national, or for a region or two.
        if session.region_id not in open_to:
            open_to[session.region_id] = user_in_audience(user, session)
        if open_to[session.region_id]:
            upcoming.append(session)
        if len(upcoming) == WEBINAR_STEP_UPCOMING:
            break
    attended = [
        attendance.session
        for attendance in Attendance.objects.filter(user=user, session__series_id=series.pk)
        .select_related("session")
        .order_by("session__starts_at")
    ]
    return WebinarStep(series=series, upcoming=upcoming, attended=attended)


def induction_pack() -> InductionPackPage | None:
    return InductionPackPage.objects.live().first()


def counted_step_ids(pack) -> list[int]:
    """The steps that count towards completing the induction: published, required,
    in a published section. Two queries."""
    section_paths = set(
        InductionSectionPage.objects.live().child_of(pack).values_list("path", flat=True)
    )
    steps = InductionStepPage.objects.live().descendant_of(pack).filter(required=True)
    return [
        pk for pk, path in steps.values_list("pk", "path") if path[: -Page.steplen] in section_paths
    ]


# ?sort= values of the coordinators' progress table.
PROGRESS_SORTS = {
    "name": ("full_name", "email"),
    "-name": ("-full_name", "-email"),
    "progress": ("required_done", "full_name"),
    "-progress": ("-required_done", "full_name"),
    "activity": (F("last_activity").asc(nulls_first=True), "full_name"),
    "-activity": (F("last_activity").desc(nulls_last=True), "full_name"),
}


def induction_progress_rows(
    *,
    viewer,
    pack,
    region_slug: str = "",
    state: str = "",
    query: str = "",
    sort: str = "name",
) -> tuple[QuerySet[User], int]:
    """The link workers this person oversees, each annotated with their induction
    progress, and the number of steps that count. One query for the rows, whatever
    their number; the page rows are loaded with their PCN, CCG and region."""
    required_ids = counted_step_ids(pack) if pack else []
    required_total = len(required_ids)
    people = link_workers_overseen_by(viewer).filter(is_active=True)
    if region_slug:
        people = people.filter(pcn__ccg__region__slug=region_slug)
    if query:
        people = people.filter(
            Q(full_name__icontains=query)
            | Q(email__icontains=query)
            | Q(pcn__name__icontains=query)
        )
    done = (
        Count(
            "induction_progress",
            filter=Q(
                induction_progress__status=StepStatus.COMPLETED,
                induction_progress__step_id__in=required_ids,
            ),
        )
        if required_ids
        else Value(0, output_field=IntegerField())
    )
    people = people.annotate(
        required_done=done,
        awaiting=Count(
            "induction_progress",
            filter=Q(induction_progress__status=StepStatus.AWAITING_SIGN_OFF),
        ),
        started=Count("induction_progress"),
        last_activity=Max("induction_progress__updated_at"),
    )
    if state == ProgressState.NOT_STARTED:
        people = people.filter(started=0)
    elif state == ProgressState.IN_PROGRESS:
        people = people.filter(started__gt=0, required_done__lt=required_total)
    elif state == ProgressState.COMPLETED:
        people = (
            people.filter(required_done__gte=required_total) if required_total else people.none()
        )
    elif state == ProgressState.AWAITING_SIGN_OFF:
        people = people.filter(awaiting__gt=0)
    people = people.select_related("pcn__ccg__region").order_by(
        *PROGRESS_SORTS.get(sort, PROGRESS_SORTS["name"])
    )
    return people, required_total


def progress_state(*, required_done: int, started: int, required_total: int) -> ProgressState:
    if required_total and required_done >= required_total:
        return ProgressState.COMPLETED
    if started:
        return ProgressState.IN_PROGRESS
    return ProgressState.NOT_STARTED


def sign_off_queue(*, viewer) -> QuerySet[StepProgress]:
    """Offline tasks waiting for this person's sign-off, oldest first."""
    return (
        StepProgress.objects.filter(
            status=StepStatus.AWAITING_SIGN_OFF,
            step__needs_sign_off=True,
            user__in=link_workers_overseen_by(viewer).filter(is_active=True),
        )
        .select_related("user__pcn__ccg__region", "step")
        .order_by("submitted_at", "pk")
    )


@dataclass
class ChapterNavigation:
    chapters: list[GuideChapterPage]
    previous: GuideChapterPage | None
    next: GuideChapterPage | None


def chapter_navigation(*, chapter: GuideChapterPage) -> ChapterNavigation:
    """The guide's contents, and the chapters either side of this one. One query."""
    chapters = list(
        GuideChapterPage.objects.live().sibling_of(chapter, inclusive=True).order_by("path")
    )
    index = next((i for i, c in enumerate(chapters) if c.pk == chapter.pk), None)
    if index is None:  # a draft being previewed: not in the published contents
        return ChapterNavigation(chapters, None, None)
    return ChapterNavigation(
        chapters,
        chapters[index - 1] if index > 0 else None,
        chapters[index + 1] if index + 1 < len(chapters) else None,
    )
