"""A worker process killed in the middle of a job: its message comes back and the job still completes.

The kill has to land while the job is inside a pool process: after the job was claimed (attempt 1
recorded) and before it could finish. Waiting for `processing` and killing at once is a race on a busy
machine (the job may finish first, or the killed run and the rerun may not fit a fixed time). So the job is
held where it cannot finish: its stored file is swapped for a named pipe that nothing writes to, and the
job's first run blocks opening it. The real file is put back before the kill, so the redelivered run reads
it. No wait below is a pace the test relies on; each is only an upper bound for a stuck stack.
"""

import os
import signal
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from . import recipes
from .db import assert_exactly_once, audit
from .helpers import assert_recipe_ingredients

pytestmark = pytest.mark.integration

# Upper bounds for a stack starved of CPU (the worker runs under nice 10); the test does not wait them out.
START_TIMEOUT = 180
FINISH_TIMEOUT = 300


def pool_processes(stack) -> list[int]:
    """The prefork children of the stack's Celery worker, the processes that run tasks."""
    main = stack._service("worker").process.pid
    found = subprocess.run(["pgrep", "-P", str(main)], capture_output=True, text=True, check=False)
    return [int(pid) for pid in found.stdout.split()]


@contextmanager
def pool_paused(stack):
    """SIGSTOP the worker's pool processes for the block (the main process still takes messages)."""
    pids = pool_processes(stack)
    assert pids, "the worker has no pool processes"
    for pid in pids:
        os.kill(pid, signal.SIGSTOP)
    try:
        yield pids
    finally:
        for pid in pids:
            try:
                os.kill(pid, signal.SIGCONT)
            except ProcessLookupError:
                pass


def waiting_for_a_pipe_writer(pid: int) -> bool:
    """Whether process `pid` sleeps opening a named pipe that nobody writes to (its wait channel says so)."""
    try:
        return Path(f"/proc/{pid}/wchan").read_text().strip() in ("wait_for_partner", "fifo_open")
    except OSError:
        return False


def test_a_job_whose_worker_process_is_killed_is_redelivered_and_completes(stack, owner, planning_session):
    with pool_paused(stack):
        # The pool cannot start the job until its file is the pipe.
        response = owner.api.upload(
            planning_session["id"], "Lemon cake", "cake.txt", recipes.text_recipe(), "text/plain"
        )
        assert response.status == 202
        task_id = response.json()["task_id"]
        stored = Path(stack.env["MEDIA_ROOT"]) / "jobs" / task_id
        assert stored.is_file(), stored
        real = stored.with_name(f"{task_id}.real")
        os.replace(stored, real)
        os.mkfifo(stored)

    deadline = time.monotonic() + START_TIMEOUT
    while True:
        task = owner.api.get(f"/api/tasks/{task_id}/").json()
        holders = [pid for pid in pool_processes(stack) if waiting_for_a_pipe_writer(pid)]
        if task["status"] == "processing" and holders:
            break
        assert task["status"] in ("pending", "processing"), task
        assert time.monotonic() < deadline, f"the job never reached its file: {task}"
        time.sleep(0.05)
    assert task["attempts"] == 1, task

    # The first run waits on the pipe for good; the real file is back before anything else opens the path.
    os.replace(real, stored)
    for pid in pool_processes(stack):
        os.kill(pid, signal.SIGKILL)

    # Well inside the sweeper's lease: the redelivered message itself brings the job back.
    task = owner.api.wait_for_task(task_id, timeout=FINISH_TIMEOUT)
    assert task["status"] == "completed", task
    assert task["attempts"] == 2, task
    assert_recipe_ingredients(task["ingredients"])
    # One ingredient list, one completion event, event numbers without gaps.
    assert_exactly_once(audit(stack, [planning_session["id"]]), [planning_session["id"]])
