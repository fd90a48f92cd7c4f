"""Faults on the PostgreSQL stack: every accepted upload ends completed or failed with a reason, exactly once.

Each test puts back what it broke (a killed worker, a stopped Redis or daphne), so the next one starts from
a whole stack. Times are bounded: the lease is 4 s on this stack and the tests run the sweeper themselves
where beat would.
"""

import os
import signal
import time

import pytest
import redis

from . import recipes
from .client import open_socket, receive, receive_all, receive_until
from .db import assert_exactly_once, audit, run_python, sweep
from .helpers import assert_consecutive, assert_recipe_ingredients, completion_of
from .test_worker_loss import pool_processes

pytestmark = pytest.mark.integration

LEASE_SECONDS = 4


def _wait_status(user, task_id: str, statuses: tuple[str, ...], timeout: float = 60) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        task = user.api.get(f"/api/tasks/{task_id}/").json()
        if task["status"] in statuses:
            return task
        assert time.monotonic() < deadline, f"job {task_id} stayed {task['status']}"
        time.sleep(0.05)


def _restart_worker(stack, env: dict[str, str] | None = None) -> None:
    stack.kill("worker", signal.SIGTERM)
    stack.start_worker(env)
    stack.wait_worker_ready()


def _restart_daphne(stack, env: dict[str, str] | None = None) -> None:
    stack.kill("daphne", signal.SIGTERM)
    stack.start_daphne(env)
    stack.wait_daphne_ready()


def _queue_length(stack) -> int:
    return redis.Redis.from_url(stack.redis_url).llen("celery")


def _wait_queue_length(stack, length: int, timeout: float = 10) -> None:
    """Wait for the queue to hold `length` messages: a task is published just after its 202 is sent."""
    deadline = time.monotonic() + timeout
    while _queue_length(stack) < length:
        assert time.monotonic() < deadline, f"{_queue_length(stack)} messages queued, not {length}"
        time.sleep(0.01)


def test_a_whole_worker_killed_mid_job_is_swept_back_and_completes_once_with_its_attempts_counted(
    pg_stack, pg_owner
):
    session_id = pg_owner.api.create_session(title="Killed worker")["id"]
    response = pg_owner.api.upload(session_id, "Lemon cake", "cake.png", recipes.png_photo(), "image/png")
    task_id = response.json()["task_id"]
    _wait_status(pg_owner, task_id, ("processing",))

    pg_stack.kill("worker")  # kill -9 of the main process and its pool, all at once
    pg_stack.start_worker()
    pg_stack.wait_worker_ready()
    # The dead worker's message sits unacknowledged until the visibility timeout (minutes); the sweeper
    # sees the job's heartbeat older than its lease and queues it again.
    time.sleep(LEASE_SECONDS + 1)
    sweep(pg_stack)

    task = pg_owner.api.wait_for_task(task_id, timeout=120)
    assert task["status"] == "completed", task
    assert task["attempts"] == 2
    assert_recipe_ingredients(task["ingredients"])
    report = audit(pg_stack, [session_id])
    assert_exactly_once(report, [session_id])


def test_a_poison_file_that_kills_its_worker_every_time_stops_at_the_attempt_cap_as_failed(
    pg_stack, pg_owner
):
    session_id = pg_owner.api.create_session(title="Poison")["id"]
    response = pg_owner.api.upload(session_id, "Cursed cake", "cake.png", recipes.png_photo(), "image/png")
    task_id = response.json()["task_id"]

    # Each time the job runs, its pool process dies (as a file that crashes a C library would make it).
    killed_attempts = set()
    deadline = time.monotonic() + 180
    while True:
        assert time.monotonic() < deadline, "the poison job looped"
        task = pg_owner.api.get(f"/api/tasks/{task_id}/").json()
        if task["status"] == "failed":
            break
        if (
            task["status"] == "processing"
            and task["attempts"] not in killed_attempts
            and task["attempts"] <= 3
        ):
            killed_attempts.add(task["attempts"])
            for pid in pool_processes(pg_stack):
                os.kill(pid, signal.SIGKILL)
        time.sleep(0.05)

    assert killed_attempts == {1, 2, 3}
    assert task["error"] and task["attempts"] == 4, task
    report = audit(pg_stack, [session_id])
    assert report["jobs"][task_id]["error_code"] == "attempts_exhausted"
    assert_exactly_once(report, [session_id])
    # The worker lives on: the next upload completes.
    response = pg_owner.api.upload(session_id, "Plain cake", "c.txt", recipes.text_recipe(), "text/plain")
    assert pg_owner.api.wait_for_task(response.json()["task_id"])["status"] == "completed"


def test_jobs_queued_while_redis_restarts_all_complete_from_its_append_only_file(pg_stack, pg_owner):
    session_id = pg_owner.api.create_session(title="Redis restart")["id"]
    pg_stack.kill("worker", signal.SIGTERM)
    try:
        task_ids = []
        for n in range(5):
            response = pg_owner.api.upload(
                session_id, f"Cake {n}", "c.txt", recipes.text_recipe(), "text/plain"
            )
            assert response.status == 202
            task_ids.append(response.json()["task_id"])
        _wait_queue_length(pg_stack, 5)
        assert _queue_length(pg_stack) == 5
        pg_stack.restart_redis()
        assert _queue_length(pg_stack) == 5
    finally:
        pg_stack.start_worker()
        pg_stack.wait_worker_ready()

    for task_id in task_ids:  # no sweeper here: the messages themselves survived
        assert pg_owner.api.wait_for_task(task_id)["status"] == "completed"
    assert_exactly_once(audit(pg_stack, [session_id]), [session_id])


def test_an_upload_while_redis_is_down_is_accepted_and_delivered_by_the_sweeper_once_redis_is_back(
    pg_stack, pg_owner
):
    session_id = pg_owner.api.create_session(title="Redis down")["id"]
    # daphne with the production rate limit on: the limit lives in Redis too.
    _restart_daphne(pg_stack, {"UPLOAD_THROTTLE_RATE": "60/minute"})
    pg_stack.kill("redis", signal.SIGTERM)
    try:
        started = time.monotonic()
        response = pg_owner.api.upload(session_id, "Cake", "c.txt", recipes.text_recipe(), "text/plain")
        seconds = time.monotonic() - started
        assert response.status == 202, (response.status, response.body[:300])
        task_id = response.json()["task_id"]
        assert seconds < 15
        assert pg_owner.api.get(f"/api/tasks/{task_id}/").json()["status"] == "pending"
    finally:
        pg_stack._start_redis()
        _restart_daphne(pg_stack)

    time.sleep(LEASE_SECONDS + 1)
    # Nothing was queued while Redis was down: without the sweeper the job would stay pending for ever.
    assert pg_owner.api.get(f"/api/tasks/{task_id}/").json()["status"] == "pending"
    sweep(pg_stack)
    assert pg_owner.api.wait_for_task(task_id)["status"] == "completed"
    assert_exactly_once(audit(pg_stack, [session_id]), [session_id])


def test_a_job_whose_message_was_lost_is_re_sent_by_the_sweeper_after_its_lease(pg_stack, pg_owner):
    session_id = pg_owner.api.create_session(title="Lost message")["id"]
    pg_stack.kill("worker", signal.SIGTERM)
    try:
        response = pg_owner.api.upload(session_id, "Cake", "c.txt", recipes.text_recipe(), "text/plain")
        task_id = response.json()["task_id"]
        _wait_queue_length(pg_stack, 1)
        redis.Redis.from_url(pg_stack.redis_url).delete("celery")  # the message is gone
    finally:
        pg_stack.start_worker()
        pg_stack.wait_worker_ready()

    time.sleep(2)  # a running worker, but no message: nothing runs the job
    assert pg_owner.api.get(f"/api/tasks/{task_id}/").json()["status"] == "pending"
    time.sleep(LEASE_SECONDS)
    sweep(pg_stack)
    assert pg_owner.api.wait_for_task(task_id)["status"] == "completed"
    assert_exactly_once(audit(pg_stack, [session_id]), [session_id])


def test_pruning_deletes_files_and_events_past_retention_and_keeps_recent_ones(pg_stack, pg_owner):
    old = pg_owner.api.create_session(title="Last year")["id"]
    recent = pg_owner.api.create_session(title="This week")["id"]
    tasks = {}
    for session_id in (old, recent):
        response = pg_owner.api.upload(session_id, "Cake", "c.txt", recipes.text_recipe(), "text/plain")
        tasks[session_id] = response.json()["task_id"]
        assert pg_owner.api.wait_for_task(tasks[session_id])["status"] == "completed"
    run_python(
        pg_stack,
        "from datetime import timedelta\n"
        "from django.utils import timezone\n"
        "from notifications.models import SessionEvent\n"
        "from sessions_app.models import ExtractionJob\n"
        "then = timezone.now() - timedelta(days=400)\n"
        f"ExtractionJob.objects.filter(pk={tasks[old]!r}).update(finished_at=then)\n"
        f"SessionEvent.objects.filter(session_id={old!r}).update(created_at=then)\n",
    )
    # What beat runs every hour (CELERY_BEAT_SCHEDULE "prune-old-files").
    run_python(pg_stack, "from sessions_app.tasks import prune_old_data; prune_old_data()")

    output = run_python(
        pg_stack,
        "from notifications.models import SessionEvent\n"
        "from sessions_app.models import ExtractionJob\n"
        "for task in (" + ", ".join(repr(tasks[s]) for s in (old, recent)) + "):\n"
        "    job = ExtractionJob.objects.get(pk=task)\n"
        "    print(bool(job.file), bool(job.file) and job.file.storage.exists(job.file.name),"
        " SessionEvent.objects.filter(session_id=job.session_id).count())\n",
    )
    old_line, recent_line = output.strip().splitlines()[-2:]
    assert old_line.split()[:2] == ["False", "False"], old_line
    assert recent_line.split()[:2] == ["True", "True"], recent_line
    assert int(recent_line.split()[2]) > 0
    # The old session's task is still readable; its file is gone.
    assert pg_owner.api.get(f"/api/tasks/{tasks[old]}/").json()["status"] == "completed"


def test_an_input_slow_to_extract_is_stopped_at_the_soft_time_limit_and_the_worker_lives_on(
    pg_stack, pg_owner
):
    session_id = pg_owner.api.create_session(title="Slow")["id"]
    lines = [f"{n % 9 + 1} cups chopped fresh tomato number {n}, finely diced" for n in range(20000)]
    slow = ("Huge stew\n\nIngredients\n" + "\n".join(lines) + "\n").encode()
    # Both: the limits travel in each task message, set by the process that queues the job.
    short = {"EXTRACTION_TIME_LIMIT": "2"}
    _restart_worker(pg_stack, short)
    _restart_daphne(pg_stack, short)
    try:
        response = pg_owner.api.upload(session_id, "Huge stew", "stew.txt", slow, "text/plain")
        assert response.status == 202, response.body[:300]
        task = pg_owner.api.wait_for_task(response.json()["task_id"], timeout=60)
        assert task["status"] == "failed", task
        assert "too long" in task["error"]
        # The same worker process takes the next job.
        response = pg_owner.api.upload(session_id, "Plain cake", "c.txt", recipes.text_recipe(), "text/plain")
        assert pg_owner.api.wait_for_task(response.json()["task_id"])["status"] == "completed"
        assert pg_stack._service("worker").process.poll() is None
    finally:
        _restart_worker(pg_stack)
        _restart_daphne(pg_stack)
    assert_exactly_once(audit(pg_stack, [session_id]), [session_id])


def test_clients_connected_while_daphne_restarts_reconnect_and_replay_nothing_lost_or_twice(
    pg_stack, pg_owner
):
    session_id = pg_owner.api.create_session(title="Daphne restart")["id"]
    clients = [open_socket(pg_stack.ws_base_url, session_id, token=pg_owner.token) for _ in range(3)]
    seen = [[receive(ws)] for ws in clients]  # the session_state snapshots
    response = pg_owner.api.upload(session_id, "Lemon cake", "cake.png", recipes.png_photo(), "image/png")
    task_id = response.json()["task_id"]
    _wait_status(pg_owner, task_id, ("processing", "completed"))
    for index, ws in enumerate(clients):
        seen[index] += receive_all(ws, quiet=0.3)

    pg_stack.kill("daphne")  # kill -9 with the sockets open, the job still running
    for ws in clients:
        ws.close()
    pg_stack.start_daphne()
    pg_stack.wait_daphne_ready()
    response = pg_owner.api.upload(session_id, "Second cake", "c.txt", recipes.text_recipe(), "text/plain")
    second_task = response.json()["task_id"]

    for task in (task_id, second_task):
        assert pg_owner.api.wait_for_task(task, timeout=120)["status"] == "completed"
    newest = audit(pg_stack, [session_id])["events"][session_id][-1][0]

    for index in range(3):
        last = max([seen[index][0]["last_event_id"]] + [m["event_id"] for m in seen[index][1:]])
        with open_socket(pg_stack.ws_base_url, session_id, token=pg_owner.token, last_event_id=last) as ws:
            replayed = receive_all(ws, quiet=2.0)
        assert_consecutive(replayed, after=last)
        assert replayed[-1]["event_id"] == newest
        completions = [m["task_id"] for m in seen[index] + replayed if m.get("type") == "extraction_complete"]
        assert sorted(completions) == sorted([task_id, second_task])
    assert_exactly_once(audit(pg_stack, [session_id]), [session_id])


def test_a_socket_idle_for_twenty_seconds_still_receives_its_events(pg_stack, pg_owner):
    session_id = pg_owner.api.create_session(title="Quiet")["id"]
    with open_socket(pg_stack.ws_base_url, session_id, token=pg_owner.token) as ws:
        receive(ws)
        time.sleep(20)  # four times redis-py's 5 s read timeout
        response = pg_owner.api.upload(
            session_id, "Late cake", "late.txt", recipes.text_recipe(), "text/plain"
        )
        messages = receive_until(ws, completion_of(response.json()["task_id"]), timeout=60)
    assert messages[-1]["success"] is True


def _address_space_cap(pid: int) -> str:
    """The soft 'Max address space' of a process as /proc shows it (bytes, or 'unlimited')."""
    for line in open(f"/proc/{pid}/limits").read().splitlines():
        if line.startswith("Max address space"):
            return line.split()[3]
    return ""


def test_a_pdf_decompression_bomb_ends_failed_with_its_reason_in_a_memory_capped_worker(pg_stack, pg_owner):
    from tests.pdfs import flate_bomb_pdf

    # The pool processes run under WORKER_MEMORY_LIMIT_MB (its default, 2048 MiB), the worker itself not.
    pool = pool_processes(pg_stack)
    assert pool and all(_address_space_cap(pid) == str(2048 * 2**20) for pid in pool), pool
    assert _address_space_cap(pg_stack._service("worker").process.pid) == "unlimited"

    session_id = pg_owner.api.create_session(title="Bomb")["id"]
    bomb = flate_bomb_pdf(300 * 2**20)  # 300 KB that inflates to 300 MiB
    response = pg_owner.api.upload(session_id, "Bomb cake", "bomb.pdf", bomb, "application/pdf")
    assert response.status == 202, response.body[:300]
    task_id = response.json()["task_id"]
    task = pg_owner.api.wait_for_task(task_id, timeout=120)
    assert task["status"] == "failed" and task["attempts"] == 1, task
    assert "compressed data far larger than any recipe needs" in task["error"], task
    assert audit(pg_stack, [session_id])["jobs"][task_id]["error_code"] == "too_complex"
    # The same pool processes take the next job.
    response = pg_owner.api.upload(session_id, "Plain cake", "c.txt", recipes.text_recipe(), "text/plain")
    assert pg_owner.api.wait_for_task(response.json()["task_id"])["status"] == "completed"
    assert sorted(pool_processes(pg_stack)) == sorted(pool)
    assert_exactly_once(audit(pg_stack, [session_id]), [session_id])
