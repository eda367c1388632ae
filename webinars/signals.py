"""Signals other apps listen to, so webinars need not import them.

Both are sent inside the transaction that records (or takes back) attendance, so
a receiver's writes commit or roll back with it: induction completes, or reopens,
people's "attend a webinar" steps for the session's series
(`induction.signal_handlers`).

    attendance_recorded(sender=Session, series_id=..., user_ids=...)
        everyone now recorded as attending a session of the series
    attendance_removed(sender=Session, series_id=..., user_ids=...)
        people whose attendance at a session of the series was taken back
"""

from django.dispatch import Signal

attendance_recorded = Signal()
attendance_removed = Signal()
