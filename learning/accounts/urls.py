from django.urls import path

from . import views, views_account

app_name = "accounts"

urlpatterns = [
    path("account/", views_account.account, name="account"),
    path("join/", views.join, name="join"),
    path("join/sent/", views.join_done, name="join_done"),
    path("join-requests/", views.join_requests, name="join_requests"),
    path("join-requests/<int:pk>/", views.join_request_detail, name="join_request_detail"),
    path(
        "join-requests/<int:pk>/approve/", views.join_request_approve, name="join_request_approve"
    ),
    path(
        "join-requests/<int:pk>/decline/", views.join_request_decline, name="join_request_decline"
    ),
    path("welcome/<uidb64>/<token>/", views.welcome, name="welcome"),
    path("people/", views.people_list, name="people"),
    path("people/<int:pk>/role/", views.person_role, name="person_role"),
]
