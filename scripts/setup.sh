#!/usr/bin/env bash
# Installs what is missing and brings the database up to date; a second run changes nothing.
# Usage: scripts/setup.sh [--dev] [--browser] [--no-migrate]
#   --dev         the test and lint tools too (requirements-dev.lock instead of requirements.lock)
set -euo pipefail
source "$(dirname "$0")/env.sh"

browser=""
dev=0
migrate=1
for arg in "$@"; do
    case "$arg" in
        --dev) dev=1 ;;
        --browser) browser="--browser" ;;
        --no-migrate) migrate=0 ;;
        *) die "unknown option $arg" ;;
    esac
done

scripts/system-packages.sh $browser

# Python packages from the lock file: installed again only when it changed (the stamp holds its checksum).
lock=requirements.lock
[ "$dev" -eq 1 ] && lock=requirements-dev.lock
stamp=.venv/.installed.sha256
checksum="$lock $(sha256sum "$lock" | cut -d' ' -f1)"
pip_install() {
    # One line per package as pip gets to it; the whole output goes to var/pip-install.log.
    { .venv/bin/python -m pip install --disable-pip-version-check --progress-bar off "$@" 2>&1; echo $? > var/pip-status; } |
        tee var/pip-install.log |
        sed -un -e 's/^Collecting \([^ ]*\).*/    collecting \1/p' -e 's/^Installing collected packages.*/    installing.../p'
    [ "$(cat var/pip-status)" -eq 0 ] ||
        { tail -n 40 var/pip-install.log >&2; die "pip install $* failed (whole log: var/pip-install.log)"; }
}
mkdir -p var
if [ ! -x .venv/bin/python ]; then
    say "python3 -m venv .venv"
    python3 -m venv .venv
    pip_install --upgrade pip
fi
if [ "$(cat "$stamp" 2>/dev/null)" != "$checksum" ]; then
    say "pip install -r $lock ($(grep -c '^[A-Za-z]' "$lock") packages; the first time takes a minute or two)"
    pip_install -r "$lock"
    echo "$checksum" > "$stamp"
fi

# NLTK's tagger data for ingredient-parser-nlp: a download where the network allows, else ../shared's copy.
tagger=taggers/averaged_perceptron_tagger_eng/averaged_perceptron_tagger_eng.weights.json
if [ -n "${NLTK_DATA:-}" ] && [ -f "$NLTK_DATA/$tagger" ]; then
    :
elif [ ! -f "var/nltk_data/$tagger" ]; then
    say "fetching NLTK data averaged_perceptron_tagger_eng into var/nltk_data"
    timeout 20 .venv/bin/python -m nltk.downloader -q -d var/nltk_data averaged_perceptron_tagger_eng \
        >/dev/null 2>&1 || true
    if [ ! -f "var/nltk_data/$tagger" ] && [ -f "../shared/nltk_data/$tagger" ]; then
        echo "    no download; copying ../shared/nltk_data"
        rm -rf var/nltk_data
        cp -R ../shared/nltk_data var/nltk_data
        chmod -R u+w var/nltk_data
    fi
    [ -f "var/nltk_data/$tagger" ] || die "NLTK's averaged_perceptron_tagger_eng could not be downloaded \
and ../shared/nltk_data has no copy. Set NLTK_DATA to a folder holding $tagger."
fi

[ "$migrate" -eq 1 ] || exit 0

migrate_output="$(.venv/bin/python manage.py migrate --noinput 2>&1)" ||
    { echo "$migrate_output" >&2; die "manage.py migrate failed"; }
grep -q 'No migrations to apply' <<<"$migrate_output" || echo "$migrate_output"

# Static files: collected again only when an app's static/ folder or the requirements changed.
collected=var/static/.collected
if [ ! -f "$collected" ] || [ "$stamp" -nt "$collected" ] || [ -n "$(find . \( -path ./.venv -o -path ./var \
    -o -path ./.git \) -prune -o -path '*/static/*' -type f -newer "$collected" -print -quit)" ]; then
    say "manage.py collectstatic"
    .venv/bin/python manage.py collectstatic --noinput -v0
    touch "$collected"
fi
