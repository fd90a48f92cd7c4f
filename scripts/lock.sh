#!/usr/bin/env bash
# `make lock`: resolve requirements.txt and requirements-dev.txt, with everything they depend on, into
# requirements.lock (what `make run` installs) and requirements-dev.lock (what `make test` installs).
set -euo pipefail
source "$(dirname "$0")/env.sh"

[ -x .venv/bin/uv ] || .venv/bin/python -m pip install --disable-pip-version-check -q "$(grep '^uv==' requirements-dev.txt)"
for name in requirements requirements-dev; do
    say "$name.txt -> $name.lock"
    .venv/bin/uv pip compile --quiet --python-version 3.11 --no-header "$name.txt" -o "$name.lock"
done
