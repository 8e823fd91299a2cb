"""PostGIS fixtures: a throwaway PostgreSQL server for the test session, a fresh database per test.

The server is Debian's PostgreSQL 15 + PostGIS 3 (``scripts/ensure_postgis.sh``
installs it), started by :mod:`geo.pgserver` in a temporary folder and
stopped at the end of the session. Without it the tests that need it skip
with the reason, unless ``FIM_REQUIRE_POSTGIS=1`` (set by CI) makes them fail.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from geo import pgserver
from geo.pgstore import migrate

TEMPLATE = "fim_template"


def _admin_url(server: pgserver.Server, db: str = "postgres") -> str:
    return f"postgresql://{pgserver.SUPERUSER}@127.0.0.1:{server.port}/{db}"


@pytest.fixture(scope="session")
def pg_server() -> Iterator[pgserver.Server]:
    """A PostgreSQL + PostGIS server of its own for this test session."""
    if not pgserver.postgis_installed():
        reason = "PostgreSQL 15 + PostGIS are not installed (apt-get install postgresql-15-postgis-3)"
        if os.environ.get("FIM_REQUIRE_POSTGIS") == "1":
            pytest.fail(reason + "; FIM_REQUIRE_POSTGIS=1 makes this an error")
        pytest.skip(reason)
    folder = Path(tempfile.mkdtemp(prefix="fim-pg-"))
    server = pgserver.start(folder)  # an empty folder of its own: initdb fills it
    try:
        with psycopg.connect(_admin_url(server), autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {TEMPLATE}")
        with psycopg.connect(_admin_url(server, TEMPLATE)) as conn:
            migrate(conn)
        yield server
    finally:
        pgserver.stop(server.datadir)
        shutil.rmtree(folder, ignore_errors=True)


def new_database(server: pgserver.Server, *, template: str = TEMPLATE) -> str:
    """Create an empty database (from the migrated template by default); its URL."""
    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(_admin_url(server), autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name} TEMPLATE {template}")
    return _admin_url(server, name)


def drop_database(server: pgserver.Server, url: str) -> None:
    """Drop the database of ``url`` (closing its connections)."""
    name = url.rsplit("/", 1)[1]
    with psycopg.connect(_admin_url(server), autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def pg_url(pg_server: pgserver.Server) -> Iterator[str]:
    """The URL of a fresh, migrated, empty database."""
    url = new_database(pg_server)
    yield url
    drop_database(pg_server, url)
