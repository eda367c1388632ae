"""Modules for tests: a training index, a module with lessons and a question bank,
and answers to an attempt (all right, or all wrong)."""

from decimal import Decimal

from django.utils.text import slugify

from learning.home.models import HomePage

from ..enums import QuestionKind
from ..models import Attempt, CoursePage, LessonPage, TrainingIndexPage


def make_training_index() -> TrainingIndexPage:
    existing = TrainingIndexPage.objects.first()
    if existing is not None:
        return existing
    home = HomePage.objects.get()
    return home.add_child(instance=TrainingIndexPage(title="Training", slug="training"))


def question(text: str, *, right=("Yes",), wrong=("No",), kind=QuestionKind.SINGLE) -> dict:
    """A raw question block: the right and wrong choices, right ones first."""
    choices = [{"text": t, "correct": True} for t in right] + [
        {"text": t, "correct": False} for t in wrong
    ]
    return {
        "type": "question",
        "value": {
            "text": text,
            "kind": kind,
            "choices": choices,
            "feedback": f"Feedback on: {text}",
        },
    }


def make_course(
    title: str = "Personalised care conversations",
    *,
    lessons: int = 3,
    questions: int = 4,
    pass_mark: int = 75,
    max_attempts: int = 3,
    shuffle: bool = False,
    questions_per_attempt: int | None = None,
    cpd_hours: str = "2.5",
    index: TrainingIndexPage | None = None,
) -> CoursePage:
    index = index or make_training_index()
    course = index.add_child(
        instance=CoursePage(
            title=title,
            slug=slugify(title),
            summary=f"About {title.lower()}.",
            learning_outcomes=[("outcome", "Hold a 'what matters to me' conversation")],
            cpd_hours=Decimal(cpd_hours),
            accrediting_body="Personalised Care Institute",
            pass_mark=pass_mark,
            max_attempts=max_attempts,
            shuffle=shuffle,
            questions_per_attempt=questions_per_attempt,
            questions=[question(f"Question {n}?") for n in range(1, questions + 1)],
        )
    )
    for n in range(1, lessons + 1):
        make_lesson(course, f"Lesson {n}")
    return course


def make_lesson(course: CoursePage, title: str) -> LessonPage:
    return course.add_child(
        instance=LessonPage(
            title=title,
            slug=slugify(title),
            summary=f"About {title.lower()}.",
            minutes=10,
            body=[("paragraph", f"<p>The content of {title.lower()}.</p>")],
        )
    )


def lessons_of(course: CoursePage) -> list[LessonPage]:
    return list(LessonPage.objects.child_of(course).order_by("path"))


def answers(attempt: Attempt, *, right: int | None = None) -> dict[str, list[str]]:
    """Answers to every question of the attempt: the first `right` of them right
    (all of them when None), the rest wrong."""
    chosen = {}
    for n, q in enumerate(attempt.questions):
        if right is None or n < right:
            chosen[q["id"]] = [c["key"] for c in q["choices"] if c["correct"]]
        else:
            chosen[q["id"]] = [next(c["key"] for c in q["choices"] if not c["correct"])]
    return chosen
