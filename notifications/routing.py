from django.urls import path

from notifications.consumers import SessionConsumer

websocket_urlpatterns = [
    path("ws/<uuid:session_id>", SessionConsumer.as_asgi()),
    path("ws/<uuid:session_id>/", SessionConsumer.as_asgi()),
]
