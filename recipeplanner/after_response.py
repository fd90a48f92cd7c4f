"""Work a request leaves for after its response: run once the response has been sent, on the request's thread.

A service calls `run_after_response(func)` (from a `transaction.on_commit` callback, so a rolled-back
transaction leaves nothing behind). In a request the function is kept with that request and runs once,
after the last byte of the response went to the server:

- under daphne, `OneThreadASGIHandler` (asgi.py) collects it and runs it when Django's handling of the
  request is over (the response sent and closed), on the thread that ran the view;
- elsewhere (a WSGI server, Django's test client) `AfterResponseMiddleware` collects it and runs it when
  the server closes the response.

Outside a request (Celery workers, management commands, the shell), and in a request whose response is
already over (the client hung up while the view ran), the function runs at once.
"""

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

logger = logging.getLogger(__name__)


class Collection:
    """The functions one request left for after its response, until the response is over."""

    def __init__(self):
        # The view's thread adds; under daphne the event loop's thread closes.
        self._lock = threading.Lock()
        self._funcs: list[Callable[[], None]] = []
        self._closed = False

    def add(self, func: Callable[[], None]) -> bool:
        """Keep `func` for after the response; False when the response is already over."""
        with self._lock:
            if self._closed:
                return False
            self._funcs.append(func)
            return True

    def close(self) -> list[Callable[[], None]]:
        """The response is over: hand back what was kept, once; later additions are refused."""
        with self._lock:
            self._closed = True
            funcs, self._funcs = self._funcs, []
            return funcs


_current: ContextVar[Collection | None] = ContextVar("after_response", default=None)


def run_after_response(func: Callable[[], None]) -> None:
    """Run `func` once the current request's response has been sent; at once outside a request."""
    collection = _current.get()
    if collection is None or not collection.add(func):
        func()


@contextmanager
def collecting() -> Iterator[Collection]:
    """Collect the after-response work of the code run inside (one request); yields the collection."""
    collection = Collection()
    token = _current.set(collection)
    try:
        yield collection
    finally:
        _current.reset(token)


def is_collecting() -> bool:
    """Whether the current code runs in a request whose after-response work is collected."""
    return _current.get() is not None


def run_all(funcs: list[Callable[[], None]]) -> None:
    """Run the functions in order; one that raises is logged and the rest still run."""
    for func in funcs:
        try:
            func()
        except Exception:
            logger.exception("work left for after the response failed")


class AfterResponseMiddleware:
    """Collects a request's after-response work and runs it when the server closes the response.

    Under daphne the ASGI handler already collects it; then this middleware only passes the request on.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if is_collecting():
            return self.get_response(request)
        with collecting() as collection:
            try:
                response = self.get_response(request)
            except BaseException:
                run_all(collection.close())
                raise
        # The closers run from response.close(), which a WSGI server and the test client call once the
        # response has been sent; Django closes the request's uploaded files the same way.
        response._resource_closers.append(lambda: run_all(collection.close()))
        return response
