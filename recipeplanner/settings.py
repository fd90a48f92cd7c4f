"""Settings, read from the environment only (see .env.example for every variable)."""

import os
from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
# A .env file is optional: the environment alone is enough.
if (BASE_DIR / ".env").is_file():
    environ.Env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DEBUG", default=False)
# A fixed key is fine on a developer machine. With DEBUG off the key must come from the environment:
# the servers (asgi.py, wsgi.py) refuse to start without one, while commands that sign nothing, such as
# `manage.py extract_recipe`, run without it.
SECRET_KEY = env("SECRET_KEY", default="dev-only-insecure-key" if DEBUG else "")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list(
    "CSRF_TRUSTED_ORIGINS",
    default=[f"http://{host}:8000" for host in ALLOWED_HOSTS if host != "*"],
)

# HTTPS: on by default with DEBUG off (`manage.py check --deploy` is clean), each one set by the environment.
# The proxy in front terminates TLS and says so in X-Forwarded-Proto (docs/nginx.conf sets it on every
# request, so a client cannot); set SECURE_PROXY_SSL_HEADER=0 where nothing sets that header.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
if env.bool("SECURE_PROXY_SSL_HEADER", default=not DEBUG):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)

INSTALLED_APPS = [
    "daphne",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "channels",
    "sessions_app",
    "extraction",
    "notifications",
]

MIDDLEWARE = [
    # Outermost: the work a request leaves for after its response (publishing a job's task) waits for
    # everything else, including the other middleware's processing of the response.
    "recipeplanner.after_response.AfterResponseMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "recipeplanner.urls"
WSGI_APPLICATION = "recipeplanner.wsgi.application"
ASGI_APPLICATION = "recipeplanner.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "sessions_app.views.site_links",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Workers and daphne write concurrently: WAL and a generous busy timeout keep SQLite usable for
    # development; production uses PostgreSQL.
    # synchronous=NORMAL (WAL) skips the fsync at each commit, which cost 4 ms at the median and 20 ms at
    # p99 on the development machine, with the write lock held, so every other writer waited too. A commit
    # still survives the process being killed; only a power loss or kernel crash can undo the last
    # commits (the uploaded files are not fsynced either, so FULL alone never made a job survive one).
    # SQLITE_SYNCHRONOUS=FULL brings the per-commit fsync back.
    # recipeplanner/sqlite: Django's backend, except that a transaction's BEGIN waits for the write lock
    # in steps of at most a millisecond instead of SQLite's sleeps of up to 100 ms.
    DATABASES["default"]["ENGINE"] = "recipeplanner.sqlite"
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 30,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous="
            + env.str("SQLITE_SYNCHRONOUS", default="NORMAL"),
        }
    )
# Seconds a process keeps its database connection between requests. Safe under daphne because each process
# runs every request's sync code on one thread (recipeplanner/asgi.py); opening and closing a connection per
# request cost about 3 ms of CPU. Celery workers set their own (celery_app.py).
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("WEB_CONN_MAX_AGE", default=60))
DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# Behind a proxy that serves the app under a sub-path (e.g. /planner), every URL Django builds starts with it.
FORCE_SCRIPT_NAME = env("FORCE_SCRIPT_NAME", default=None)
# Absolute: Django prefixes a relative STATIC_URL with the script name of the request during which the
# setting is first read, and WhiteNoise reads it at start-up, outside any request.
STATIC_URL = f"{(FORCE_SCRIPT_NAME or '').rstrip('/')}/static/"
STATIC_ROOT = VAR_DIR / "static"
# Serve straight from the apps' folders too, so a fresh checkout works before collectstatic.
WHITENOISE_USE_FINDERS = True
# Uploaded recipe files live here. Nothing serves this folder: there is no MEDIA_URL route.
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(VAR_DIR / "uploads")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
# Password-reset mail goes to the console in development; production sets an SMTP backend.
EMAIL_BACKEND = env(
    "EMAIL_BACKEND",
    default="django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="recipeplanner <noreply@localhost>")
# Shown to staff in the page header; Flower asks for FLOWER_BASIC_AUTH.
FLOWER_URL = env("FLOWER_URL", default="http://127.0.0.1:5555/")

# Uploads
MAX_UPLOAD_BYTES = env.int("MAX_UPLOAD_BYTES", default=5 * 1024 * 1024)
# Request bodies and uploaded files above this are streamed to temporary files instead of being held in
# memory. Below it an upload is copied in memory and written once, to its stored file; above it the body
# goes to one temporary file (on daphne's event loop) and the file to another. 1 MiB keeps text, pages
# and most PDFs in memory (a 300 KB PDF: 0.7-1.3 ms less CPU per upload, docs/benchmarks.md, fifth round)
# and sends photos to disk; the most held at once is this much per request in flight.
FILE_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 256 * 1024
UPLOAD_THROTTLE_RATE = env("UPLOAD_THROTTLE_RATE", default="60/minute")
MAX_JOBS_IN_FLIGHT = env.int("MAX_JOBS_IN_FLIGHT", default=20)
MAX_DISH_NAME_LENGTH = 120

# Extraction
EXTRACTION_TIME_LIMIT = env.int("EXTRACTION_TIME_LIMIT", default=120)
EXTRACTION_MAX_ATTEMPTS = env.int("EXTRACTION_MAX_ATTEMPTS", default=3)
# A job claimed longer ago than this with no heartbeat is taken to be lost and re-enqueued.
EXTRACTION_LEASE_SECONDS = env.int("EXTRACTION_LEASE_SECONDS", default=EXTRACTION_TIME_LIMIT + 60)
RETENTION_DAYS = env.int("RETENTION_DAYS", default=30)
# Address space (MiB) each worker pool process may map, set when it starts; 0 for no cap. A pool process
# maps about 900 MiB after an OCR job; a file that would take far more ends its job instead of the
# machine's memory (docs/operations.md).
WORKER_MEMORY_LIMIT_MB = env.int("WORKER_MEMORY_LIMIT_MB", default=2048)
# After a recipe is saved, match its lines to USDA FDC foods on the `foods` queue (about 75 ms a line); the
# shopping list reads a food's category for its aisle and merges wordings of one food by it.
FOUNDATION_FOODS = env.bool("FOUNDATION_FOODS", default=True)
os.environ.setdefault("NLTK_DATA", env("NLTK_DATA", default=str(VAR_DIR / "nltk_data")))
# Tesseract may start one thread per core; a worker process should use one.
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

# Redis: one URL for the broker, the result-less task queue and the channel layer.
REDIS_URL = env("REDIS_URL", default="redis://127.0.0.1:6379/0")

CELERY_BROKER_URL = REDIS_URL
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_WORKER_CONCURRENCY = env.int("WORKER_CONCURRENCY", default=2)
CELERY_TASK_SOFT_TIME_LIMIT = EXTRACTION_TIME_LIMIT
CELERY_TASK_TIME_LIMIT = EXTRACTION_TIME_LIMIT + 30
# Just above the hard limit, so a message whose worker died comes back within minutes, not an hour.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": CELERY_TASK_TIME_LIMIT + 60}
CELERY_WORKER_SEND_TASK_EVENTS = True
# No "task-sent" event: it was a second Redis publish on every upload's 202 path; Flower still sees each
# task from the worker's received/started/succeeded events.
CELERY_TASK_SEND_SENT_EVENT = False
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Celery's Django fix-up closes the database connection after every task unless told to reuse it; the
# worker's own hooks (celery_app.py) close it when it is broken or older than WORKER_DB_CONN_MAX_AGE.
CELERY_DB_REUSE_MAX = 1_000_000
# A new pool process loads the ingredient parser before it reports up (celery_app.py). Celery's default
# 4 s wait was too short on a busy machine with the worker niced: it killed and replaced the process
# again and again, and a job redelivered from a killed process never ran.
CELERY_WORKER_PROC_ALIVE_TIMEOUT = 60
# Food matching for the shopping list loads 10–30 s of data per process: its own queue and worker (the
# Procfile's `foods`), so no upload waits behind it. Without that worker, rows just lack FDC foods.
CELERY_TASK_ROUTES = {"sessions_app.tasks.recipe_match_foods": {"queue": "foods"}}
CELERY_BEAT_SCHEDULE = {
    "sweep-stuck-jobs": {"task": "sessions_app.tasks.sweep_stuck_jobs", "schedule": 60.0},
    "prune-old-files": {"task": "sessions_app.tasks.prune_old_data", "schedule": 3600.0},
}

CHANNEL_LAYERS = {
    "default": {
        "BACKEND": "notifications.layers.RedisChannelLayer",
        "CONFIG": {
            # socket_timeout None: redis-py 8's 5 s read timeout would crash idle consumers.
            "hosts": [{"address": REDIS_URL, "socket_timeout": None}],
            # Messages waiting for one daphne process, all its sockets together (channels_redis keeps one
            # queue per process); past it a group_send drops the message with only a log line. The default
            # of 100 dropped events under a burst to a thousand sockets.
            "capacity": env.int("CHANNEL_LAYER_CAPACITY", default=10_000),
        },
    }
}
WEBSOCKET_MAX_FRAME_BYTES = 64 * 1024

REST_FRAMEWORK = {
    # Token first: its WWW-Authenticate header makes a missing or bad token a 401, not a 403.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "recipeplanner.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    # JSON bodies only (the upload view takes multipart itself): the schema then lists one content type.
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "sessions_app.api.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "recipeplanner API",
    "DESCRIPTION": "Plan a dinner party: sessions, dishes, recipe uploads and one shopping list.",
    "VERSION": "1.0.0",
    # PATCH bodies are documented with their required fields (no all-optional "Patched" copies): the views
    # validate them whole.
    "COMPONENT_SPLIT_PATCH": False,
}

CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
}
