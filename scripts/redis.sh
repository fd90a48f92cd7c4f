#!/usr/bin/env bash
# The private Redis of `make run` (the Procfile's redis line): loopback only, data under var/redis/.
# It runs in the foreground so honcho's Ctrl-C stops it with everything else. Append-only persistence
# keeps queued jobs across a restart.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p var/redis
exec redis-server --bind 127.0.0.1 --port "${REDIS_PORT:-6379}" --dir var/redis \
    --save 60 1 --appendonly yes --appendfsync everysec --daemonize no --protected-mode yes
