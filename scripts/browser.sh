#!/usr/bin/env bash
# Makes sure a headless Chromium is there for Odoo's browser tests (HttpCase,
# tours): Odoo looks for google-chrome, chromium or chromium-browser on PATH.
# As root (CI, a fresh machine) it installs Debian's `chromium` package when
# none is found; otherwise it says what to install and fails, so that the
# browser tests can never be skipped silently.
# A Chinese font (fonts-wqy-microhei) comes with it, so that the screenshots
# of the zh_CN tours show Chinese, not boxes; a missing font fails nothing.
set -euo pipefail
cjk_font() {
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 \
        && ! fc-list 2>/dev/null | grep -qiE 'wqy|noto sans cjk'; then
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-wqy-microhei \
            >/dev/null 2>&1 || true
    fi
}
for bin in google-chrome chromium chromium-browser google-chrome-stable; do
    if command -v "$bin" >/dev/null 2>&1; then
        cjk_font
        exit 0
    fi
done
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing Debian's chromium for the browser tests"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq chromium >/dev/null
    cjk_font
    command -v chromium >/dev/null && exit 0
fi
echo "No Chromium found for the browser tests: install Debian's 'chromium' package." >&2
exit 1
