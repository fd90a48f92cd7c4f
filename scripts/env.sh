# Sourced by the other scripts: the repo root as working folder, .env loaded, development defaults.
# Variables already set in the environment win over .env, as they do in recipeplanner/settings.py.

cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [ -f .env ]; then
    while IFS='=' read -r key value; do
        case "$key" in '' | \#*) continue ;; esac
        key="${key#export }"
        if [ -z "${!key+set}" ]; then
            value="${value%\"}"; value="${value#\"}"; value="${value%\'}"; value="${value#\'}"
            export "$key=$value"
        fi
    done < .env
fi

# `make run` and `make test` are for a developer's machine: DEBUG on unless said otherwise, which also
# lets settings use their development SECRET_KEY.
export DEBUG="${DEBUG:-1}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379/0}"
export PATH="$PWD/.venv/bin:$PATH"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
die() { printf '\033[1;31merror:\033[0m %s\n' "$*" >&2; exit 1; }
