"""Celery tasks for extraction jobs: thin, id-taking wrappers around the services that own the logic.

Services import these tasks at module level to enqueue them; the tasks import services inside their
bodies, so the two modules never import each other in a cycle.
"""

import logging
import time

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import DatabaseError, InterfaceError
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# The last tenth of the progress bar is kept for saving the result.
SAVING_PROGRESS = 90
# Each progress event is a transaction and a broadcast. A text or PDF file is read in tens of milliseconds,
# before anyone could see a bar move, so stages are recorded at most this often. That holds for "saving"
# too: a job read within the interval goes from started to complete with no progress event between.
PROGRESS_INTERVAL_SECONDS = 0.5
# Errors of the machinery around a job, not of the file: worth another attempt after a pause.
TRANSIENT_ERRORS = (DatabaseError, InterfaceError, RedisError, ConnectionError, TimeoutError)


class JobFailed(Exception):
    """Raised after a job was recorded as failed, so Flower and Celery's events show the task as FAILURE.

    The message is the job's error code and its user-facing reason; the job row already holds both.
    """


@shared_task(bind=True, acks_late=True, max_retries=None, throws=(JobFailed,))
def extract_recipe_job(self, job_id: str) -> str | None:
    """Extract the ingredients of one uploaded file and file them under its dish.

    `job_id` is the ExtractionJob's uuid as a string, which is also this task's Celery id. Returns the
    final status ("completed") or None when there was nothing to do; raises JobFailed when the job ended
    `failed`, and Retry after a transient error.
    """
    from extraction import pipeline
    from extraction.errors import ExtractionError, FileTooComplex
    from sessions_app import services

    redelivered = bool((self.request.delivery_info or {}).get("redelivered"))
    job = services.job_start(job_id=job_id, worker=self.request.hostname or "worker", redelivered=redelivered)
    if job is None:
        logger.info("job %s is not pending (finished, cancelled or gone); skipping", job_id)
        return None
    if job.attempts > settings.EXTRACTION_MAX_ATTEMPTS:
        # A file that kills its worker every time must not take the queue down with it.
        _fail(job, error=services.LOST_ERROR, code="attempts_exhausted")
    try:
        with job.file.open("rb") as fh:
            data = fh.read()

        reached = 0
        recorded_at = time.monotonic()  # extraction_started told the session where the job is

        def on_progress(stage: str, progress: int) -> None:
            # The bar only moves forward, and its last tenth is kept for saving.
            nonlocal reached, recorded_at
            reached = max(reached, min(progress, SAVING_PROGRESS - 1))
            if time.monotonic() - recorded_at >= PROGRESS_INTERVAL_SECONDS:
                services.job_progress(job=job, stage=stage, progress=reached)
                recorded_at = time.monotonic()

        extraction = pipeline.extract(data, filename=job.original_filename, on_progress=on_progress)
        if time.monotonic() - recorded_at >= PROGRESS_INTERVAL_SECONDS:
            services.job_progress(job=job, stage="saving", progress=SAVING_PROGRESS)
        services.job_complete(job=job, extraction=extraction)
    except ExtractionError as exc:
        _fail(job, error=str(exc), code=exc.code)
    except SoftTimeLimitExceeded:
        _fail(job, error=services.TIMEOUT_ERROR, code="timeout")
    except FileNotFoundError:
        _fail(job, error="The uploaded file is missing. Please upload it again.", code="file_gone")
    except TRANSIENT_ERRORS as exc:
        _retry_or_fail(self, job, exc)
    except MemoryError:
        # Past the pool process's memory cap (WORKER_MEMORY_LIMIT_MB); what the job held is freed by now.
        logger.warning("job %s ran out of memory", job_id)
        _fail(job, error=FileTooComplex().message, code=FileTooComplex.code)
    except Exception:
        logger.exception("job %s failed with an internal error", job_id)
        _fail(job, error=services.INTERNAL_ERROR, code="internal_error")
    return "completed"


def _fail(job, *, error: str, code: str) -> None:
    from sessions_app import services

    services.job_fail(job=job, error=error, code=code)
    raise JobFailed(f"{code}: {error}")


def _retry_or_fail(task, job, exc: Exception) -> None:
    from sessions_app import services

    if job.attempts >= settings.EXTRACTION_MAX_ATTEMPTS:
        logger.error("job %s gave up after %d attempts: %r", job.id, job.attempts, exc)
        _fail(job, error=services.INTERNAL_ERROR, code="attempts_exhausted")
    countdown = 2**job.attempts * 5
    logger.warning("job %s hit %r; retrying in %d s", job.id, exc, countdown)
    try:
        services.job_release(job=job)
    except TRANSIENT_ERRORS:
        pass  # the sweeper brings back a job left in processing
    raise task.retry(exc=exc, countdown=countdown)


@shared_task
def sweep_stuck_jobs() -> int:
    """Beat: re-enqueue jobs whose message or worker was lost; returns how many were swept."""
    from sessions_app import services

    return services.jobs_sweep_stuck()


@shared_task
def prune_old_data() -> None:
    """Beat: delete stored files and events past the retention period (RETENTION_DAYS)."""
    from notifications.events import events_prune
    from sessions_app import services

    files = services.job_files_prune()
    events = events_prune()
    logger.info("pruned %d files and %d events", files, events)


@shared_task(acks_late=True)
def recipe_match_foods(source_id: int) -> bool:
    """Match a saved recipe's ingredient lines to USDA FDC foods; False when the recipe was replaced.

    Routed to the `foods` queue (CELERY_TASK_ROUTES): it loads the parser's FDC data, 10–30 s per process,
    and must never keep an upload waiting.
    """
    from sessions_app import services

    return services.recipe_source_match_foods(source_id=source_id)
