#!/usr/bin/env bash
# Install Debian packages that optional tests need; never fails the caller: without them those tests
# skip (or fail under CI, where .ci/run requires them).
# usage: apt_install.sh WHAT TESTS PACKAGE...   e.g. apt_install.sh "/usr/bin/chromium" "browser tests" chromium
set -uo pipefail
what="$1"
tests="$2"
shift 2
if ! command -v apt-get >/dev/null 2>&1; then
  echo "warning: $what is missing and apt-get is not available; $tests will be skipped" >&2
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "warning: installing $what needs root (apt-get install $*); $tests will be skipped" >&2
    exit 0
  fi
fi
echo "installing Debian $* for the $tests..."
$SUDO apt-get update -qq || true
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "$@" >/dev/null \
  || echo "warning: apt-get install $* failed; $tests will be skipped (or fail under CI)" >&2
exit 0
