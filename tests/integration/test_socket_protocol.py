"""The WebSocket protocol's small print: ping, bad frames, who may connect."""

import json
import uuid

import pytest
from websockets.exceptions import InvalidStatus

from .client import close_code, open_socket, receive

pytestmark = pytest.mark.integration


def test_ping_is_answered_with_pong(stack, owner, planning_session):
    with open_socket(stack.ws_base_url, planning_session["id"], token=owner.token) as ws:
        receive(ws)
        ws.send(json.dumps({"type": "ping"}))
        assert receive(ws) == {"type": "pong"}


def test_a_malformed_json_frame_gets_an_error_and_the_socket_stays_open(stack, owner, planning_session):
    with open_socket(stack.ws_base_url, planning_session["id"], token=owner.token) as ws:
        receive(ws)
        ws.send("{this is not json")
        assert receive(ws)["type"] == "error"
        ws.send(json.dumps({"type": "ping"}))
        assert receive(ws)["type"] == "pong"


def test_an_unknown_message_type_gets_an_error(stack, owner, planning_session):
    with open_socket(stack.ws_base_url, planning_session["id"], token=owner.token) as ws:
        receive(ws)
        ws.send(json.dumps({"type": "make_me_a_sandwich"}))
        assert receive(ws)["type"] == "error"


def refusal(stack, session_id: str, **kwargs) -> int | str:
    """How the server refused the socket: its close code, or the HTTP status of a rejected handshake."""
    try:
        ws = open_socket(stack.ws_base_url, session_id, **kwargs)
    except InvalidStatus as error:
        return f"HTTP {error.response.status_code}"
    with ws:
        return close_code(ws)


def test_an_anonymous_socket_from_the_sites_own_page_is_closed_with_4401(stack, planning_session):
    assert refusal(stack, planning_session["id"], origin=stack.base_url) == 4401


def test_an_anonymous_socket_without_origin_is_closed_with_4401(stack, planning_session):
    # No cookie and no token: nothing to hijack, so the Origin rule does not apply; it is simply anonymous.
    assert refusal(stack, planning_session["id"]) == 4401


def test_someone_elses_session_is_closed_with_4404(stack, stranger, planning_session):
    assert refusal(stack, planning_session["id"], token=stranger.token) == 4404


def test_an_unknown_session_is_closed_with_4404(stack, owner):
    assert refusal(stack, str(uuid.uuid4()), token=owner.token) == 4404


def test_a_cross_site_origin_is_refused_even_with_a_token(stack, owner, planning_session):
    outcome = refusal(stack, planning_session["id"], token=owner.token, origin="http://evil.example")

    assert outcome != 1000 and outcome is not None, outcome


def test_a_same_site_origin_with_a_token_is_accepted(stack, owner, planning_session):
    with open_socket(
        stack.ws_base_url, planning_session["id"], token=owner.token, origin=stack.base_url
    ) as ws:
        assert receive(ws)["type"] == "session_state"
