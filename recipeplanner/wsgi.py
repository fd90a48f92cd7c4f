"""WSGI entry point (management tools; the app itself is served over ASGI by daphne)."""

import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "recipeplanner.settings")
application = get_wsgi_application()
# Serving signs sessions and CSRF tokens: with SECRET_KEY unset, Django raises ImproperlyConfigured here,
# at start-up, rather than at the first request.
settings.SECRET_KEY  # noqa: B018
