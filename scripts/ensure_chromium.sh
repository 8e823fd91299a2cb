#!/usr/bin/env bash
# Install Debian's chromium for the real-browser tests when it is missing.
# Playwright drives this system browser; it never downloads a browser of its own.
set -uo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
exec bash "$(dirname "$0")/apt_install.sh" "/usr/bin/chromium" "browser tests" chromium fonts-liberation
