"""The PostGIS incident store: :class:`geo.store.IncidentStore` on PostgreSQL.

Chosen by a URL wherever a store is named: ``--store
postgresql://user@host:port/db`` on the command line, ``FIM_STORE_URL`` for
the app (see :func:`open_store`). The schema lives in versioned SQL files
(:mod:`geo.migrations`), applied in order on connect and recorded in
``schema_migrations``:

``incidents``          one row per report, the columns of
                       :data:`geo.incidents.COLUMNS` plus ``geom
                       geometry(Point, 4326)``; GiST index on ``geom``,
                       btree on date, actors, types and places, a trigram
                       index for the text filter
``incidents_merged``   the analyst's view (:func:`geo.incidents.merge_reports`
                       of ``incidents``), what the app shows
``store_writes``       one row per write that changed something

A write is one transaction: the rows are copied into a temporary table,
upserted by the stable ``event_id`` (a row whose values did not change is
not touched, so a rerun changes nothing) and the rows not in the new set are
deleted. A process killed midway leaves the previous data as it was.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import re
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd
import psycopg
from psycopg import sql

from geo.errors import StoreError
from geo.incidents import _FLOAT_COLUMNS, _INT_COLUMNS, COLUMNS, merge_reports, normalise_frame
from geo.store import GeoPackageStore, IncidentStore

logger = logging.getLogger(__name__)

URL_SCHEMES: tuple[str, ...] = ("postgresql://", "postgres://")
#: The environment variable naming the store of the app (and of commands run without ``--store``).
STORE_URL_ENV = "FIM_STORE_URL"
TABLE = "incidents"
MERGED_TABLE = "incidents_merged"
TEXT_COLUMNS: tuple[str, ...] = tuple(c for c in COLUMNS if c not in _INT_COLUMNS and c not in _FLOAT_COLUMNS)
#: Stable output order, as :func:`geo.incidents.sort_incidents` (code-point order of the strings).
ORDER_BY = 'event_date COLLATE "C", doc_id COLLATE "C", char_start, event_id COLLATE "C"'
_MIGRATION_LOCK = 7_316_001  # pg_advisory_xact_lock key: one migrator at a time
_GEOM = (
    "CASE WHEN latitude IS NOT NULL AND longitude IS NOT NULL "
    "THEN ST_SetSRID(ST_MakePoint(longitude, latitude), 4326) END"
)


def is_store_url(spec: object) -> bool:
    """Whether ``spec`` is a PostgreSQL URL (not a GeoPackage path)."""
    return isinstance(spec, str) and spec.startswith(URL_SCHEMES)


def redact(url: str) -> str:
    """The URL without its password, for messages and logs."""
    return re.sub(r"(://[^:/@]+):[^@/]*@", r"\1:***@", url)


def open_store(spec: str | Path | None = None) -> IncidentStore:
    """The store named by ``spec``: a PostgreSQL URL or a GeoPackage path.

    Parameters
    ----------
    spec
        ``postgresql://user@host:port/db`` (or ``postgres://``), a ``.gpkg``
        path, or ``None``: the URL in ``FIM_STORE_URL`` if set, else the
        default GeoPackage.

    Returns
    -------
    IncidentStore

    Examples
    --------
    >>> open_store("data/x.gpkg")
    GeoPackageStore('data/x.gpkg')
    >>> open_store("postgresql://me:secret@localhost:5432/fim")
    PostGISStore('postgresql://me:***@localhost:5432/fim')
    """
    if spec is None and is_store_url(os.environ.get(STORE_URL_ENV, "")):
        spec = os.environ[STORE_URL_ENV]
    if is_store_url(spec):
        return PostGISStore(str(spec))
    return GeoPackageStore(spec)


def describe(store: IncidentStore) -> str:
    """Where a store is, for messages (a path, or a URL without its password)."""
    if isinstance(store, PostGISStore):
        return redact(store.url)
    return str(getattr(store, "path", store))


def migrations() -> list[tuple[str, str]]:
    """The ``(version, SQL)`` of every migration file, in order."""
    folder = resources.files("geo.migrations")
    files = sorted((f for f in folder.iterdir() if f.name.endswith(".sql")), key=lambda f: f.name)
    return [(f.name.removesuffix(".sql"), f.read_text(encoding="utf-8")) for f in files]


def migrate(conn: psycopg.Connection) -> list[str]:
    """Apply the migrations ``conn``'s database lacks, each in its own transaction.

    Parameters
    ----------
    conn
        An open connection (not inside a transaction).

    Returns
    -------
    list of str
        The versions applied now (empty when the schema was current).
    """
    applied_now: list[str] = []
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))
        conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            " version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())"
        )
        done = {row[0] for row in conn.execute("SELECT version FROM schema_migrations")}
        for version, text in migrations():
            if version in done:
                continue
            with conn.transaction():
                conn.execute(text.encode("utf-8"))
                conn.execute("INSERT INTO schema_migrations (version) VALUES (%s)", (version,))
            logger.info("applied migration %s", version)
            applied_now.append(version)
    return applied_now


def _csv_frame(frame: pd.DataFrame) -> bytes:
    """The frame as CSV for ``COPY``: NA numbers as empty fields (NULL), text as given."""
    return frame[list(COLUMNS)].to_csv(index=False, header=False, lineterminator="\n").encode("utf-8")


class PostGISStore:
    """An :class:`geo.store.IncidentStore` in a PostgreSQL + PostGIS database.

    Parameters
    ----------
    url
        ``postgresql://user[:password]@host:port/db`` (libpq URL; any libpq
        parameter such as ``sslmode`` may follow as a query string).
    connect_timeout
        Seconds to wait for the server.
    """

    def __init__(self, url: str, *, connect_timeout: int = 10) -> None:
        self.url = url
        self.connect_timeout = connect_timeout
        self._migrated = False

    def __repr__(self) -> str:
        return f"PostGISStore({redact(self.url)!r})"

    @contextlib.contextmanager
    def connect(self) -> Iterator[psycopg.Connection]:
        """An open autocommit connection with the schema migrated (closed on exit).

        Raises
        ------
        StoreError
            The server cannot be reached or refused the connection.
        """
        try:
            # autocommit: every `with conn.transaction()` block is a real transaction that commits on exit
            # (without it, a block after a first query would be a savepoint of an implicit transaction
            # that closing the connection rolls back)
            conn = psycopg.connect(
                self.url, connect_timeout=self.connect_timeout, application_name="fim", autocommit=True
            )
        except psycopg.Error as exc:
            msg = f"cannot connect to the incident store {redact(self.url)}: {str(exc).strip()}"
            raise StoreError(msg) from exc
        try:
            if not self._migrated:
                migrate(conn)
                self._migrated = True
            yield conn
        finally:
            conn.close()

    def exists(self) -> bool:
        """Whether incidents were ever written to this database."""
        with self.connect() as conn:
            return conn.execute("SELECT EXISTS (SELECT 1 FROM store_writes)").fetchone()[0]

    def version(self) -> int:
        """A number that grows with every write that changed the store (0: never written)."""
        with self.connect() as conn:
            return int(conn.execute("SELECT coalesce(max(id), 0) FROM store_writes").fetchone()[0])

    def read(self, *, merged: bool = False) -> gpd.GeoDataFrame:
        """Read every incident (of the merged view with ``merged``), in the stable order.

        Raises
        ------
        StoreError
            The store was never written or cannot be read.
        """
        table = MERGED_TABLE if merged else TABLE
        with self.connect() as conn:
            if not conn.execute("SELECT EXISTS (SELECT 1 FROM store_writes)").fetchone()[0]:
                msg = f"no incidents in {redact(self.url)}; build them with `python -m geo build --store URL`"
                raise StoreError(msg)
            return read_query(conn, sql.SQL("SELECT * FROM {} ORDER BY " + ORDER_BY).format(sql.Identifier(table)))

    def write(self, gdf: gpd.GeoDataFrame) -> None:
        """Make the store hold exactly ``gdf``, in one transaction (upsert by ``event_id``).

        Raises
        ------
        StoreError
            Duplicate ``event_id`` or a database error (nothing is changed).
        """
        frame = normalise_frame(pd.DataFrame(gdf.drop(columns="geometry", errors="ignore")))
        if frame["event_id"].duplicated().any():
            msg = "cannot write incidents with duplicate event_id"
            raise StoreError(msg)
        merged = normalise_frame(pd.DataFrame(merge_reports(frame).drop(columns="geometry")))
        try:
            with self.connect() as conn, conn.transaction():
                counts = _replace_table(conn, TABLE, frame)
                merged_counts = _replace_table(conn, MERGED_TABLE, merged)
                if any(counts) or any(merged_counts):  # fresh statistics for the app's next queries
                    conn.execute(sql.SQL("ANALYZE {}, {}").format(sql.Identifier(TABLE), sql.Identifier(MERGED_TABLE)))
                first = not conn.execute("SELECT EXISTS (SELECT 1 FROM store_writes)").fetchone()[0]
                if first or any(counts):
                    conn.execute(
                        "INSERT INTO store_writes (inserted, updated, deleted, total) VALUES (%s, %s, %s, %s)",
                        (*counts, len(frame)),
                    )
        except psycopg.Error as exc:
            msg = f"cannot write the incident store {redact(self.url)}: {str(exc).strip()}"
            raise StoreError(msg) from exc
        logger.info("wrote %d incidents to %s (%d inserted, %d updated, %d deleted)", len(frame), self, *counts)


def _replace_table(conn: psycopg.Connection, table: str, frame: pd.DataFrame) -> tuple[int, int, int]:
    """Upsert ``frame`` into ``table`` and delete the other rows; ``(inserted, updated, deleted)``."""
    cols = sql.SQL(", ").join(sql.Identifier(c) for c in COLUMNS)
    target = sql.Identifier(table)
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS fim_staging (LIKE incidents INCLUDING DEFAULTS) ON COMMIT DROP")
    conn.execute("TRUNCATE fim_staging")
    copy_sql = sql.SQL("COPY fim_staging ({}) FROM STDIN WITH (FORMAT csv, FORCE_NOT_NULL ({}))").format(
        cols, sql.SQL(", ").join(sql.Identifier(c) for c in TEXT_COLUMNS)
    )
    with conn.cursor() as cur:
        with cur.copy(copy_sql) as copy:
            data = _csv_frame(frame)
            for start in range(0, len(data), 1 << 20):
                copy.write(data[start : start + (1 << 20)])
        cur.execute("ANALYZE fim_staging")
        others = [c for c in COLUMNS if c != "event_id"]
        upsert = sql.SQL(
            "INSERT INTO {t} ({cols}, geom) SELECT {cols}, " + _GEOM + " FROM fim_staging "
            "ON CONFLICT (event_id) DO UPDATE SET {sets}, geom = EXCLUDED.geom "
            "WHERE ({old}) IS DISTINCT FROM ({new}) "
            "RETURNING (xmax = 0) AS inserted"
        ).format(
            t=target,
            cols=cols,
            sets=sql.SQL(", ").join(sql.SQL("{0} = EXCLUDED.{0}").format(sql.Identifier(c)) for c in others),
            old=sql.SQL(", ").join(sql.SQL("{}.{}").format(target, sql.Identifier(c)) for c in others),
            new=sql.SQL(", ").join(sql.SQL("EXCLUDED.{}").format(sql.Identifier(c)) for c in others),
        )
        cur.execute(upsert)
        flags = [row[0] for row in cur.fetchall()]
        inserted = sum(1 for f in flags if f)
        updated = len(flags) - inserted
        cur.execute(
            sql.SQL(
                "DELETE FROM {t} AS i WHERE NOT EXISTS (SELECT 1 FROM fim_staging AS s WHERE s.event_id = i.event_id)"
            ).format(t=target)
        )
        deleted = cur.rowcount
    return inserted, updated, deleted


def read_query(conn: psycopg.Connection, query: sql.Composable, params: Any = None) -> gpd.GeoDataFrame:
    """Run a ``SELECT`` of incident rows and return them in the schema of :mod:`geo.incidents`.

    The rows travel as CSV (``COPY ... TO STDOUT``), which is several times
    faster than fetching tuples at 100,000 rows. Columns the query lacks
    are added empty.
    """
    with conn.cursor() as cur:
        inner = sql.SQL(query.as_string(conn)) if params is None else sql.SQL(cur.mogrify(query, params))
        buf = io.BytesIO()
        with cur.copy(sql.SQL("COPY ({}) TO STDOUT WITH (FORMAT csv, HEADER)").format(inner)) as copy:
            for block in copy:
                buf.write(block)
    buf.seek(0)
    if not buf.getbuffer().nbytes:
        return normalise_frame(pd.DataFrame(columns=list(COLUMNS)))
    numeric = [*_INT_COLUMNS, *_FLOAT_COLUMNS]
    frame = pd.read_csv(
        buf,
        dtype=dict.fromkeys(TEXT_COLUMNS, str),
        keep_default_na=False,
        na_values={c: [""] for c in numeric},
        usecols=lambda c: c in COLUMNS,
    )
    return normalise_frame(frame)
