#!/usr/bin/env bash
# Install Debian's PostgreSQL 15 + PostGIS 3 for `make db` and the PostGIS tests when missing.
set -uo pipefail
if [ -x /usr/lib/postgresql/15/bin/postgres ] && [ -f /usr/share/postgresql/15/extension/postgis.control ]; then
  exit 0
fi
exec bash "$(dirname "$0")/apt_install.sh" "PostGIS" "PostGIS tests" postgresql-15 postgresql-15-postgis-3
