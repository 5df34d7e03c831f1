#!/bin/sh
# Debian's poppler-utils (pdftotext, pdfinfo) for the test that prints the production checklist
# to PDF and reads it back (tests/site/test_checklist_print.py). Installed like chromium is.
set -eu
command -v pdftotext >/dev/null 2>&1 && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian's poppler-utils for the print test: apt-get install -y poppler-utils"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -qq poppler-utils >/dev/null 2>&1 \
        || { apt-get update -qq >/dev/null && apt-get install -y -qq poppler-utils >/dev/null; } \
        || echo "apt-get could not install poppler-utils; the print test needs pdftotext" >&2
    exit 0
fi
echo "No pdftotext for the print test: install Debian's poppler-utils (sudo apt-get install poppler-utils)" >&2
