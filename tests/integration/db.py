"""Reading the stack's database from a test: the source of truth behind what the API and socket say."""

import json

_AUDIT = """
import json
from django.db.models import Count
from notifications.models import SessionEvent
from sessions_app.models import Dish, ExtractionJob, Ingredient, RecipeSource

ids = json.loads({ids!r})
jobs = ExtractionJob.objects.filter(session_id__in=ids)
sources = RecipeSource.objects.filter(dish__session_id__in=ids)
print(json.dumps({{
    "jobs": {{
        str(job.id): {{"status": job.status, "attempts": job.attempts, "error": job.error,
                      "error_code": job.error_code, "session": str(job.session_id), "dish": job.dish_id}}
        for job in jobs
    }},
    "dishes": [
        [str(d["session_id"]), d["name"].casefold()]
        for d in Dish.objects.filter(session_id__in=ids).values("session_id", "name")
    ],
    "sources_per_dish": list(
        sources.values("dish_id").annotate(n=Count("id")).values_list("dish_id", "n")
    ),
    "ingredients_per_source": list(
        Ingredient.objects.filter(recipe_source__in=sources)
        .values("recipe_source_id").annotate(n=Count("id")).values_list("recipe_source_id", "n")
    ),
    "source_jobs": [str(job) for job in sources.values_list("job_id", flat=True)],
    "events": {{
        session: [
            [event.seq, event.type, event.payload.get("task_id"), event.payload.get("success")]
            for event in SessionEvent.objects.filter(session_id=session).order_by("seq", "id")
        ]
        for session in ids
    }},
}}))
"""


def audit(stack, session_ids: list[str]) -> dict:
    """Jobs, dishes, recipe sources, ingredient counts and the event log of the sessions, read from the DB.

    Returns {"jobs": {task_id: {...}}, "dishes": [[session, casefolded name]], "sources_per_dish":
    [[dish_id, n]], "ingredients_per_source": [[source_id, n]], "source_jobs": [task_id],
    "events": {session_id: [[seq, type, task_id, success]]}}.
    """
    output = stack.manage("shell", "-c", _AUDIT.format(ids=json.dumps(session_ids)))
    return json.loads(output.strip().splitlines()[-1])


def run_python(stack, code: str) -> str:
    """Run Python in a Django shell with the stack's settings; returns what it printed."""
    return stack.manage("shell", "-c", code)


def sweep(stack) -> None:
    """One run of beat's sweeper, in its own process, as beat would start it."""
    run_python(stack, "from sessions_app.services import jobs_sweep_stuck; print(jobs_sweep_stuck())")


def assert_exactly_once(report: dict, session_ids: list[str]) -> None:
    """Every job ended completed or failed with a reason; one completion event each; seq 1..N, no gaps."""
    for job_id, job in report["jobs"].items():
        assert job["status"] in ("completed", "failed"), (job_id, job)
        if job["status"] == "failed":
            assert job["error"] and job["error_code"], (job_id, job)
    for session in session_ids:
        events = report["events"][session]
        seqs = [event[0] for event in events]
        assert seqs == list(range(1, len(seqs) + 1)), f"session {session}: event numbers {seqs}"
        completions = [event[2] for event in events if event[1] == "extraction_complete"]
        session_jobs = [job_id for job_id, job in report["jobs"].items() if job["session"] == session]
        assert sorted(completions) == sorted(session_jobs), "a job without or with two completion events"
    dishes = [tuple(dish) for dish in report["dishes"]]
    assert len(dishes) == len(set(dishes)), "a dish row was created twice"
    assert all(n == 1 for _, n in report["sources_per_dish"]), report["sources_per_dish"]
    assert len(set(report["source_jobs"])) == len(report["source_jobs"])


_COUNTS = """
import json
from collections import Counter
from notifications.models import SessionEvent
from sessions_app.models import ExtractionJob

jobs = ExtractionJob.objects
completions = Counter(
    SessionEvent.objects.filter(type="extraction_complete").values_list("payload__task_id", flat=True)
)
retries = Counter(
    SessionEvent.objects.filter(type="session_updated", payload__change="job_retried")
    .values_list("payload__task_id", flat=True)
)
print(json.dumps({
    "sent": jobs.count(),
    "completed": jobs.filter(status="completed").count(),
    "failed_with_reason": jobs.filter(status="failed").exclude(error="").count(),
    "failed_without_reason": jobs.filter(status="failed", error="").count(),
    "cancelled": jobs.filter(status="cancelled").count(),
    "lost": jobs.filter(status__in=["pending", "processing"]).count(),
    "duplicated": sum(1 for task, n in completions.items() if n > retries[task] + 1),
}))
"""


def job_counts(stack) -> dict:
    """Every job the stack was sent, by how it ended; `lost` is still pending or processing at the end,
    `duplicated` a job with more extraction_complete events than runs (one, plus one per retry)."""
    output = stack.manage("shell", "-c", _COUNTS)
    return json.loads(output.strip().splitlines()[-1])
