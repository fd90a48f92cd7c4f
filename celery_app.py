"""The Celery app: configured from Django settings (namespace CELERY), tasks found in the apps.

Worker hooks live here too: logging through Django's LOGGING, the parser data check at start-up and the
parser warm-up in each pool process.
"""

import os

from celery import Celery, signals

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "recipeplanner.settings")

app = Celery("recipeplanner")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


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
