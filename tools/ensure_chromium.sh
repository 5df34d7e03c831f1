#!/bin/sh
# Debian's chromium for the browser tests (tests/site/test_browser.py); never a downloaded build.
# Installs it with apt-get when it is missing and we may (root with apt-get); otherwise says how
# in one line and leaves the decision to the test: skipped locally, failed when CI is set.
set -eu
CHROMIUM=/usr/bin/chromium
[ -x "$CHROMIUM" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian's chromium for the browser tests: apt-get install -y chromium"
    export DEBIAN_FRONTEND=noninteractive
    # A fresh container has no package lists yet: update once, only when the install needs it.
    apt-get install -y -qq chromium >/dev/null 2>&1 \
        || { apt-get update -qq >/dev/null && apt-get install -y -qq chromium >/dev/null; } \
        || echo "apt-get could not install chromium; the browser tests need $CHROMIUM" >&2
    exit 0
fi
echo "No $CHROMIUM for the browser tests: install Debian's chromium (sudo apt-get install chromium)" >&2
