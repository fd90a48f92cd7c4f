#!/usr/bin/env bash
# Installs the Debian packages the app needs when apt-get is there and they are missing.
# Usage: scripts/system-packages.sh [--browser]   (--browser adds what only the tests use: chromium and its
# driver, and postgresql and nginx-light, which the integration tests start as private servers)
set -euo pipefail

packages=(redis-server tesseract-ocr tesseract-ocr-eng)
[ "${1:-}" = "--browser" ] && packages+=(chromium chromium-driver postgresql nginx-light)

if ! command -v dpkg-query >/dev/null || ! command -v apt-get >/dev/null; then
    echo "No apt-get here: install ${packages[*]} (or their equivalents) yourself." >&2
    exit 0
fi

missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
    sudo=()
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    sudo=(sudo -n)
else
    echo "Missing Debian packages: ${missing[*]}. Install them as root: apt-get install ${missing[*]}" >&2
    exit 0
fi

echo "==> apt-get install ${missing[*]}"
log="$(mktemp)"
if ! { "${sudo[@]}" apt-get update -qq &&
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"; } \
    >"$log" 2>&1; then
    tail -n 40 "$log" >&2
    rm -f "$log"
    exit 1
fi
rm -f "$log"
