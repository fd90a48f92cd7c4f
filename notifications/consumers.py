"""The WebSocket consumer: one connection watching one planning session (DESIGN §5)."""

import json
import logging
from urllib.parse import parse_qs

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.conf import settings
from django.http.request import split_domain_port, validate_host

from notifications import events
from sessions_app import selectors
from sessions_app.serializers import JobSummarySerializer

logger = logging.getLogger(__name__)

CLOSE_UNAUTHENTICATED = 4401
CLOSE_FORBIDDEN_ORIGIN = 4403
CLOSE_NOT_FOUND = 4404
CLOSE_TOO_BIG = 1009


def origin_allowed(scope) -> bool:
    """Handshakes with cookies need an allowed Origin; others may omit it; a foreign Origin never passes."""
    headers = dict(scope.get("headers", []))
    origin = headers.get(b"origin", b"").decode("latin-1")
    if not origin:
        # Only a browser sends cookies by itself, and a browser always sends an Origin.
        return scope.get("auth_method") == "token" or b"cookie" not in headers
    host = origin.split("://", 1)[-1]
    domain, _port = split_domain_port(host)
    return bool(domain) and validate_host(domain, settings.ALLOWED_HOSTS)


class SessionConsumer(AsyncWebsocketConsumer):
    """Joins the session's group first, then replays what the client missed, then streams live events."""

    async def connect(self):
        self.session_id = self.scope["url_route"]["kwargs"]["session_id"]
        self.last_sent = 0
        self.joined = False
        if not origin_allowed(self.scope):
            await self.close()  # before accept: the handshake is refused with 403
            return
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.accept()
            await self.close(code=CLOSE_UNAUTHENTICATED)
            return
        if not await self._owns_session(user):
            await self.accept()
            await self.close(code=CLOSE_NOT_FOUND)
            return
        await self.channel_layer.group_add(events.group_name(self.session_id), self.channel_name)
        self.joined = True
        await self.accept()
        last_event_id = self._last_event_id()
        if last_event_id is None:
            state = await self._session_state()
            self.last_sent = state["last_event_id"]
            await self.send_json(state)
        else:
            self.last_sent = last_event_id
            await self._send_missing(upto=None)

    async def disconnect(self, code):
        if self.joined:
            await self.channel_layer.group_discard(events.group_name(self.session_id), self.channel_name)

    async def receive(self, text_data=None, bytes_data=None):
        size = len(text_data.encode()) if text_data is not None else len(bytes_data or b"")
        if size > settings.WEBSOCKET_MAX_FRAME_BYTES:
            await self.close(code=CLOSE_TOO_BIG)
            return
        if text_data is None:
            await self.send_json(
                {"type": "error", "code": "binary_frame", "detail": "Send JSON text frames."}
            )
            return
        try:
            message = json.loads(text_data)
        except ValueError:
            await self.send_json(
                {"type": "error", "code": "malformed_json", "detail": "The frame is not JSON."}
            )
            return
        if not isinstance(message, dict) or message.get("type") != "ping":
            await self.send_json(
                {
                    "type": "error",
                    "code": "unknown_type",
                    "detail": "The only message a client sends is ping.",
                }
            )
            return
        # The channel layer drops a live event silently when a process's queue is over its capacity, and
        # a dropped last event has no later one to reveal the gap; so each ping first sends whatever the
        # database holds past the last event sent. A client's ping interval bounds how long one stays missed.
        await self._send_missing(upto=None)
        await self.send_json({"type": "pong"})

    async def session_event(self, message):
        """A live event from the group: send it in order, once, filling any gap from the database."""
        event = message["event"]
        event_id = event["event_id"]
        if event_id <= self.last_sent:
            return
        if event_id > self.last_sent + 1:
            await self._send_missing(upto=event_id)
            return
        await self.send_json(event)
        self.last_sent = event_id

    async def send_json(self, content) -> None:
        await self.send(text_data=json.dumps(content))

    async def _send_missing(self, *, upto: int | None) -> None:
        for event in await database_sync_to_async(events.events_after)(
            session_id=self.session_id, after=self.last_sent, upto=upto
        ):
            await self.send_json(event)
            self.last_sent = event["event_id"]

    def _last_event_id(self) -> int | None:
        query = parse_qs(self.scope.get("query_string", b"").decode("latin-1"))
        try:
            return max(0, int(query["last_event_id"][0]))
        except (KeyError, IndexError, ValueError):
            return None

    @database_sync_to_async
    def _owns_session(self, user) -> bool:
        return selectors.session_is_owned(user=user, id=self.session_id)

    @database_sync_to_async
    def _session_state(self) -> dict:
        # The event number first: a job that changes after it is announced by a later event.
        last_event_id = selectors.session_last_event_id(session_id=self.session_id)
        jobs = selectors.session_jobs_in_flight(session_id=self.session_id)
        return events.session_state(
            last_event_id=last_event_id, pending_tasks=JobSummarySerializer(jobs, many=True).data
        )
