"""The Celery app: configured from Django settings (namespace CELERY), tasks found in the apps.

Worker hooks live here too: logging through Django's LOGGING, the parser data check at start-up, the
parser warm-up and persistent database connections in each pool process.
"""

import os

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
