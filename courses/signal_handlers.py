"""Completion follows the content: when a module's lessons or question bank change, open
enrolments are brought up to date at once (see services.enrolment_refresh)."""

from django.db.models.signals import post_delete
from wagtail.signals import page_published, page_unpublished, post_page_move

from .models import CoursePage, LessonPage


def _refresh_course_of(lesson) -> None:
    from .services import course_enrolments_refresh

    course = CoursePage.objects.filter(pk=lesson.get_parent().pk).first() if lesson.depth else None
    if course is not None:
        course_enrolments_refresh(course)


def lesson_changed(sender, instance, **kwargs) -> None:
    _refresh_course_of(instance)


def course_published(sender, instance, **kwargs) -> None:
    """A new question bank (say, emptied) can change what completing needs."""
    from .services import course_enrolments_refresh

    course_enrolments_refresh(instance)


def lesson_moved(sender, instance, parent_page_before=None, parent_page_after=None, **kwargs):
    from .services import course_enrolments_refresh

    for parent in (parent_page_before, parent_page_after):
        course = CoursePage.objects.filter(pk=getattr(parent, "pk", None)).first()
        if course is not None:
            course_enrolments_refresh(course)


def lesson_deleted(sender, instance, **kwargs) -> None:
    from .services import course_enrolments_refresh

    parent_path = instance.path[: -LessonPage.steplen]
    course = CoursePage.objects.filter(path=parent_path).first()
    if course is not None:
        course_enrolments_refresh(course)


def connect() -> None:
    page_published.connect(lesson_changed, sender=LessonPage)
    page_published.connect(course_published, sender=CoursePage)
    page_unpublished.connect(lesson_changed, sender=LessonPage)
    post_page_move.connect(lesson_moved, sender=LessonPage)
    post_delete.connect(lesson_deleted, sender=LessonPage)
