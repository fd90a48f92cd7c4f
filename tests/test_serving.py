"""How the app is served: daphne's request class, the multi-process launcher, the broadcast loop."""

import socket

import pytest

from notifications import events
from recipeplanner import serve


def test_daphne_hands_multipart_bodies_over_without_parsing_them_first():
    from daphne import http_protocol

    import recipeplanner.asgi  # noqa: F401  (configures daphne's request class)

    assert http_protocol.WebRequest.skips_form_parsing


def test_the_launcher_binds_one_inheritable_listening_socket():
    sock = serve.listening_socket("127.0.0.1", 0)
    try:
        assert sock.get_inheritable()
        assert sock.getsockopt(socket.SOL_SOCKET, socket.SO_ACCEPTCONN)
    finally:
        sock.close()


def test_the_launcher_needs_at_least_one_process():
    with pytest.raises(SystemExit):
        serve.main(["--processes", "0"])


def test_broadcasts_outside_a_server_share_one_event_loop():
    loop = events._broadcast_loop()
    assert events._broadcast_loop() is loop and loop.is_running()


@pytest.mark.django_db
def test_every_request_of_a_process_runs_its_sync_code_on_one_thread():
    """Django would give each request a thread of its own; recipeplanner.asgi keeps them on one."""
    import threading

    from asgiref.sync import async_to_sync
    from channels.testing import HttpCommunicator
    from django.core.signals import request_started

    from recipeplanner.asgi import application

    threads = []

    def note_thread(**kwargs):
        threads.append(threading.current_thread().name)

    request_started.connect(note_thread)
    try:

        async def requests():
            for _ in range(3):
                response = await HttpCommunicator(
                    application, "GET", "/accounts/login/", headers=[(b"host", b"localhost")]
                ).get_response()
                assert response["status"] == 200

        async_to_sync(requests)()
    finally:
        request_started.disconnect(note_thread)
    assert len(threads) == 3
    assert len(set(threads)) == 1


@pytest.mark.django_db
def test_a_request_crosses_from_the_event_loop_to_the_django_thread_once(monkeypatch):
    """Built in async mode, Django's chain hopped to the thread for each middleware hook (15 per page)."""
    from asgiref.sync import SyncToAsync, async_to_sync
    from channels.testing import HttpCommunicator

    from recipeplanner.asgi import application

    hops = []
    call = SyncToAsync.__call__

    async def counted(self, *args, **kwargs):
        hops.append(getattr(self.func, "__qualname__", repr(self.func)))
        return await call(self, *args, **kwargs)

    async def request():
        response = await HttpCommunicator(
            application, "GET", "/accounts/login/", headers=[(b"host", b"localhost")]
        ).get_response()
        assert response["status"] == 200

    async_to_sync(request)()  # the first request also loads the URLconf and templates
    monkeypatch.setattr(SyncToAsync, "__call__", counted)
    async_to_sync(request)()
    # The request_started signal, then the whole middleware chain with the view.
    assert len(hops) == 2, hops
