"""A region's cohorts, for its learning coordinators (mounted at /cohorts/ on region hosts)."""

from django.urls import path

from . import views, views_reminders

app_name = "cohorts"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.create, name="create"),
    path("<int:cohort_id>/", views.grid, name="grid"),
    path("<int:cohort_id>/export/", views.export, name="export"),
    path("<int:cohort_id>/edit/", views.edit, name="edit"),
    path("<int:cohort_id>/archive/", views.archive, name="archive"),
    path("<int:cohort_id>/members/", views.members, name="members"),
    path("<int:cohort_id>/members/upload/", views.upload, name="upload"),
    path(
        "<int:cohort_id>/members/<int:member_id>/remove/",
        views.member_remove,
        name="member_remove",
    ),
    path("<int:cohort_id>/learning/", views.learning, name="learning"),
    path(
        "<int:cohort_id>/learning/<int:assignment_id>/",
        views.assignment_edit,
        name="assignment_edit",
    ),
    path(
        "<int:cohort_id>/learning/<int:assignment_id>/remove/",
        views.assignment_remove,
        name="assignment_remove",
    ),
    path("<int:cohort_id>/remind/", views_reminders.nudge, name="nudge"),
]
