"""Shared pieces of the load benchmarks: payloads, a light keep-alive HTTP client, statistics, the stack.

The client is a few lines of asyncio over one TCP connection per simulated user rather than a full HTTP
library: the load generator shares the two cores with the server, so every millisecond it spends per
request is taken from the thing being measured.
"""

import asyncio
import io
import json
import math
import os
import platform
import resource
import sqlite3
import sys
import tempfile
import time
import urllib.parse
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from tests.integration import recipes  # noqa: E402
from tests.integration.stack import Stack  # noqa: E402
from tests.pdfs import make_pdf, place_text  # noqa: E402

# Production settings as `make run` would serve them in earnest: DEBUG off (no SQL logging, no static
# autorefresh), no upload throttle, no cap on jobs in flight (a load test has thousands).
BENCH_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "bench-only-" + "k" * 40,
    "UPLOAD_THROTTLE_RATE": "off",
    "MAX_JOBS_IN_FLIGHT": "100000000",
    # Plain HTTP on loopback stands where the TLS proxy would: no redirect to https.
    "SECURE_SSL_REDIRECT": "0",
    # The benchmark's extra endpoints (bench/urls.py) are served only here.
    "DJANGO_SETTINGS_MODULE": "bench.settings",
}


# -- payloads ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Payload:
    label: str
    filename: str
    content_type: str
    data: bytes


def text_payload(size: int = 2048) -> Payload:
    """The integration tests' recipe as plain text, padded with a note to `size` bytes."""
    data = recipes.text_recipe()
    note = b"Notes: taste and adjust the seasoning before serving. "
    data += b"\n" + note * ((size - len(data)) // len(note) + 1)
    return Payload("txt 2 KB", "recipe.txt", "text/plain", data[:size])


def pdf_payload(size: int = 300 * 1024) -> Payload:
    """A one-recipe PDF with a text layer, padded to about `size` bytes by a second page of comments."""
    page = place_text([(60, 760 - 18 * row, 13, line) for row, line in enumerate(recipes.LINES)])
    filler_line = b"% " + b"0123456789abcdef" * 6 + b"\n"
    filler = filler_line * max(1, (size - 1200) // len(filler_line))
    return Payload("pdf 300 KB", "recipe.pdf", "application/pdf", make_pdf([page, filler]))


def photo_payload(size: int = 3 * 1024 * 1024) -> Payload:
    """The recipe card as a large phone-like JPEG: upscaled, with sensor noise, about `size` bytes."""
    import numpy as np
    from PIL import Image

    card = recipes.recipe_image().convert("RGB")
    card = card.resize((card.width * 2, card.height * 2))
    pixels = np.asarray(card, dtype=np.int16)
    rng = np.random.default_rng(12)
    quality, data = 95, b""
    for noise in (6, 10, 14, 18, 24, 30, 40):
        noisy = np.clip(pixels + rng.normal(0, noise, pixels.shape), 0, 255).astype(np.uint8)
        out = io.BytesIO()
        Image.fromarray(noisy).save(out, format="JPEG", quality=quality)
        data = out.getvalue()
        if len(data) >= size * 0.9:
            break
    return Payload("photo 3 MB", "recipe.jpg", "image/jpeg", data)


def payloads(names: list[str]) -> list[Payload]:
    makers = {"txt": text_payload, "pdf": pdf_payload, "photo": photo_payload}
    return [makers[name]() for name in names]


def multipart(payload: Payload) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{payload.filename}"\r\n'
        f"Content-Type: {payload.content_type}\r\n\r\n"
    ).encode()
    return (
        head + payload.data + f"\r\n--{boundary}--\r\n".encode(),
        f"multipart/form-data; boundary={boundary}",
    )


# -- HTTP ------------------------------------------------------------------------------------------------


class HttpError(Exception):
    """The connection broke or the server answered something that is not HTTP/1.1."""


class Connection:
    """One keep-alive HTTP/1.1 connection; requests on it go one at a time."""

    def __init__(self, host: str, port: int, token: str):
        self.host, self.port, self.token = host, port, token
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def request(
        self, method: str, path: str, body: bytes = b"", content_type: str | None = None
    ) -> tuple[int, bytes]:
        """Send one request and return (status, body); reconnects when the server closed the connection."""
        if self.writer is None or self.writer.is_closing():
            try:
                self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
            except OSError as error:
                raise HttpError(repr(error)) from None
        head = [
            f"{method} {path} HTTP/1.1",
            f"Host: {self.host}:{self.port}",
            f"Authorization: Token {self.token}",
            "Accept: application/json",
            f"Content-Length: {len(body)}",
        ]
        if content_type:
            head.append(f"Content-Type: {content_type}")
        self.writer.write(("\r\n".join(head) + "\r\n\r\n").encode() + body)
        try:
            raw = await self.reader.readuntil(b"\r\n\r\n")
            lines = raw.decode("latin-1").split("\r\n")
            status = int(lines[0].split(" ", 2)[1])
            headers = {}
            for line in lines[1:]:
                if ":" in line:
                    name, value = line.split(":", 1)
                    headers[name.strip().lower()] = value.strip()
            if "content-length" in headers:
                data = await self.reader.readexactly(int(headers["content-length"]))
            elif headers.get("transfer-encoding", "").lower() == "chunked":
                data = await self._chunks()
            else:
                data = await self.reader.read()
                await self.close()
            if headers.get("connection", "").lower() == "close":
                await self.close()
            return status, data
        except (asyncio.IncompleteReadError, ConnectionError, ValueError, IndexError) as error:
            await self.close()
            raise HttpError(repr(error)) from None

    async def _chunks(self) -> bytes:
        parts = []
        while True:
            size = int((await self.reader.readuntil(b"\r\n")).strip(), 16)
            parts.append(await self.reader.readexactly(size + 2))
            if size == 0:
                return b"".join(part[:-2] for part in parts)

    async def upload(self, path: str, payload: Payload) -> tuple[int, bytes]:
        body, content_type = multipart(payload)
        return await self.request("POST", path, body, content_type)

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            self.writer = None


def upload_path(session_id: str, dish: str = "Soup") -> str:
    return f"/api/sessions/{session_id}/upload-recipe?dish_name={urllib.parse.quote(dish)}"


async def create_session(conn: Connection, title: str = "bench") -> str:
    body = json.dumps({"title": title, "dishes": ["Soup"]}).encode()
    status, data = await conn.request("POST", "/api/sessions/", body, "application/json")
    if status != 201:
        raise HttpError(f"session create answered {status}: {data[:200]!r}")
    return json.loads(data)["id"]


# -- statistics ------------------------------------------------------------------------------------------


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile; NaN for no values."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, math.ceil(pct / 100 * len(ordered)) - 1))]


def ms(seconds: float) -> str:
    return "–" if math.isnan(seconds) else f"{seconds * 1000:.1f}"


def ratio(a: float, b: float) -> str:
    return "–" if not b or math.isnan(a) or math.isnan(b) else f"{a / b:.2f}"


def table(headers: list[str], rows: list[list[object]]) -> str:
    """A Markdown table."""
    out = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    out += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(out)


def machine_line() -> str:
    load = "/".join(f"{value:.2f}" for value in os.getloadavg())
    return (
        f"{time.strftime('%Y-%m-%d %H:%M:%S %Z')}, {platform.node()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, load average {load}"
    )


# -- processes -------------------------------------------------------------------------------------------


def raise_fd_limit(wanted: int = 8192) -> None:
    """Lift the soft open-files limit (inherited by the stack's processes) for thousands of sockets."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = min(max(soft, wanted), hard)
    if target > soft:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))


def children(pid: int) -> list[int]:
    """Direct child process ids of `pid`."""
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(child) for child in (task / "children").read_text().split()]
        except OSError:
            pass
    return found


def _status_mib(pid: int, field: str) -> float:
    """One memory field of /proc/<pid>/status ("VmRSS", "VmHWM") in MiB; 0 when the process is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(f"{field}:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def rss_mib(pid: int) -> float:
    """Resident memory of one process in MiB (0 when it is gone)."""
    return _status_mib(pid, "VmRSS")


def peak_rss_mib(pid: int) -> float:
    """Highest resident memory the process has had (VmHWM) in MiB."""
    return _status_mib(pid, "VmHWM")


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds a process has used so far."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except OSError:
        return 0.0


def web_pids(stack: Stack) -> list[int]:
    """The daphne processes (children of recipeplanner.serve)."""
    return children(stack._service("daphne").process.pid)


def worker_pids(stack: Stack) -> tuple[int | None, list[int]]:
    """The Celery worker's main process and its pool processes (`nice` execs into celery)."""
    try:
        main = stack._service("worker").process.pid
    except StopIteration:
        return None, []
    return main, children(main)


@contextmanager
def bench_stack(
    *,
    workers: int = 2,
    web_processes: int = 1,
    noop_extractor: bool = False,
    env: dict[str, str] | None = None,
    worker_nice: int = 10,
    database: str = "sqlite",
):
    """A real stack (tests/integration/stack.py) with the benchmark's settings; workers=0 starts none.

    `database` is "sqlite" (the development default) or "postgresql" (a private Debian PostgreSQL server).
    """
    raise_fd_limit()
    with tempfile.TemporaryDirectory(prefix="recipeplanner-bench-") as folder:
        stack = Stack(
            Path(folder),
            worker_concurrency=workers,
            web_processes=web_processes,
            worker_nice=worker_nice,
            env={**BENCH_ENV, **(env or {})},
            worker_app="bench.noop_worker" if noop_extractor else "celery_app",
            database=database,
        )
        with stack:
            yield stack


def db_query(stack: Stack, sql: str, params: tuple = ()) -> list[tuple]:
    """Run one statement on the stack's own database, SQLite or PostgreSQL; the rows it returns, if any.

    `sql` uses `?` placeholders; uuid.UUID parameters are stored as each database stores Django's UUIDField.
    """
    if stack.postgres is not None:
        import psycopg

        with psycopg.connect(stack.postgres.url, autocommit=True) as db:
            cursor = db.execute(sql.replace("?", "%s"), params)
            return cursor.fetchall() if cursor.description else []
    params = tuple(p.hex if isinstance(p, uuid.UUID) else p for p in params)
    with sqlite3.connect(stack.folder / "db.sqlite3", timeout=30) as db:
        return db.execute(sql, params).fetchall()


def add_database_argument(parser) -> None:
    """The --database option of the load benchmarks."""
    parser.add_argument(
        "--database",
        choices=["sqlite", "postgresql"],
        default="sqlite",
        help="the stack's database: SQLite (as `make run`) or a private PostgreSQL server (as production)",
    )


def token_for(stack: Stack) -> str:
    return stack.ensure_user("bench", "bench-password-1", superuser=False)


def address(stack: Stack) -> tuple[str, int]:
    return "127.0.0.1", stack.http_port
