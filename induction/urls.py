"""Learning coordinators' induction pages (the pack and guides are Wagtail pages)."""

from django.urls import path

from . import views

app_name = "induction"

urlpatterns = [
    path("", views.progress_table, name="progress"),
    path("export/", views.progress_export, name="progress_export"),
    path("people/<int:person_id>/", views.person_induction, name="person"),
    path("people/<int:person_id>/record/", views.person_record, name="person_record"),
    path("sign-off/", views.sign_off_list, name="sign_off"),
    path("sign-off/<int:progress_id>/", views.review, name="review"),
]
