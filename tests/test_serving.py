"""How the app is served: daphne's request class, the multi-process launcher, the broadcast loop."""

import asyncio
import io
import json
import socket
import time

import pytest
from channels.layers import InMemoryChannelLayer

from notifications import events
from recipeplanner import serve


def test_daphne_hands_multipart_bodies_over_without_parsing_them_first():
    from daphne import http_protocol

    import recipeplanner.asgi  # noqa: F401  (configures daphne's request class)

    assert http_protocol.WebRequest.skips_form_parsing


def test_daphne_keeps_bodies_up_to_the_upload_memory_limit_in_memory_and_hands_them_on_in_large_pieces(
    settings,
):
    from types import SimpleNamespace

    from daphne import http_protocol
    from twisted.web.test.requesthelper import DummyChannel

    from recipeplanner.asgi import BODY_MESSAGE_BYTES

    channel = DummyChannel()
    server = SimpleNamespace(request_buffer_size=8192, protocol_connected=lambda request: None)
    channel.factory = SimpleNamespace(server=server)
    request = http_protocol.WebRequest(channel)
    assert server.request_buffer_size == BODY_MESSAGE_BYTES
    # Twisted would write anything from 100,000 bytes on to a temporary file.
    request.gotLength(settings.FILE_UPLOAD_MAX_MEMORY_SIZE)
    assert isinstance(request.content, io.BytesIO)
    request.gotLength(settings.FILE_UPLOAD_MAX_MEMORY_SIZE + 1)
    assert not isinstance(request.content, io.BytesIO)
    request.content.close()


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


class SlowChannelLayer(InMemoryChannelLayer):
    """A channel layer that takes a second to send to a group, as a far or busy Redis would."""

    async def group_send(self, group, message):
        await asyncio.sleep(1.0)
        await super().group_send(group, message)


@pytest.mark.django_db(transaction=True)
def test_a_request_answers_without_waiting_for_the_channel_layer_and_the_event_still_arrives(settings):
    from asgiref.sync import async_to_sync
    from channels.testing import HttpCommunicator, WebsocketCommunicator
    from rest_framework.authtoken.models import Token

    from recipeplanner.asgi import application
    from tests.conftest import make_session, make_user

    settings.CHANNEL_LAYERS = {"default": {"BACKEND": "tests.test_serving.SlowChannelLayer"}}
    user = make_user("host")
    session = make_session(user)
    headers = [(b"authorization", f"Token {Token.objects.create(user=user).key}".encode())]

    async def scenario():
        ws = WebsocketCommunicator(application, f"/ws/{session.id}?last_event_id=0", headers=headers)
        assert (await ws.connect())[0]
        started = time.monotonic()
        body = json.dumps({"name": "Trifle"}).encode()
        response = await HttpCommunicator(
            application,
            "POST",
            f"/api/sessions/{session.id}/dishes/",
            body=body,
            headers=[
                *headers,
                (b"host", b"localhost"),
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
            ],
        ).get_response()
        answered = time.monotonic() - started
        assert response["status"] == 201, response["body"]
        assert answered < 0.9, answered
        event = await ws.receive_json_from(timeout=5)
        assert (event["type"], event["change"], event["dish_name"]) == (
            "session_updated",
            "dish_added",
            "Trifle",
        )
        await ws.disconnect()

    async_to_sync(scenario)()
