"""Read queries for modules and training records."""

from .enums import EnrolmentStatus
from .models import CoursePage, Enrolment, LessonPage


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
