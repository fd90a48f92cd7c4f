"""Settings for the fast unit tests: the production settings with in-process stand-ins for Redis.

The integration layer (tests/integration/) runs real processes with the production settings instead.
"""

from recipeplanner.settings import *  # noqa: F403
from recipeplanner.settings import VAR_DIR

DEBUG = False
SECRET_KEY = "unit-tests-only"
# The test client speaks plain HTTP; the production HTTPS settings have their own test (test_settings.py).
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = False
CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
MEDIA_ROOT = VAR_DIR / "test-uploads"  # each test gets its own folder (tests/conftest.py)
UPLOAD_THROTTLE_RATE = "off"  # the throttle's own tests set a rate
# Users are made in most tests; the default hasher is slow on purpose.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Matching each saved line to an FDC food costs ~75 ms a line; shopping list tests give foods explicitly.
FOUNDATION_FOODS = False
