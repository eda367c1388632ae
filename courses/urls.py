"""Training records on every host: My learning, the CPD log, certificates and their
public verification."""

from django.urls import path

from . import views_records

app_name = "courses"

urlpatterns = [
    path("my-learning/", views_records.my_learning, name="my_learning"),
    path("my-learning/cpd.csv", views_records.cpd_log_csv, name="cpd_log_csv"),
    path(
        "my-learning/certificates/<str:code>.pdf",
        views_records.certificate_pdf,
        name="certificate_pdf",
    ),
    path("certificates/verify/", views_records.verify_lookup, name="verify_lookup"),
    path("certificates/verify/<str:code>/", views_records.verify, name="verify"),
    path(
        "training-records/<int:enrolment_id>/another-attempt/",
        views_records.attempt_grant,
        name="attempt_grant",
    ),
    path(
        "certificates/<int:pk>/revoke/",
        views_records.certificate_revoke,
        name="certificate_revoke",
    ),
]
