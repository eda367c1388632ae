"""Webinar routes, on every host (the schedule is national; sessions for a region are
shown to its people wherever they are signed in)."""

from django.urls import path

from . import views, views_attendance, views_circulation, views_manage

app_name = "webinars"

urlpatterns = [
    # Link workers: the schedule, a place, calendars, feedback.
    path("webinars/", views.schedule, name="schedule"),
    path("webinars/<int:pk>/", views.session_detail, name="session"),
    path("webinars/<int:pk>/register/", views.register, name="register"),
    path("webinars/<int:pk>/cancel/", views.cancel_registration, name="cancel"),
    path("webinars/<int:pk>/invitation.ics", views.invitation, name="invitation"),
    path("webinars/<int:pk>/feedback/", views.feedback, name="feedback"),
    path("webinars/mine/", views.my_webinars, name="my_webinars"),
    path("webinars/calendar/", views.calendar_feed, name="calendar_feed"),
    path("webinars/calendar/<str:token>.ics", views.calendar_feed_ics, name="calendar_feed_ics"),
    # The national team and coordinators: series, sessions, registrations.
    path("webinars/manage/", views_manage.manage, name="manage"),
    path("webinars/manage/series/new/", views_manage.series_create, name="series_create"),
    path("webinars/manage/new/", views_manage.session_create, name="session_create"),
    path("webinars/manage/<int:pk>/", views_manage.session_manage, name="session_manage"),
    path("webinars/manage/<int:pk>/edit/", views_manage.session_edit, name="session_edit"),
    path("webinars/manage/<int:pk>/cancel/", views_manage.session_cancel, name="session_cancel"),
    path(
        "webinars/manage/<int:pk>/materials/",
        views_manage.session_materials,
        name="session_materials",
    ),
    path(
        "webinars/manage/<int:pk>/registrations.csv",
        views_manage.registrations_csv,
        name="registrations_csv",
    ),
    path(
        "webinars/manage/<int:pk>/feedback/", views_manage.feedback_summary, name="feedback_summary"
    ),
    # Attendance: marked by hand or read from a Teams or Zoom report.
    path("webinars/manage/<int:pk>/attendance/", views_attendance.attendance, name="attendance"),
    path(
        "webinars/manage/<int:pk>/attendance/upload/",
        views_attendance.attendance_upload,
        name="attendance_upload",
    ),
    # Circulation to CCG leads and their PCN contacts.
    path("webinars/cascade/", views_circulation.cascade, name="cascade"),
    path(
        "webinars/cascade/contacts/<int:contact_id>/remove/",
        views_circulation.contact_remove,
        name="contact_remove",
    ),
    path("webinars/cascade/forward/", views_circulation.forward, name="forward"),
    path("webinars/cascade/preview/", views_circulation.preview, name="cascade_preview"),
    path("webinars/circulations/", views_circulation.report, name="circulation_report"),
    path(
        "webinars/circulations/<int:pk>/",
        views_circulation.circulation_detail,
        name="circulation_detail",
    ),
    path("webinars/unsubscribe/<str:token>/", views_circulation.unsubscribe, name="unsubscribe"),
    path(
        "webinars/cascade/contacts/add-many/",
        views_circulation.contacts_add_many,
        name="contacts_add_many",
    ),
]
