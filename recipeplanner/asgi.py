"""ASGI entry point served by daphne: HTTP through Django, WebSockets through Channels."""

import io
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

# Largest piece of a request body daphne hands to Django in one ASGI message. daphne's own is 8 KiB (its
# Server's request_buffer_size, not on its command line): a 300 KB upload then crossed to Django in 38
# messages, each an await and a write on the event loop (in-process, 0.8 ms more CPU per upload than in
# 64 KiB messages; docs/benchmarks.md, fifth round).
BODY_MESSAGE_BYTES = 64 * 1024


def _tune_daphne_requests() -> None:
    """Make daphne's request class read bodies without the work daphne never uses. A no-op elsewhere.

    - Twisted parses every multipart POST into `request.args` with the `email` package, on the reactor
      thread: profiled under daphne, that parse was a fifth of the process's CPU during uploads (more than
      the view), blocking every other request meanwhile. daphne hands the raw body to Django, which parses
      it again anyway; Twisted's own switch turns it off.
    - Twisted writes a body of 100,000 bytes or more to a temporary file, on the reactor thread, which
      daphne then reads back: a body up to FILE_UPLOAD_MAX_MEMORY_SIZE stays in memory instead, the limit
      Django itself applies next.
    - daphne sends the body on in messages of BODY_MESSAGE_BYTES rather than 8 KiB.
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
            # One Server per process, read by each request as it hands its body over (WebRequest.process).
            server = getattr(self, "server", None)
            if server is not None and server.request_buffer_size < BODY_MESSAGE_BYTES:
                server.request_buffer_size = BODY_MESSAGE_BYTES

        def gotLength(self, length):
            if length is not None and length <= settings.FILE_UPLOAD_MAX_MEMORY_SIZE:
                self.content = io.BytesIO()
            else:
                super().gotLength(length)

    # daphne's HTTPFactory.buildProtocol looks the class up by this name for each connection.
    http_protocol.WebRequest = WebRequest


_tune_daphne_requests()


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
