# Load the Celery app with Django, so that shared tasks sent from web processes use its broker settings.
from celery_app import app as celery_app

__all__ = ["celery_app"]
