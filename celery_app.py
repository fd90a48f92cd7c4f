"""The Celery app: configured from Django settings (namespace CELERY), tasks found in the apps."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "recipeplanner.settings")

app = Celery("recipeplanner")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
