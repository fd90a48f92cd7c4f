"""The WebSocket protocol of DESIGN §5, through the real ASGI stack with an in-memory channel layer."""

import json

import pytest
from asgiref.sync import async_to_sync, sync_to_async
from channels.layers import get_channel_layer
from channels.testing import WebsocketCommunicator
from django.test import Client
from rest_framework.authtoken.models import Token

from notifications import events
from notifications.models import SessionEvent
from sessions_app import services
from sessions_app.serializers import JobSummarySerializer
from tests.conftest import make_session, make_upload, make_user

pytestmark = pytest.mark.django_db(transaction=True)


def token_headers(user) -> list[tuple[bytes, bytes]]:
    token, _ = Token.objects.get_or_create(user=user)
    return [(b"authorization", f"Token {token.key}".encode())]


def cookie_headers(user, origin: str | None = "http://127.0.0.1:8000") -> list[tuple[bytes, bytes]]:
    client = Client()
    client.force_login(user)
    headers = [(b"cookie", f"sessionid={client.cookies['sessionid'].value}".encode())]
    if origin:
        headers.append((b"origin", origin.encode()))
    return headers


def communicator(session_id, headers, query: str = "") -> WebsocketCommunicator:
    from recipeplanner.asgi import application

    return WebsocketCommunicator(application, f"/ws/{session_id}{query}", headers=headers)


def record(session, change="dish_added", **fields):
    from django.db import transaction

    with transaction.atomic():
        return events.event_record(
            session_id=session.id, event=events.session_updated(change=change, **fields)
        )


def run(scenario):
    async_to_sync(scenario)()


@pytest.fixture
def host():
    return make_user("host")


@pytest.fixture
def party(host):
    return make_session(host)


def test_without_last_event_id_the_first_message_is_a_session_state_snapshot(host, party, monkeypatch):
    from sessions_app.tasks import extract_recipe_job

    monkeypatch.setattr(extract_recipe_job, "apply_async", lambda args, task_id: None)
    job = services.job_create(session=party, dish_name="Soup", upload=make_upload(), mime_type="text/plain")

    headers = token_headers(host)

    async def scenario():
        ws = communicator(party.id, headers)
        connected, _ = await ws.connect()
        assert connected
        state = await ws.receive_json_from()
        assert state["type"] == "session_state"
        assert state["last_event_id"] == 1
        (task,) = state["pending_tasks"]
        assert {key: task[key] for key in ("task_id", "dish_name", "status", "stage", "progress")} == {
            "task_id": str(job.id),
            "dish_name": "Soup",
            "status": "pending",
            "stage": "",
            "progress": 0,
        }
        # The same shape as the API's pending_extraction_tasks: one serializer makes both.
        assert set(task) == set(JobSummarySerializer.Meta.fields)
        await ws.disconnect()

    run(scenario)


def test_reconnecting_with_last_event_id_replays_exactly_the_missed_events(host, party):
    for n in range(5):
        record(party, dish_name=f"Dish {n}")

    headers = token_headers(host)

    async def scenario():
        ws = communicator(party.id, headers, "?last_event_id=2")
        await ws.connect()
        replayed = [await ws.receive_json_from() for _ in range(3)]
        assert [event["event_id"] for event in replayed] == [3, 4, 5]
        assert [event["dish_name"] for event in replayed] == ["Dish 2", "Dish 3", "Dish 4"]
        assert await ws.receive_nothing(timeout=0.2)
        await sync_to_async(record)(party, dish_name="Dish 5")
        live = await ws.receive_json_from()
        assert live["event_id"] == 6 and live["type"] == "session_updated"
        await ws.disconnect()

    run(scenario)


def test_live_events_that_skip_ahead_are_preceded_by_the_missing_ones_and_duplicates_dropped(host, party):
    headers = token_headers(host)

    async def scenario():
        ws = communicator(party.id, headers, "?last_event_id=0")
        await ws.connect()
        # Written without broadcast (as if that worker's message were still on its way).
        first = await sync_to_async(SessionEvent.objects.create)(session=party, seq=1, type="session_updated")
        second = await sync_to_async(SessionEvent.objects.create)(
            session=party, seq=2, type="session_updated"
        )
        layer = get_channel_layer()
        group = events.group_name(party.id)
        await layer.group_send(group, {"type": "session.event", "event": second.as_message()})
        assert [(await ws.receive_json_from())["event_id"] for _ in range(2)] == [1, 2]
        await layer.group_send(group, {"type": "session.event", "event": first.as_message()})
        await layer.group_send(group, {"type": "session.event", "event": second.as_message()})
        assert await ws.receive_nothing(timeout=0.2)
        await ws.disconnect()

    run(scenario)


def test_ping_gets_pong_and_bad_frames_get_errors_without_closing(host, party):
    headers = token_headers(host)

    async def scenario():
        ws = communicator(party.id, headers, "?last_event_id=0")
        await ws.connect()
        await ws.send_to(text_data="{not json")
        assert (await ws.receive_json_from())["code"] == "malformed_json"
        await ws.send_json_to({"type": "subscribe"})
        assert (await ws.receive_json_from())["code"] == "unknown_type"
        await ws.send_json_to(["ping"])
        assert (await ws.receive_json_from())["type"] == "error"
        await ws.send_to(bytes_data=b"\x00\x01")
        assert (await ws.receive_json_from())["code"] == "binary_frame"
        await ws.send_json_to({"type": "ping"})
        assert await ws.receive_json_from() == {"type": "pong"}
        await ws.disconnect()

    run(scenario)


def test_a_ping_first_sends_events_the_channel_layer_dropped(host, party):
    """channels_redis drops a group message past a process's capacity; the next ping repairs the gap."""
    headers = token_headers(host)

    async def scenario():
        ws = communicator(party.id, headers, "?last_event_id=0")
        await ws.connect()
        # Committed, never broadcast: the live message was dropped, and no later event reveals the gap.
        await sync_to_async(SessionEvent.objects.create)(session=party, seq=1, type="session_updated")
        await sync_to_async(SessionEvent.objects.create)(session=party, seq=2, type="session_updated")
        assert await ws.receive_nothing(timeout=0.2)
        await ws.send_json_to({"type": "ping"})
        assert [(await ws.receive_json_from())["event_id"] for _ in range(2)] == [1, 2]
        assert await ws.receive_json_from() == {"type": "pong"}
        await ws.send_json_to({"type": "ping"})
        assert await ws.receive_json_from() == {"type": "pong"}
        await ws.disconnect()

    run(scenario)


def test_an_oversized_frame_closes_the_socket(host, party, settings):
    headers = token_headers(host)

    async def scenario():
        ws = communicator(party.id, headers, "?last_event_id=0")
        await ws.connect()
        await ws.send_to(
            text_data=json.dumps({"type": "ping", "pad": "x" * (settings.WEBSOCKET_MAX_FRAME_BYTES + 1)})
        )
        closed = await ws.receive_output()
        assert closed == {"type": "websocket.close", "code": 1009}

    run(scenario)


def test_anonymous_clients_are_closed_with_4401(party):
    async def scenario():
        ws = communicator(party.id, [(b"origin", b"http://127.0.0.1:8000")])
        connected, code = await ws.connect()
        if connected:
            code = (await ws.receive_output())["code"]
        assert code == 4401

    run(scenario)


def test_a_bad_token_is_closed_with_4401(party):
    async def scenario():
        ws = communicator(party.id, [(b"authorization", b"Token not-a-real-token")])
        connected, _ = await ws.connect()
        assert connected
        assert (await ws.receive_output())["code"] == 4401

    run(scenario)


@pytest.mark.parametrize("whose", ["someone-else", "unknown"])
def test_someone_elses_or_an_unknown_session_is_closed_with_4404(party, whose):
    import uuid

    stranger = make_user("stranger")
    session_id = party.id if whose == "someone-else" else uuid.uuid4()

    headers = token_headers(stranger)

    async def scenario():
        ws = communicator(session_id, headers)
        connected, _ = await ws.connect()
        assert connected
        assert (await ws.receive_output())["code"] == 4404

    run(scenario)


def test_a_browser_with_an_allowed_origin_is_let_in_by_its_cookie(host, party):
    async def scenario():
        ws = communicator(party.id, await sync_to_async(cookie_headers)(host))
        connected, _ = await ws.connect()
        assert connected
        assert (await ws.receive_json_from())["type"] == "session_state"
        await ws.disconnect()

    run(scenario)


@pytest.mark.parametrize("origin", ["http://evil.example", None], ids=["cross-site", "missing"])
def test_cookie_handshakes_from_a_foreign_or_missing_origin_are_refused(host, party, origin):
    async def scenario():
        ws = communicator(party.id, await sync_to_async(cookie_headers)(host, origin))
        connected, _ = await ws.connect()
        assert not connected

    run(scenario)


def test_a_token_client_with_a_cross_site_origin_is_refused(host, party):
    headers = [*token_headers(host), (b"origin", b"http://evil.example")]

    async def scenario():
        ws = communicator(party.id, headers)
        connected, _ = await ws.connect()
        assert not connected

    run(scenario)
