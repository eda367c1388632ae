from .circulation import CascadeContact, Circulation, CirculationOptOut
from .registrations import (
    FEEDBACK_MAX_LENGTH,
    Attendance,
    CalendarFeed,
    Feedback,
    Registration,
)
from .schedule import MAX_CAPACITY, ScheduleChange, Series, Session

__all__ = [
    "FEEDBACK_MAX_LENGTH",
    "MAX_CAPACITY",
    "Attendance",
    "CalendarFeed",
    "CascadeContact",
    "Circulation",
    "CirculationOptOut",
    "Feedback",
    "Registration",
    "ScheduleChange",
    "Series",
    "Session",
]
