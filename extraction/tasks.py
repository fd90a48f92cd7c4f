"""The Celery tasks: thin wrappers that take ids and hand the work to the pipeline and the services."""

import logging

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from celery.signals import worker_init, worker_process_init
from django.conf import settings
from django.db import DatabaseError, InterfaceError
from redis.exceptions import RedisError

from sessions_app import services
from sessions_app.models import ExtractionJob

logger = logging.getLogger(__name__)

# Errors of the machinery around a job, not of the file: worth another attempt after a pause.
SAVING_PROGRESS = 90
TRANSIENT_ERRORS = (DatabaseError, InterfaceError, RedisError, ConnectionError, TimeoutError)


@worker_init.connect
def _check_parser_data(**_kwargs) -> None:
    """Refuse to start a worker without the parser's tagger data: a clear error now, not at the first job."""
    from extraction.parsing import check_parser_ready

    check_parser_ready()


@worker_process_init.connect
def _load_parser(**_kwargs) -> None:
    """Load the ingredient parser model when a worker process starts, not at its first job."""
    from extraction.parsing import warm_up

    warm_up()


@shared_task(bind=True, acks_late=True, max_retries=None)
def extract_recipe_job(self, job_id: str) -> None:
    """Extract the ingredients of one uploaded file and file them under its dish."""
    from extraction import pipeline
    from extraction.errors import ExtractionError

    redelivered = bool((self.request.delivery_info or {}).get("redelivered"))
    job = services.job_start(job_id=job_id, worker=self.request.hostname or "worker", redelivered=redelivered)
    if job is None:
        logger.info("job %s is not pending (finished, cancelled or gone); skipping", job_id)
        return
    if job.attempts > settings.EXTRACTION_MAX_ATTEMPTS:
        # A file that kills its worker every time must not take the queue down with it.
        services.job_fail(job=job, error=services.LOST_ERROR, code="attempts_exhausted")
        return
    try:
        with job.file.open("rb") as fh:
            data = fh.read()

        reached = 0

        def on_progress(stage: str, progress: int) -> None:
            # The bar only moves forward, and its last tenth is kept for saving.
            nonlocal reached
            reached = max(reached, min(progress, SAVING_PROGRESS - 1))
            services.job_progress(job=job, stage=stage, progress=reached)

        extraction = pipeline.extract(data, filename=job.original_filename, on_progress=on_progress)
        services.job_progress(job=job, stage="saving", progress=SAVING_PROGRESS)
        services.job_complete(job=job, extraction=extraction)
    except ExtractionError as exc:
        services.job_fail(job=job, error=str(exc), code=exc.code)
    except SoftTimeLimitExceeded:
        services.job_fail(job=job, error=services.TIMEOUT_ERROR, code="timeout")
    except FileNotFoundError:
        services.job_fail(
            job=job, error="The uploaded file is missing. Please upload it again.", code="file_gone"
        )
    except TRANSIENT_ERRORS as exc:
        _retry_or_fail(self, job, exc)
    except Exception:
        logger.exception("job %s failed with an internal error", job_id)
        services.job_fail(job=job, error=services.INTERNAL_ERROR, code="internal_error")


def _retry_or_fail(task, job: ExtractionJob, exc: Exception) -> None:
    if job.attempts >= settings.EXTRACTION_MAX_ATTEMPTS:
        logger.error("job %s gave up after %d attempts: %r", job.id, job.attempts, exc)
        services.job_fail(job=job, error=services.INTERNAL_ERROR, code="attempts_exhausted")
        return
    countdown = 2**job.attempts * 5
    logger.warning("job %s hit %r; retrying in %d s", job.id, exc, countdown)
    try:
        services.job_release(job=job)
    except TRANSIENT_ERRORS:
        pass  # the sweeper brings back a job left in processing
    raise task.retry(exc=exc, countdown=countdown)


@shared_task
def sweep_stuck_jobs() -> int:
    """Beat: bring back jobs whose message or worker was lost."""
    return services.jobs_sweep_stuck()


@shared_task
def prune_old_data() -> None:
    """Beat: delete stored files and events past the retention period."""
    files, events = services.data_prune()
    logger.info("pruned %d files and %d events", files, events)
