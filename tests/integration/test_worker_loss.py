"""A worker process killed in the middle of a job: its message comes back and the job still completes."""

import os
import signal
import subprocess
import time

import pytest

from . import recipes
from .db import assert_exactly_once, audit
from .helpers import assert_recipe_ingredients

pytestmark = pytest.mark.integration


def pool_processes(stack) -> list[int]:
    """The prefork children of the stack's Celery worker, the processes that run tasks."""
    main = stack._service("worker").process.pid
    found = subprocess.run(["pgrep", "-P", str(main)], capture_output=True, text=True, check=False)
    return [int(pid) for pid in found.stdout.split()]


def test_a_job_whose_worker_process_is_killed_is_redelivered_and_completes(stack, owner, planning_session):
    response = owner.api.upload(
        planning_session["id"], "Lemon cake", "cake.png", recipes.png_photo(), "image/png"
    )
    assert response.status == 202
    task_id = response.json()["task_id"]

    deadline = time.monotonic() + 30
    while owner.api.get(f"/api/tasks/{task_id}/").json()["status"] != "processing":
        assert time.monotonic() < deadline, "the job never started"
        time.sleep(0.02)
    for pid in pool_processes(stack):
        os.kill(pid, signal.SIGKILL)

    # Well inside the sweeper's lease: the redelivered message itself brings the job back.
    task = owner.api.wait_for_task(task_id, timeout=180)
    assert task["status"] == "completed", task
    assert task["attempts"] >= 2
    assert_recipe_ingredients(task["ingredients"])
    # One ingredient list, one completion event, event numbers without gaps.
    assert_exactly_once(audit(stack, [planning_session["id"]]), [planning_session["id"]])
