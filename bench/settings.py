"""Settings of the benchmark's stack: the production settings plus the benchmark-only endpoints."""

from recipeplanner.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
