#!/usr/bin/env bash
# `make test`: set up, then ruff, the migrations check and the whole pytest suite (unit + integration).
# Extra arguments go to pytest. Every step runs; the exit code is non-zero when any of them failed.
set -uo pipefail
source "$(dirname "$0")/env.sh"

scripts/setup.sh --dev --browser || exit 1

failed=()
say "ruff check"
ruff check . || failed+=("ruff check")

say "makemigrations --check"
python manage.py makemigrations --check --dry-run || failed+=("makemigrations --check")

# Unit tests run with recipeplanner/settings_test.py (pyproject.toml); the integration layer starts its
# own Redis, worker and daphne with the production settings (tests/integration/stack.py).
say "pytest"
python -m pytest "$@"
status=$?
# 5 means no test ran: that is a failure too, never a silent pass.
[ "$status" -eq 0 ] || failed+=("pytest (exit $status)")

if [ ${#failed[@]} -gt 0 ]; then
    printf '\033[1;31mFAILED:\033[0m %s\n' "${failed[*]}"
    exit 1
fi
