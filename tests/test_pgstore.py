"""The PostGIS store against a real PostgreSQL + PostGIS server (see tests/pgfixtures.py)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pandas as pd
import psycopg
import pytest

from geo import cli
from geo.errors import StoreError
from geo.incidents import merge_reports
from geo.pgstore import PostGISStore, describe, migrations, open_store
from geo.store import GeoPackageStore
from geo.synth import synthesize
from tests.conftest import ROOT
from tests.pgfixtures import drop_database, new_database


def _plain(gdf) -> pd.DataFrame:
    """Comparable form: no geometry object, rows by event_id."""
    frame = pd.DataFrame(gdf.drop(columns="geometry"))
    return frame.sort_values("event_id", kind="stable").reset_index(drop=True)


def _one(url: str, query: str, params=None):
    with psycopg.connect(url) as conn:
        return conn.execute(query, params).fetchone()[0]


def test_open_store_chooses_the_backend_by_url(tmp_path):
    assert isinstance(open_store("postgresql://u@h:1/d"), PostGISStore)
    assert isinstance(open_store("postgres://u@h:1/d"), PostGISStore)
    assert isinstance(open_store(tmp_path / "x.gpkg"), GeoPackageStore)
    assert describe(open_store("postgresql://u:pw@h:1/d")) == "postgresql://u:***@h:1/d"


def test_store_url_from_the_environment(monkeypatch):
    monkeypatch.setenv("FIM_STORE_URL", "postgresql://u@h:1/d")
    assert isinstance(open_store(None), PostGISStore)
    monkeypatch.setenv("FIM_STORE_URL", "")
    assert isinstance(open_store(None), GeoPackageStore)


def test_unreachable_server_is_a_store_error():
    store = PostGISStore("postgresql://nobody@127.0.0.1:9/none", connect_timeout=2)
    with pytest.raises(StoreError, match="cannot connect"):
        store.exists()


def test_migrations_apply_once_in_order(pg_server):
    url = new_database(pg_server, template="template0")  # a database without the schema
    try:
        store = PostGISStore(url)
        assert not store.exists()  # connecting applied the migrations
        with psycopg.connect(url) as conn:
            versions = [
                r[0] for r in conn.execute("SELECT version FROM schema_migrations ORDER BY applied_at, version")
            ]
            indexes = {
                r[0]: r[1]
                for r in conn.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'incidents'")
            }
            geom_type = conn.execute(
                "SELECT type, srid FROM geometry_columns"
                " WHERE f_table_name = 'incidents' AND f_geometry_column = 'geom'"
            ).fetchone()
        assert versions == [v for v, _ in migrations()]
        assert versions == sorted(versions) and len(versions) >= 3
        assert geom_type == ("POINT", 4326)
        assert "USING gist (geom)" in indexes["incidents_geom_gist"]
        assert "gin_trgm_ops" in indexes["incidents_text_trgm"]
        for name in ("incidents_event_date", "incidents_actor1", "incidents_actor2", "incidents_event_type"):
            assert "USING btree" in indexes[name]
        again = PostGISStore(url)
        again.exists()  # a second connect applies nothing
        assert _one(url, "SELECT count(*) FROM schema_migrations") == len(versions)
    finally:
        drop_database(pg_server, url)


def test_write_read_round_trip(pg_url):
    store = PostGISStore(pg_url)
    assert not store.exists()
    with pytest.raises(StoreError, match="no incidents"):
        store.read()
    gdf = synthesize(400, seed=3)
    store.write(gdf)
    assert store.exists()
    back = store.read()
    pd.testing.assert_frame_equal(_plain(back), _plain(gdf))
    assert back.crs.to_epsg() == 4326
    # the geometry column is the point of (longitude, latitude)
    same = _one(pg_url, "SELECT bool_and(ST_X(geom) = longitude AND ST_Y(geom) = latitude) FROM incidents")
    assert same is True
    pd.testing.assert_frame_equal(_plain(store.read(merged=True)), _plain(merge_reports(gdf)))


def test_upsert_touches_only_changed_rows(pg_url):
    store = PostGISStore(pg_url)
    gdf = synthesize(50, seed=4)
    store.write(gdf)
    with psycopg.connect(pg_url) as conn:
        before = dict(conn.execute("SELECT event_id, xmin::text FROM incidents").fetchall())
    store.write(gdf)  # the same rows: nothing changes
    changed = gdf.copy()
    changed.loc[0, "fatalities"] = 99
    changed = changed.iloc[:-1]  # one row fewer
    with psycopg.connect(pg_url) as conn:
        assert dict(conn.execute("SELECT event_id, xmin::text FROM incidents").fetchall()) == before
        assert conn.execute("SELECT count(*) FROM store_writes").fetchone()[0] == 1
    version = store.version()
    store.write(changed)
    with psycopg.connect(pg_url) as conn:
        after = dict(conn.execute("SELECT event_id, xmin::text FROM incidents").fetchall())
        last = conn.execute("SELECT inserted, updated, deleted, total FROM store_writes ORDER BY id DESC").fetchone()
    assert last == (0, 1, 1, 49)
    assert store.version() > version
    touched = {k for k in after if after[k] != before[k]}
    assert touched == {gdf.loc[0, "event_id"]}
    assert gdf.iloc[-1]["event_id"] not in after


def test_duplicate_event_ids_are_refused(pg_url):
    gdf = synthesize(5, seed=5)
    dup = pd.concat([gdf, gdf.iloc[:1]], ignore_index=True)
    with pytest.raises(StoreError, match="duplicate"):
        PostGISStore(pg_url).write(dup)


def test_cli_build_stores_exactly_what_the_geopackage_build_stores(pg_url, tmp_path, capsys):
    paths = [str(ROOT / "seeds"), str(ROOT / "tests" / "devset" / "articles")]
    gpkg = tmp_path / "incidents.gpkg"
    assert cli.main(["build", *paths, "--store", str(gpkg)]) == 0
    assert cli.main(["build", *paths, "--store", pg_url]) == 0
    out = capsys.readouterr().out
    assert f"store: {pg_url}" in out
    expected = _plain(GeoPackageStore(gpkg).read())
    assert len(expected) > 20
    pd.testing.assert_frame_equal(_plain(PostGISStore(pg_url).read()), expected)
    with psycopg.connect(pg_url) as conn:
        xmins = conn.execute("SELECT event_id, xmin::text FROM incidents ORDER BY event_id").fetchall()
    # a rerun changes nothing: same rows, same row versions, no new write recorded
    assert cli.main(["build", *paths, "--store", pg_url]) == 0
    with psycopg.connect(pg_url) as conn:
        assert conn.execute("SELECT event_id, xmin::text FROM incidents ORDER BY event_id").fetchall() == xmins
        assert conn.execute("SELECT count(*) FROM store_writes").fetchone()[0] == 1
    # an ingest goes through the same store code: the same records as in the GeoPackage
    acled = str(ROOT / "tests" / "data" / "ingest" / "acled_current.csv")
    rejects = str(tmp_path / "rejects.csv")
    for store in (str(gpkg), pg_url):
        # the sample file has rows to reject: stored, with a reject report (exit status 3)
        assert cli.main(["ingest", acled, "--store", store, "--rejects", rejects]) == cli.EXIT_PARTIAL
    expected = _plain(GeoPackageStore(gpkg).read())
    assert len(expected) > len(xmins)
    pd.testing.assert_frame_equal(_plain(PostGISStore(pg_url).read()), expected)


_WRITER = """
import sys
from geo.pgstore import PostGISStore
from geo.synth import synthesize
gdf = synthesize(int(sys.argv[2]), seed=9)
print("writing", flush=True)
PostGISStore(sys.argv[1]).write(gdf)
print("committed", flush=True)
"""


def _writer_backend(url: str, exclude: int) -> int | None:
    """The backend of another session holding a write lock on incidents (mid-transaction)."""
    with psycopg.connect(url, autocommit=True) as conn:
        row = conn.execute(
            "SELECT l.pid FROM pg_locks l JOIN pg_class c ON c.oid = l.relation "
            "WHERE c.relname = 'incidents' AND l.mode = 'RowExclusiveLock' AND l.granted AND l.pid <> %s",
            (exclude,),
        ).fetchone()
    return None if row is None else int(row[0])


def test_killed_write_leaves_the_old_data(pg_url):
    store = PostGISStore(pg_url)
    old = synthesize(300, seed=1)
    store.write(old)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-c", _WRITER, pg_url, "60000"], cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True
    )
    backend = None
    try:
        deadline = time.monotonic() + 60
        while backend is None and time.monotonic() < deadline and proc.poll() is None:
            backend = _writer_backend(pg_url, exclude=-1)
            time.sleep(0.02)
        assert backend is not None, "the writer never reached its transaction"
        os.kill(proc.pid, signal.SIGKILL)  # midway through the transaction
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert "committed" not in proc.stdout.read()
    # the server rolls the transaction back once it notices the client is gone
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if _one(pg_url, "SELECT count(*) FROM pg_stat_activity WHERE pid = %s", (backend,)) == 0:
            break
        time.sleep(0.1)
    else:
        pytest.fail("the killed writer's backend is still there")
    pd.testing.assert_frame_equal(_plain(store.read()), _plain(old))
    assert _one(pg_url, "SELECT count(*) FROM store_writes") == 1
    store.write(old.iloc[:10])  # and the store is writable again
    assert len(store.read()) == 10
