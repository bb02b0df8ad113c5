#!/usr/bin/env bash
# Makes sure a headless Chromium is there for Odoo's browser tests (HttpCase,
# tours): Odoo looks for google-chrome, chromium or chromium-browser on PATH.
# As root (CI, a fresh machine) it installs Debian's `chromium` package when
# none is found; otherwise it says what to install and fails, so that the
# browser tests can never be skipped silently.
set -euo pipefail
for bin in google-chrome chromium chromium-browser google-chrome-stable; do
    if command -v "$bin" >/dev/null 2>&1; then
        exit 0
    fi
done
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing Debian's chromium for the browser tests"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq chromium >/dev/null
    command -v chromium >/dev/null && exit 0
fi
echo "No Chromium found for the browser tests: install Debian's 'chromium' package." >&2
exit 1
