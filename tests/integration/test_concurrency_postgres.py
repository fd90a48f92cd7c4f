"""Concurrency on PostgreSQL, where `select_for_update` really locks (on SQLite it is a no-op).

Many uploads into one session, many sessions at once, duplicate deliveries and retries racing completions:
no lost update, no duplicate row, and event numbers 1..N with no gaps, in the order the changes committed.
"""

import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from . import recipes
from .db import assert_exactly_once, audit, run_python
from .helpers import dish_named, dish_status

pytestmark = pytest.mark.integration


def _wait_all(user, task_ids, timeout: float = 240) -> dict[str, dict]:
    deadline = time.monotonic() + timeout
    finished: dict[str, dict] = {}
    while len(finished) < len(task_ids):
        assert time.monotonic() < deadline, f"unfinished: {set(task_ids) - set(finished)}"
        for task_id in set(task_ids) - set(finished):
            task = user.api.get(f"/api/tasks/{task_id}/").json()
            if task["status"] in ("completed", "failed", "cancelled"):
                finished[task_id] = task
        time.sleep(0.5)
    return finished


def _assert_lifecycle_in_seq_order(report: dict, session_id: str) -> None:
    """Each job's events come in the order its changes committed: queued, started, complete."""
    by_task: dict[str, list[str]] = {}
    for _, kind, task_id, _ in report["events"][session_id]:
        if task_id:
            by_task.setdefault(task_id, []).append(kind)
    for task_id, kinds in by_task.items():
        assert kinds[0] == "session_updated", (task_id, kinds)  # upload_queued
        assert kinds[1] == "extraction_started", (task_id, kinds)
        assert kinds[-1] == "extraction_complete", (task_id, kinds)


def test_thirty_uploads_into_one_session_on_postgresql_lose_nothing_and_number_events_without_gaps(
    pg_stack, pg_owner
):
    session = pg_owner.api.create_session(title="Crowded potluck", dishes=["Dish 01"])
    session_id = session["id"]
    # Three uploads per dish, some to dishes that do not exist yet: concurrent get-or-create of one name.
    uploads = [(f"Dish {number % 10:02d}", number) for number in range(30)]

    def upload(item):
        dish, number = item
        return pg_owner.api.upload(
            session_id, dish, f"r{number}.txt", recipes.text_recipe(f"{dish} {number}"), "text/plain"
        )

    with ThreadPoolExecutor(max_workers=15) as pool:
        responses = list(pool.map(upload, uploads))
    assert [response.status for response in responses] == [202] * 30, [r.body[:200] for r in responses]
    task_ids = [response.json()["task_id"] for response in responses]
    finished = _wait_all(pg_owner, task_ids)
    assert all(task["status"] == "completed" for task in finished.values()), finished

    report = audit(pg_stack, [session_id])
    assert len(report["jobs"]) == 30
    assert_exactly_once(report, [session_id])
    _assert_lifecycle_in_seq_order(report, session_id)
    assert sorted(name for _, name in report["dishes"]) == sorted({dish.casefold() for dish, _ in uploads})

    detail = pg_owner.api.get(f"/api/sessions/{session_id}/").json()
    for dish, _ in uploads:
        assert dish_status(dish_named(detail, dish)) == "ready"
    assert detail["pending_extraction_tasks"] == []


def test_twelve_sessions_uploading_at_once_on_postgresql_each_get_their_own_gapless_history(
    pg_stack, pg_owner
):
    sessions = [pg_owner.api.create_session(title=f"Party {n}")["id"] for n in range(12)]
    uploads = [(session_id, n) for session_id in sessions for n in range(2)]

    def upload(item):
        session_id, n = item
        return pg_owner.api.upload(session_id, f"Cake {n}", f"c{n}.txt", recipes.text_recipe(), "text/plain")

    with ThreadPoolExecutor(max_workers=12) as pool:
        responses = list(pool.map(upload, uploads))
    assert [response.status for response in responses] == [202] * len(uploads)
    finished = _wait_all(pg_owner, [response.json()["task_id"] for response in responses])
    assert all(task["status"] == "completed" for task in finished.values()), finished

    report = audit(pg_stack, sessions)
    assert len(report["jobs"]) == len(uploads)
    assert_exactly_once(report, sessions)
    for session_id in sessions:
        _assert_lifecycle_in_seq_order(report, session_id)


def test_a_job_delivered_five_times_at_once_on_postgresql_completes_once(pg_stack, pg_owner):
    """Duplicate deliveries (a sweeper's re-send racing the original) claim the job once."""
    session_id = pg_owner.api.create_session(title="Echo")["id"]
    response = pg_owner.api.upload(session_id, "Cake", "c.txt", recipes.text_recipe(), "text/plain")
    task_id = response.json()["task_id"]
    run_python(
        pg_stack,
        "from sessions_app.tasks import extract_recipe_job\n"
        f"for _ in range(5): extract_recipe_job.apply_async(args=[{task_id!r}], task_id={task_id!r})",
    )
    assert pg_owner.api.wait_for_task(task_id)["status"] == "completed"
    time.sleep(3)  # let every duplicate message reach a worker and be skipped

    report = audit(pg_stack, [session_id])
    assert_exactly_once(report, [session_id])
    assert report["jobs"][task_id]["attempts"] == 1
    starts = [event for event in report["events"][session_id] if event[1] == "extraction_started"]
    assert len(starts) == 1


def test_retries_racing_each_other_and_a_completion_on_postgresql_run_the_job_once_more(pg_stack, pg_owner):
    session_id = pg_owner.api.create_session(title="Second go")["id"]
    response = pg_owner.api.upload(session_id, "Bread", "b.txt", recipes.text_recipe(), "text/plain")
    task_id = response.json()["task_id"]
    assert pg_owner.api.wait_for_task(task_id)["status"] == "completed"
    # A completed job is not retryable: ten racing retries all get 409.
    with ThreadPoolExecutor(max_workers=10) as pool:
        statuses = list(
            pool.map(lambda _: pg_owner.api.post(f"/api/tasks/{task_id}/retry/").status, range(10))
        )
    assert statuses == [409] * 10

    # Make it failed, then let ten retries race: exactly one wins, the job runs once more and completes.
    run_python(
        pg_stack,
        "from sessions_app.models import ExtractionJob\n"
        f"ExtractionJob.objects.filter(pk={task_id!r}).update(status='failed', error='x', error_code='x')",
    )
    with ThreadPoolExecutor(max_workers=10) as pool:
        statuses = list(
            pool.map(lambda _: pg_owner.api.post(f"/api/tasks/{task_id}/retry/").status, range(10))
        )
    assert sorted(statuses) == [202] + [409] * 9, statuses
    assert pg_owner.api.wait_for_task(task_id)["status"] == "completed"

    report = audit(pg_stack, [session_id])
    events = report["events"][session_id]
    assert [event[0] for event in events] == list(range(1, len(events) + 1))
    assert sum(event[1] == "extraction_complete" for event in events) == 2  # first run and the retry
    assert sum(event[1] == "session_updated" for event in events) == 2  # upload_queued, job_retried
    assert report["sources_per_dish"] == [[report["jobs"][task_id]["dish"], 1]]
