#!/usr/bin/env bash
# Make headless Chromium and its driver available for tests/test_browser.py (the HTML report in a real browser).
# Installs the Debian packages chromium and chromium-driver when they are missing and this runs as root with
# apt-get; otherwise says in one line that the browser test will skip. It never fails the build.

if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
    exit 0
fi

if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "ensure_chromium: installing the Debian packages chromium and chromium-driver for the browser test"
    if apt-get update -qq >/dev/null \
        && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; then
        exit 0
    fi
    echo "ensure_chromium: the install failed; tests/test_browser.py will skip"
    exit 0
fi

echo "ensure_chromium: Chromium not found; tests/test_browser.py will skip" \
    "(install it with: sudo apt-get install chromium chromium-driver)"
exit 0
