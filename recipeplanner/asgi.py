"""ASGI entry point served by daphne: HTTP through Django, WebSockets through Channels."""

import os

import django
from asgiref.sync import sync_to_async
from django.conf import settings
from django.core.handlers.asgi import ASGIHandler

from recipeplanner import after_response

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "recipeplanner.settings")
django.setup(set_prefix=False)


class OneThreadASGIHandler(ASGIHandler):
    """Django's ASGI handler with every request's sync code on one thread per process, as in a WSGI worker.

    Django gives each request a thread of its own (a ThreadSensitiveContext). Under load those threads
    contend for the GIL with daphne's event loop, which then relays WebSocket events late, and for SQLite's
    write lock, whose busy handler sleeps. On one thread the requests of a process take turns, nothing else
    changes about them, and the thread's database connection can be kept between requests (WEB_CONN_MAX_AGE).
    daphne processes (WEB_PROCESSES) are the unit of parallelism, each using one core at most anyway.
    """

    def load_middleware(self, is_async=False):
        """Build the middleware chain in sync mode and enter it once, from daphne's loop.

        Every middleware here and every view is sync. Built in async mode, as Django builds it for ASGI, each
        middleware hook and `process_view` ran in a separate hop to the thread and back (a dozen per
        request, each a thread switch); in sync mode the request crosses to the thread once.
        """
        super().load_middleware(is_async=False)
        self._middleware_chain = sync_to_async(self._middleware_chain, thread_sensitive=True)

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            raise ValueError(f"Django can only handle ASGI/HTTP connections, not {scope['type']}.")
        with after_response.collecting() as collection:
            try:
                await self.handle(scope, receive, send)
            finally:
                # The response is sent and closed: what the view left for now runs on its own thread,
                # with a hop there only when there is something to run. Should the client have hung up
                # while the view still ran, the view's later additions run at once, on that thread too.
                funcs = collection.close()
                if funcs:
                    await sync_to_async(after_response.run_all, thread_sensitive=True)(funcs)


django_asgi_app = OneThreadASGIHandler()
# Serving signs sessions and CSRF tokens: with SECRET_KEY unset, Django raises ImproperlyConfigured here,
# at start-up, rather than at the first request.
settings.SECRET_KEY  # noqa: B018

from channels.auth import AuthMiddlewareStack  # noqa: E402  (needs the app registry loaded)
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402

from notifications.auth import TokenAuthMiddleware  # noqa: E402
from notifications.routing import websocket_urlpatterns  # noqa: E402


def _skip_twisted_form_parsing() -> None:
    """Stop Twisted from parsing each multipart body into `request.args`, which daphne never reads.

    Twisted's HTTP request parses every form POST with the `email` package before daphne sees it, on the
    reactor thread: profiled under daphne, that parse was a fifth of the process's CPU during uploads (more
    than the view) and it blocks every other request meanwhile. daphne hands the raw body to Django, which
    parses it again anyway. A no-op when daphne is not the server.
    """
    try:
        from daphne import http_protocol
    except ImportError:
        return
    if getattr(http_protocol.WebRequest, "skips_form_parsing", False):
        return

    class WebRequest(http_protocol.WebRequest):
        skips_form_parsing = True

        def __init__(self, *args, **kwargs):
            kwargs["parsePOSTFormSubmission"] = False
            super().__init__(*args, **kwargs)

    # daphne's HTTPFactory.buildProtocol looks the class up by this name for each connection.
    http_protocol.WebRequest = WebRequest


_skip_twisted_form_parsing()


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
