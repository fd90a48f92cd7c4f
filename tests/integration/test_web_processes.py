"""Two daphne processes on one port (recipeplanner/serve.py, as `make run` serves): the per-user upload
rate limit (in Redis) and the cap on jobs in flight (in the database) hold across them.

Each upload goes over a kept-alive connection whose server end is known to be held by one daphne process
or the other (found in /proc), and the uploads are sent at once, half through each process. The stack has
no worker, so accepted jobs stay in flight.
"""

import http.client
import json
import os
import signal
import subprocess
import threading
import uuid
from pathlib import Path

import pytest

from . import recipes
from .client import Api, multipart
from .db import run_python
from .stack import Stack

pytestmark = pytest.mark.integration

RATE = 6
IN_FLIGHT_CAP = 4
SENT = 12


@pytest.fixture(scope="module")
def web_stack(tmp_path_factory):
    stack = Stack(
        tmp_path_factory.mktemp("web-stack"),
        database="postgresql",
        web_processes=2,
        worker_concurrency=0,
        env={"UPLOAD_THROTTLE_RATE": f"{RATE}/hour", "MAX_JOBS_IN_FLIGHT": "1000"},
    )
    stack.start()
    yield stack
    stack.stop()


def daphne_pids(stack) -> list[int]:
    """The daphne children of serve.py."""
    serve = stack._service("daphne").process.pid
    found = subprocess.run(["pgrep", "-P", str(serve)], capture_output=True, text=True, check=False)
    return [int(pid) for pid in found.stdout.split()]


def _socket_inode(local_port: int, remote_port: int) -> int | None:
    """The inode of the loopback TCP socket from local_port to remote_port, from /proc/net/tcp."""
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        local, remote = fields[1], fields[2]
        if int(local.split(":")[1], 16) == local_port and int(remote.split(":")[1], 16) == remote_port:
            return int(fields[9])
    return None


def _holder(pids: list[int], inode: int) -> int | None:
    """Which of the processes has the socket with this inode open."""
    target = f"socket:[{inode}]"
    for pid in pids:
        for fd in Path(f"/proc/{pid}/fd").iterdir():
            try:
                if os.readlink(fd) == target:
                    return pid
            except OSError:
                continue
    return None


def pinned_connections(stack, per_process: int) -> dict[int, list[http.client.HTTPConnection]]:
    """`per_process` kept-alive connections held by each daphne process, by pid."""
    pids = daphne_pids(stack)
    assert len(pids) == 2, pids
    pinned: dict[int, list[http.client.HTTPConnection]] = {pid: [] for pid in pids}
    spare = []
    for _ in range(200):
        if all(len(held) >= per_process for held in pinned.values()):
            break
        connection = http.client.HTTPConnection("127.0.0.1", stack.http_port, timeout=30)
        connection.request("GET", "/accounts/login/")  # any request, so a process has accepted the socket
        connection.getresponse().read()
        local_port = connection.sock.getsockname()[1]
        inode = _socket_inode(stack.http_port, local_port)
        pid = _holder(pids, inode) if inode else None
        if pid is not None and len(pinned[pid]) < per_process:
            pinned[pid].append(connection)
        else:
            spare.append(connection)
    for connection in spare:
        connection.close()
    assert all(len(held) >= per_process for held in pinned.values()), {
        pid: len(held) for pid, held in pinned.items()
    }
    return pinned


def _new_user(stack) -> tuple[str, str]:
    """A new user's token and a session of theirs."""
    name = f"u{uuid.uuid4().hex[:8]}"
    token = stack.ensure_user(name, f"pw-{uuid.uuid4().hex}", superuser=False)
    return token, Api(stack.base_url, token).create_session(title="Party")["id"]


def upload_at_once(stack, token: str, session_id: str) -> list[tuple[int, int, dict, dict]]:
    """SENT uploads from one user at the same moment, half through each daphne process.

    Returns (pid, status, headers, JSON body) per upload.
    """
    pinned = pinned_connections(stack, SENT // 2)
    body, content_type = multipart({"file": ("soup.txt", recipes.text_recipe(), "text/plain")})
    jobs = [(pid, connection) for pid, held in pinned.items() for connection in held]
    results: list[tuple[int, int, dict, dict]] = []
    start = threading.Barrier(len(jobs))
    lock = threading.Lock()

    def send(index: int, pid: int, connection: http.client.HTTPConnection) -> None:
        start.wait()
        connection.request(
            "POST",
            f"/api/sessions/{session_id}/upload-recipe?dish_name=Dish+{index}",
            body=body,
            headers={
                "Content-Type": content_type,
                "Authorization": f"Token {token}",
                "Accept": "application/json",
            },
        )
        response = connection.getresponse()
        data = response.read()
        with lock:
            results.append(
                (pid, response.status, dict(response.getheaders()), json.loads(data) if data else {})
            )

    threads = [threading.Thread(target=send, args=(i, pid, c)) for i, (pid, c) in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    for _pid, held in pinned.items():
        for connection in held:
            connection.close()
    assert len(results) == SENT
    return results


def stored(stack, session_id: str) -> tuple[int, int]:
    """The session's job rows and the files stored for them."""
    counts = run_python(
        stack,
        "from sessions_app.models import ExtractionJob as J\n"
        f"jobs = J.objects.filter(session_id='{session_id}')\n"
        "print(jobs.count(), sum(1 for job in jobs if job.file and job.file.storage.exists(job.file.name)))",
    )
    jobs, files = counts.strip().splitlines()[-1].split()
    return int(jobs), int(files)


def test_the_upload_rate_limit_holds_across_two_daphne_processes(web_stack):
    token, session_id = _new_user(web_stack)
    results = upload_at_once(web_stack, token, session_id)

    accepted = [r for r in results if r[1] == 202]
    refused = [r for r in results if r[1] != 202]
    assert len(accepted) == RATE, sorted((pid, status) for pid, status, _, _ in results)
    assert {pid for pid, *_ in results} == set(daphne_pids(web_stack))
    for _pid, status, headers, body in refused:
        assert status == 429, (status, body)
        assert headers.get("Content-Type", "").startswith("application/json") and body.get("detail"), body
        assert int(headers["Retry-After"]) > 0, headers
    # Nothing is stored for a refused upload: one job and one file per 202.
    assert stored(web_stack, session_id) == (RATE, RATE)


def test_the_jobs_in_flight_cap_holds_across_two_daphne_processes(web_stack):
    # The same processes, restarted with the rate limit off and a cap of IN_FLIGHT_CAP jobs.
    web_stack.kill("daphne", signal.SIGTERM)
    web_stack.start_daphne({"UPLOAD_THROTTLE_RATE": "off", "MAX_JOBS_IN_FLIGHT": str(IN_FLIGHT_CAP)})
    web_stack.wait_daphne_ready()
    token, session_id = _new_user(web_stack)
    results = upload_at_once(web_stack, token, session_id)

    accepted = [r for r in results if r[1] == 202]
    refused = [r for r in results if r[1] != 202]
    assert len(accepted) == IN_FLIGHT_CAP, sorted((pid, status) for pid, status, _, _ in results)
    for _pid, status, headers, body in refused:
        assert status == 429 and body.get("code") == "too_many_jobs", (status, body)
        assert headers.get("Content-Type", "").startswith("application/json"), headers
    assert stored(web_stack, session_id) == (IN_FLIGHT_CAP, IN_FLIGHT_CAP)
