#!/usr/bin/env bash
# `make run`: set up, ensure a login, then start every service from the Procfile with honcho.
set -euo pipefail
source "$(dirname "$0")/env.sh"

scripts/setup.sh

say "login"
login="$(.venv/bin/python manage.py ensure_user)"
echo "$login"
# Flower shows every task's arguments: it asks for a login unless FLOWER_BASIC_AUTH says otherwise.
if [ -z "${FLOWER_BASIC_AUTH:-}" ]; then
    export FLOWER_BASIC_AUTH="admin:$(sed -n 's/^password: //p' <<<"$login")"
fi

processes=(web worker foods beat flower)
if .venv/bin/python scripts/redis_ping.py "$REDIS_URL"; then
    echo "Using the Redis that answers on $REDIS_URL"
else
    # Nothing answers: start our own, but only where that is what REDIS_URL points at.
    read -r host port < <(.venv/bin/python -c 'import sys, urllib.parse as u; p = u.urlsplit(sys.argv[1]);
print(p.hostname or "127.0.0.1", p.port or 6379)' "$REDIS_URL")
    case "$host" in 127.0.0.1 | localhost) ;; *) die "nothing answers on REDIS_URL=$REDIS_URL" ;; esac
    command -v redis-server >/dev/null || die "redis-server is not installed (apt-get install redis-server)"
    export REDIS_PORT="$port"
    processes=(redis "${processes[@]}")
    echo "Starting a private Redis on 127.0.0.1:$port (data in var/redis/)"
fi

say "starting ${processes[*]} (their output follows; the addresses come once the app and a worker answer)"
honcho start -f Procfile "${processes[@]}" &
honcho_pid=$!
# Ctrl-C reaches every process of the group; honcho stops its children, and we wait for honcho.
stop() { kill -TERM "$honcho_pid" 2>/dev/null || true; wait "$honcho_pid" 2>/dev/null || true; }
trap stop EXIT
trap 'echo "Stopped."; exit 0' INT TERM

app_answers() { python scripts/http_answers.py http://127.0.0.1:8000/accounts/login/; }
worker_answers() { celery -A celery_app inspect ping --timeout 1 >/dev/null 2>&1; }
ready=0
for _ in $(seq 120); do
    kill -0 "$honcho_pid" 2>/dev/null || die "a process stopped during start-up (its output is above)"
    app_answers && worker_answers && { ready=1; break; }
    sleep 1
done
[ "$ready" -eq 1 ] || echo "The app or the worker has not answered after two minutes; their output is above."

cat <<MSG

  App         http://127.0.0.1:8000/
  Admin       http://127.0.0.1:8000/admin/
  API schema  http://127.0.0.1:8000/api/schema/
  Flower      http://127.0.0.1:5555/${FLOWER_BASIC_AUTH:+  (basic auth from FLOWER_BASIC_AUTH)}

  Log in with the username and password above; scripts send "Authorization: Token <token>".
  Ctrl-C stops everything.

MSG
wait "$honcho_pid"
