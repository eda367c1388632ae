"""Read queries for modules and training records."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Exists, F, Func, IntegerField, OuterRef
from wagtail.models import Page

from .enums import EnrolmentStatus, QuestionKind
from .models import Attempt, CoursePage, Enrolment, LessonCompletion, LessonPage
from .models.records import score_percent


def live_lesson_ids(course: CoursePage) -> list[int]:
    """The module's live lessons, in the order they are taken (tree order)."""
    return list(
        LessonPage.objects.live().child_of(course).order_by("path").values_list("pk", flat=True)
    )


def missing_prerequisites(*, user, course: CoursePage) -> list[CoursePage]:
    """Live modules this one requires that `user` has not completed."""
    required = CoursePage.objects.live().filter(required_by__course=course)
    completed = Enrolment.objects.filter(user=user, status=EnrolmentStatus.COMPLETED).values(
        "course_id"
    )
    return list(required.exclude(pk__in=completed).order_by("title"))


# --- What the training pages show -------------------------------------------------


def _enrolment_of(user, course: CoursePage) -> Enrolment | None:
    # Pages are for members; an editor's preview of a module not yet saved has no pk.
    if not user.is_authenticated or course.pk is None:
        return None
    return Enrolment.objects.filter(user=user, course=course).first()


def _done_lesson_ids(enrolment: Enrolment | None) -> set[int]:
    if enrolment is None:
        return set()
    return set(enrolment.lesson_completions.values_list("lesson_id", flat=True))


class _EnrolmentStatus:
    """`status` and its words for something holding `enrolment` (None: not enrolled)."""

    enrolment: Enrolment | None

    @property
    def status(self) -> str:
        return self.enrolment.status if self.enrolment else EnrolmentStatus.NOT_STARTED

    @property
    def status_label(self) -> str:
        return EnrolmentStatus(self.status).label


@dataclass
class CatalogueEntry(_EnrolmentStatus):
    """One module in the training list, with where this person is with it."""

    course: CoursePage
    lesson_total: int
    lessons_done: int
    enrolment: Enrolment | None


def course_catalogue(*, user, index) -> list[CatalogueEntry]:
    """Every live module of the training list with this person's progress on each.
    Four queries, whatever the number of modules and lessons."""
    courses = list(CoursePage.objects.live().child_of(index).order_by("path"))
    if not courses:
        return []
    course_id_by_path = {course.path: course.pk for course in courses}
    live_lessons: dict[int, set[int]] = defaultdict(set)
    for lesson_id, path in LessonPage.objects.live().descendant_of(index).values_list("pk", "path"):
        course_id = course_id_by_path.get(path[: -Page.steplen])
        if course_id is not None:  # a lesson of an unpublished module is not counted
            live_lessons[course_id].add(lesson_id)
    enrolments = {}
    done: dict[int, set[int]] = defaultdict(set)
    if user.is_authenticated:
        enrolments = {
            e.course_id: e for e in Enrolment.objects.filter(user=user, course__in=courses)
        }
    if enrolments:
        for course_id, lesson_id in LessonCompletion.objects.filter(
            enrolment__in=list(enrolments.values())
        ).values_list("enrolment__course_id", "lesson_id"):
            done[course_id].add(lesson_id)
    return [
        CatalogueEntry(
            course=course,
            lesson_total=len(live_lessons[course.pk]),
            lessons_done=len(live_lessons[course.pk] & done[course.pk]),
            enrolment=enrolments.get(course.pk),
        )
        for course in courses
    ]


@dataclass
class LessonItem:
    """A lesson in a module's list. Lessons are taken in order: one is available when
    the person is enrolled and every lesson before it is done."""

    lesson: LessonPage
    number: int
    completed: bool
    available: bool


def _lesson_items(lessons: list[LessonPage], *, enrolled: bool, done: set[int]) -> list[LessonItem]:
    items = []
    earlier_all_done = True
    for number, lesson in enumerate(lessons, start=1):
        completed = lesson.pk in done
        items.append(
            LessonItem(
                lesson=lesson,
                number=number,
                completed=completed,
                # A lesson done stays open to re-read, even if one is added before it.
                available=enrolled and (earlier_all_done or completed),
            )
        )
        earlier_all_done = earlier_all_done and completed
    return items


def _live_lessons(course: CoursePage) -> list[LessonPage]:
    return list(LessonPage.objects.live().child_of(course).order_by("path"))


@dataclass
class AttemptSummary:
    """An attempt as the module and rules pages list it (without its questions)."""

    number: int
    submitted_at: datetime | None
    score: int | None
    total: int
    passed: bool | None

    @property
    def is_open(self) -> bool:
        return self.submitted_at is None

    @property
    def percent(self) -> int | None:
        return score_percent(self.score, self.total)


@dataclass
class AssessmentStatus:
    """A module's assessment and where one person is with it."""

    course: CoursePage
    enrolment: Enrolment | None
    attempts: list[AttemptSummary]
    lessons_done: bool

    @property
    def question_count(self) -> int:
        return self.course.attempt_size

    @property
    def used(self) -> int:
        return len(self.attempts)

    @property
    def left(self) -> int | None:
        """None when the module sets no limit."""
        from .services import attempts_left

        return attempts_left(self.enrolment, course=self.course, used=self.used)

    @property
    def open_attempt(self) -> AttemptSummary | None:
        return next((a for a in self.attempts if a.is_open), None)

    @property
    def passed(self) -> bool:
        return any(a.passed for a in self.attempts)

    @property
    def best(self) -> AttemptSummary | None:
        sent = [a for a in self.attempts if not a.is_open]
        return max(sent, key=lambda a: (a.percent or 0, -a.number), default=None)

    @property
    def can_start(self) -> bool:
        """Whether a new attempt may be started now (an open one is continued instead)."""
        return (
            self.enrolment is not None
            and self.course.has_assessment
            and self.lessons_done
            and not self.passed
            and self.open_attempt is None
            and self.left != 0
        )


def _attempt_summaries(enrolment: Enrolment | None) -> list[AttemptSummary]:
    if enrolment is None:
        return []
    # The question count comes from the database, so the snapshots stay unread.
    rows = (
        enrolment.attempts.annotate(
            question_count=Func(
                F("questions"), function="jsonb_array_length", output_field=IntegerField()
            )
        )
        .order_by("number")
        .values_list("number", "submitted_at", "score", "question_count", "passed")
    )
    return [AttemptSummary(*row) for row in rows]


def assessment_status(*, user, course: CoursePage) -> AssessmentStatus:
    """Four queries: the enrolment, the live lessons, the completions and the attempts."""
    enrolment = _enrolment_of(user, course)
    lesson_ids = set(live_lesson_ids(course))
    return AssessmentStatus(
        course=course,
        enrolment=enrolment,
        attempts=_attempt_summaries(enrolment),
        lessons_done=enrolment is not None and lesson_ids <= _done_lesson_ids(enrolment),
    )


@dataclass
class PrerequisiteItem:
    course: CoursePage
    completed: bool


@dataclass
class CourseOverview(_EnrolmentStatus):
    """Everything a module's page shows about one person's progress through it."""

    course: CoursePage
    enrolment: Enrolment | None
    lessons: list[LessonItem]
    prerequisites: list[PrerequisiteItem]
    assessment: AssessmentStatus

    @property
    def is_completed(self) -> bool:
        return self.enrolment is not None and self.enrolment.is_completed

    @property
    def lesson_total(self) -> int:
        return len(self.lessons)

    @property
    def lessons_done(self) -> int:
        return sum(item.completed for item in self.lessons)

    @property
    def minutes_total(self) -> int:
        return sum(item.lesson.minutes for item in self.lessons)

    @property
    def next_lesson(self) -> LessonItem | None:
        """The first lesson still to do, when the person may start it."""
        return next((i for i in self.lessons if i.available and not i.completed), None)

    @property
    def missing_prerequisites(self) -> list[CoursePage]:
        return [item.course for item in self.prerequisites if not item.completed]


def course_overview(*, user, course: CoursePage) -> CourseOverview:
    """Six queries at most, whatever the number of lessons or attempts."""
    enrolment = _enrolment_of(user, course)
    lessons = _live_lessons(course)
    done = _done_lesson_ids(enrolment)
    completed_modules = Enrolment.objects.filter(
        user_id=user.pk, course_id=OuterRef("pk"), status=EnrolmentStatus.COMPLETED
    )
    prerequisites = [
        PrerequisiteItem(course=required, completed=required.completed)
        for required in CoursePage.objects.live()
        .filter(required_by__course_id=course.pk)
        .annotate(completed=Exists(completed_modules))
        .order_by("title")
    ]
    return CourseOverview(
        course=course,
        enrolment=enrolment,
        lessons=_lesson_items(lessons, enrolled=enrolment is not None, done=done),
        prerequisites=prerequisites,
        assessment=AssessmentStatus(
            course=course,
            enrolment=enrolment,
            attempts=_attempt_summaries(enrolment),
            lessons_done=enrolment is not None and {lesson.pk for lesson in lessons} <= done,
        ),
    )


def lesson_context(*, user, lesson: LessonPage) -> dict:
    """A lesson's place in its module ("Lesson 2 of 5", previous and next) and whether
    this person may take it. Four queries whatever the number of lessons."""
    course = CoursePage.objects.filter(path=lesson.path[: -Page.steplen]).first()
    if course is None:  # only an editor's preview of a lesson being moved gets here
        return {"course": None, "lesson_item": None}
    enrolment = _enrolment_of(user, course)
    items = _lesson_items(
        _live_lessons(course), enrolled=enrolment is not None, done=_done_lesson_ids(enrolment)
    )
    position = next((n for n, item in enumerate(items) if item.lesson.pk == lesson.pk), None)
    return {
        "course": course,
        "enrolment": enrolment,
        "lesson_item": items[position] if position is not None else None,
        "lesson_total": len(items),
        "previous_lesson": items[position - 1] if position else None,
        "next_lesson": items[position + 1]
        if position is not None and position + 1 < len(items)
        else None,
    }


def lesson_after(lesson: LessonPage) -> LessonPage | None:
    """The next live lesson of the same module, where someone goes after this one."""
    return (
        LessonPage.objects.live()
        .sibling_of(lesson, inclusive=False)
        .filter(path__gt=lesson.path)
        .order_by("path")
        .first()
    )


def attempt_of(*, user, course: CoursePage, number: int) -> Attempt | None:
    """This person's attempt with that number at this module; anyone else's is None."""
    return (
        Attempt.objects.select_related("enrolment")
        .filter(enrolment__user_id=user.pk, enrolment__course=course, number=number)
        .first()
    )


@dataclass
class QuestionReview:
    """One question of a sent attempt: what was chosen, whether it was right, and why."""

    number: int
    text: str
    kind: str
    feedback: str
    choices: list[dict]  # {"text", "chosen"}
    right: bool

    @property
    def kind_label(self) -> str:
        return QuestionKind(self.kind).label


def attempt_review(attempt: Attempt) -> list[QuestionReview]:
    """Only for a sent attempt: the page it feeds shows the feedback."""
    if attempt.is_open:
        raise ValueError("An open attempt has no review: it would show the answers.")
    reviews = []
    for number, question in enumerate(attempt.questions, start=1):
        chosen = set(attempt.answers.get(question["id"], []))
        right_keys = {c["key"] for c in question["choices"] if c["correct"]}
        reviews.append(
            QuestionReview(
                number=number,
                text=question["text"],
                kind=question["kind"],
                feedback=question["feedback"],
                choices=[
                    {"text": c["text"], "chosen": c["key"] in chosen} for c in question["choices"]
                ],
                right=chosen == right_keys,
            )
        )
    return reviews
