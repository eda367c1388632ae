from django.urls import path

from . import views, views_moderation, views_notifications, views_search

app_name = "forums"

urlpatterns = [
    path("", views.index, name="index"),
    path("c/<slug:slug>/", views.category, name="category"),
    path("c/<slug:slug>/new/", views.thread_new, name="thread_new"),
    path("t/<int:pk>/", views.thread, name="thread"),
    path("c/<slug:slug>/follow/", views.follow_category, name="follow_category"),
    path("t/<int:pk>/reply/", views.reply, name="reply"),
    path("t/<int:pk>/new/", views.thread_unread, name="thread_unread"),
    path("t/<int:pk>/follow/", views.follow_thread, name="follow_thread"),
    path("p/<int:pk>/helpful/", views.helpful, name="helpful"),
    path("p/<int:pk>/edit/", views.post_edit, name="post_edit"),
    path("p/<int:pk>/report/", views_moderation.report, name="report"),
    path("search/", views_search.search, name="search"),
    path("notifications/", views_notifications.notifications, name="notifications"),
    path("notifications/settings/", views_notifications.preferences, name="preferences"),
    path("unsubscribe/<str:token>/", views_notifications.unsubscribe, name="unsubscribe"),
    path("moderation/", views_moderation.queue, name="moderation"),
    path("moderation/posts/<int:pk>/", views_moderation.post_action, name="post_action"),
    path("moderation/threads/<int:pk>/", views_moderation.thread_action, name="thread_action"),
    path("moderation/members/<int:user_id>/", views_moderation.suspend, name="suspend"),
    path("moderation/members/<int:user_id>/lift/", views_moderation.unsuspend, name="unsuspend"),
]
