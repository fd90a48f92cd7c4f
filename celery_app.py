"""The Celery app: configured from Django settings (namespace CELERY), tasks found in the apps.

Worker hooks live here too: logging through Django's LOGGING, the parser data check at start-up, the
parser warm-up, the memory cap and persistent database connections in each pool process.
"""

import logging
import os
import resource

from celery import Celery, signals

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "recipeplanner.settings")

app = Celery("recipeplanner")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Seconds a worker process keeps its database connection between jobs (Django's CONN_MAX_AGE).
WORKER_DB_CONN_MAX_AGE = 300


@signals.setup_logging.connect
def _configure_logging(**_kwargs) -> None:
    """Log through Django's LOGGING setting instead of Celery's own handlers."""
    from logging.config import dictConfig

    from django.conf import settings

    dictConfig(settings.LOGGING)


@signals.worker_init.connect
def _check_parser_data(**_kwargs) -> None:
    """Refuse to start a worker without the parser's tagger data: a clear error now, not at the first job."""
    from extraction.parsing import check_parser_ready

    check_parser_ready()


@signals.worker_process_init.connect
def _load_parser(**_kwargs) -> None:
    """Load the ingredient parser model when a worker process starts, not at its first job."""
    from extraction.parsing import warm_up

    warm_up()


@signals.worker_process_init.connect
def _limit_memory(**_kwargs) -> None:
    """Cap this pool process's address space at WORKER_MEMORY_LIMIT_MB (0 or less: no cap).

    Past the cap an allocation fails: Python raises MemoryError, which ends the job `failed` as too large;
    a C library (pdfium) may abort the process instead, and the job's attempts then run out. Either way
    the file does not take the machine's memory. Programs the job starts (tesseract) inherit the cap.
    """
    from django.conf import settings

    limit_mb = settings.WORKER_MEMORY_LIMIT_MB
    if limit_mb <= 0:
        return
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = limit_mb * 2**20
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    logging.getLogger(__name__).debug(
        "pool process %d: address space capped at %d MiB", os.getpid(), limit_mb
    )


@signals.worker_process_init.connect
def _keep_db_connections(**_kwargs) -> None:
    """Keep each pool process's database connection from one job to the next, checked before each job.

    A job is three or four short transactions. Opening a connection for each job cost more than the
    transactions themselves (on SQLite, closing the last connection also checkpoints and removes the WAL).
    """
    from django.db import connections

    for alias in connections:
        connections[alias].settings_dict["CONN_MAX_AGE"] = WORKER_DB_CONN_MAX_AGE
        connections[alias].settings_dict["CONN_HEALTH_CHECKS"] = True


@signals.task_prerun.connect
def _drop_stale_db_connections(**_kwargs) -> None:
    """Before each job, as Django does before each request: close a connection that broke or expired."""
    from django.db import close_old_connections

    close_old_connections()
