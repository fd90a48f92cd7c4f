"""Black-box clients for the stack: the REST API over urllib and the WebSocket over websockets' sync client."""

import json
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass
from email.message import Message

from websockets.exceptions import ConnectionClosed
from websockets.sync.client import ClientConnection, connect

# Loopback only: never send test traffic through a proxy from the environment.
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


@dataclass
class Response:
    status: int
    headers: Message
    body: bytes
    seconds: float

    def json(self):
        return json.loads(self.body) if self.body else None


class Api:
    """The HTTP API as a script sees it: `Authorization: Token <key>`."""

    def __init__(self, base_url: str, token: str | None = None):
        self.base_url = base_url
        self.token = token

    def request(
        self, method: str, path: str, *, body: bytes | None = None, headers: dict[str, str] | None = None
    ) -> Response:
        all_headers = {"Accept": "application/json", **(headers or {})}
        if self.token:
            all_headers["Authorization"] = f"Token {self.token}"
        request = urllib.request.Request(self.base_url + path, data=body, method=method, headers=all_headers)
        started = time.perf_counter()
        try:
            with _OPENER.open(request, timeout=30) as response:
                data = response.read()
                return Response(response.status, response.headers, data, time.perf_counter() - started)
        except urllib.error.HTTPError as error:
            data = error.read()
            return Response(error.code, error.headers, data, time.perf_counter() - started)

    def get(self, path: str) -> Response:
        return self.request("GET", path)

    def post(self, path: str, payload: object = None) -> Response:
        body = json.dumps(payload if payload is not None else {}).encode()
        return self.request("POST", path, body=body, headers={"Content-Type": "application/json"})

    def create_session(self, title: str = "Summer potluck", dishes: list[str] | None = None) -> dict:
        response = self.post(
            "/api/sessions/",
            {"title": title, "event_date": "2026-07-04", "guest_count": 8, "dishes": dishes or []},
        )
        assert response.status == 201, (response.status, response.body[:500])
        return response.json()

    def upload(
        self,
        session_id: str,
        dish_name: str | None,
        filename: str,
        content: bytes,
        content_type: str = "application/octet-stream",
        *,
        path_suffix: str = "",
    ) -> Response:
        """POST /api/sessions/{id}/upload-recipe?dish_name=... with multipart field `file`."""
        query = f"?{urllib.parse.urlencode({'dish_name': dish_name})}" if dish_name is not None else ""
        body, multipart_type = multipart({"file": (filename, content, content_type)})
        return self.request(
            "POST",
            f"/api/sessions/{session_id}/upload-recipe{path_suffix}{query}",
            body=body,
            headers={"Content-Type": multipart_type},
        )

    def wait_for_task(self, task_id: str, timeout: float = 90) -> dict:
        """Poll GET /api/tasks/{id}/ until the job is completed, failed or cancelled."""
        deadline = time.monotonic() + timeout
        while True:
            response = self.get(f"/api/tasks/{task_id}/")
            assert response.status == 200, (response.status, response.body[:500])
            task = response.json()
            if task["status"] in ("completed", "failed", "cancelled") or time.monotonic() > deadline:
                return task
            time.sleep(0.3)


def multipart(files: dict[str, tuple[str, bytes, str]]) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = []
    for field, (filename, content, content_type) in files.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{field}"; filename="{filename}"\r\n'
            f"Content-Type: {content_type}\r\n\r\n".encode()
            + content
            + b"\r\n"
        )
    return b"".join(parts) + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def open_socket(
    ws_base_url: str,
    session_id: str,
    *,
    token: str | None = None,
    last_event_id: int | None = None,
    origin: str | None = None,
    headers: dict[str, str] | None = None,
) -> ClientConnection:
    """Open ws://HOST/ws/{session_id}[?last_event_id=N] as a token client (no Origin unless given)."""
    url = f"{ws_base_url}/ws/{session_id}"
    if last_event_id is not None:
        url += f"?last_event_id={last_event_id}"
    all_headers = dict(headers or {})
    if token:
        all_headers["Authorization"] = f"Token {token}"
    return connect(url, additional_headers=all_headers, origin=origin, proxy=None, open_timeout=10)


def receive(ws: ClientConnection, timeout: float = 10) -> dict:
    return json.loads(ws.recv(timeout=timeout))


def receive_until(ws: ClientConnection, done, timeout: float = 60) -> list[dict]:
    """Every message up to and including the first for which done(message) is true."""
    messages = []
    deadline = time.monotonic() + timeout
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise AssertionError(f"timed out; received so far: {[m.get('type') for m in messages]}")
        message = receive(ws, remaining)
        messages.append(message)
        if done(message):
            return messages


def receive_all(ws: ClientConnection, quiet: float = 1.5) -> list[dict]:
    """Every message until none arrives for `quiet` seconds."""
    messages = []
    while True:
        try:
            messages.append(receive(ws, quiet))
        except TimeoutError:
            return messages


def close_code(ws: ClientConnection, timeout: float = 10) -> int | None:
    """Wait for the server to close the socket and return its close code (ignoring any messages before)."""
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ws.recv(timeout=max(0.1, deadline - time.monotonic()))
    except ConnectionClosed as closed:
        return closed.rcvd.code if closed.rcvd else None
    except TimeoutError:
        pass
    raise AssertionError("the server did not close the socket")
