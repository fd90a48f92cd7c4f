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
