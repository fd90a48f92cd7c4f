"""ASGI entry point served by daphne: HTTP through Django, WebSockets through Channels."""

import os

from django.conf import settings
from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "recipeplanner.settings")
django_asgi_app = get_asgi_application()
# Serving signs sessions and CSRF tokens: with SECRET_KEY unset, Django raises ImproperlyConfigured here,
# at start-up, rather than at the first request.
settings.SECRET_KEY  # noqa: B018

from channels.auth import AuthMiddlewareStack  # noqa: E402  (needs the app registry loaded)
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402

from notifications.auth import TokenAuthMiddleware  # noqa: E402
from notifications.routing import websocket_urlpatterns  # noqa: E402


class ScriptNameMiddleware:
    """Under FORCE_SCRIPT_NAME, tell Channels' router the sub-path of a WebSocket, as daphne's --root-path would.

    Django strips the prefix from HTTP paths itself; Channels only honours the scope's `root_path`.
    """

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        prefix = (settings.FORCE_SCRIPT_NAME or "").rstrip("/")
        if prefix and not scope.get("root_path") and scope["path"].startswith(prefix + "/"):
            scope = dict(scope, root_path=prefix)
        return await self.app(scope, receive, send)


application = ProtocolTypeRouter(
    {
        "http": django_asgi_app,
        "websocket": ScriptNameMiddleware(
            AuthMiddlewareStack(TokenAuthMiddleware(URLRouter(websocket_urlpatterns)))
        ),
    }
)
