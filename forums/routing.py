from django.urls import path

from .consumers import ForumIndexConsumer

websocket_urlpatterns = [
    path("ws/community/", ForumIndexConsumer.as_asgi()),
]
