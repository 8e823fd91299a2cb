#!/usr/bin/env bash
# Install Debian's chromium for the real-browser tests when it is missing.
# Playwright drives this system browser; it never downloads a browser of its own.
set -uo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "warning: /usr/bin/chromium is missing and apt-get is not available; browser tests will be skipped" >&2
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "warning: installing chromium needs root (apt-get install chromium); browser tests will be skipped" >&2
    exit 0
  fi
fi
echo "installing Debian chromium for the browser tests..."
$SUDO apt-get update -qq || true
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium fonts-liberation >/dev/null \
  || echo "warning: apt-get install chromium failed; browser tests will be skipped (or fail under CI)" >&2
exit 0
