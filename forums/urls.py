from django.urls import path

from . import views, views_moderation

app_name = "forums"

urlpatterns = [
    path("", views.index, name="index"),
    path("c/<slug:slug>/", views.category, name="category"),
    path("c/<slug:slug>/new/", views.thread_new, name="thread_new"),
    path("t/<int:pk>/", views.thread, name="thread"),
    path("t/<int:pk>/reply/", views.reply, name="reply"),
    path("p/<int:pk>/edit/", views.post_edit, name="post_edit"),
    path("p/<int:pk>/report/", views_moderation.report, name="report"),
    path("moderation/", views_moderation.queue, name="moderation"),
    path("moderation/posts/<int:pk>/", views_moderation.post_action, name="post_action"),
    path("moderation/threads/<int:pk>/", views_moderation.thread_action, name="thread_action"),
    path("moderation/members/<int:user_id>/", views_moderation.suspend, name="suspend"),
    path("moderation/members/<int:user_id>/lift/", views_moderation.unsuspend, name="unsuspend"),
]
