from .pages import CoursePage, CoursePrerequisite, LessonPage, TrainingIndexPage
from .records import Attempt, Certificate, Enrolment, LessonCompletion

__all__ = [
    "Attempt",
    "Certificate",
    "CoursePage",
    "CoursePrerequisite",
    "Enrolment",
    "LessonCompletion",
    "LessonPage",
    "TrainingIndexPage",
]
