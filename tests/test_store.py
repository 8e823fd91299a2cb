from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import time

import geopandas as gpd
import pytest
from geopandas.testing import assert_geodataframe_equal

from geo.atomic import STALE_AFTER_S, remove_orphans
from geo.errors import StoreError
from geo.incidents import ACLED_COLUMNS, COLUMNS
from geo.store import GeoPackageStore, IncidentStore, atomic_path, to_csv_bytes, to_geojson_bytes
from tests.conftest import ROOT


def test_geopackage_roundtrip(sample_store, sample_gdf):
    assert isinstance(sample_store, IncidentStore)
    back = sample_store.read()
    assert_geodataframe_equal(back, sample_gdf, check_like=False)


def test_missing_store_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="python -m geo build"):
        GeoPackageStore(tmp_path / "none.gpkg").read()


def test_failed_write_leaves_the_old_store_intact(sample_store, sample_gdf, monkeypatch):
    before = sample_store.path.read_bytes()

    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(gpd.GeoDataFrame, "to_file", boom)
    with pytest.raises(StoreError, match="disk full"):
        sample_store.write(sample_gdf.iloc[:1])
    assert sample_store.path.read_bytes() == before
    leftovers = [p.name for p in sample_store.path.parent.iterdir() if p.name.startswith(".")]
    assert leftovers == []


def test_atomic_path_replaces_only_on_success(tmp_path):
    target = tmp_path / "f.txt"
    target.write_text("old")
    with pytest.raises(ValueError, match="nope"), atomic_path(target) as tmp:
        tmp.write_text("half")
        raise ValueError("nope")
    assert target.read_text() == "old"
    with atomic_path(target) as tmp:
        tmp.write_text("new")
    assert target.read_text() == "new"


def test_geojson_is_rfc7946(sample_gdf):
    fc = json.loads(to_geojson_bytes(sample_gdf))
    assert fc["type"] == "FeatureCollection"
    assert "crs" not in fc
    assert len(fc["features"]) == len(sample_gdf)
    by_loc = {f["properties"]["location"]: f for f in fc["features"]}
    lon, lat = by_loc["Kabul"]["geometry"]["coordinates"]
    assert (lon, lat) == pytest.approx((69.17233, 34.52813))  # [lon, lat]
    unresolved = [f for f in fc["features"] if f["geometry"] is None]
    assert len(unresolved) == 1
    assert by_loc["Khost"]["properties"]["fatalities"] is None
    for f in fc["features"]:
        assert f["id"] == f["properties"]["event_id"]
        assert set(f["properties"]) == set(COLUMNS)


def test_geojson_reads_back_with_geopandas(sample_gdf, tmp_path):
    path = tmp_path / "x.geojson"
    path.write_bytes(to_geojson_bytes(sample_gdf))
    back = gpd.read_file(path)
    assert len(back) == len(sample_gdf)
    assert sorted(back["event_id"]) == sorted(sample_gdf["event_id"])


def test_csv_has_acled_column_order(sample_gdf):
    rows = list(csv.reader(io.StringIO(to_csv_bytes(sample_gdf).decode())))
    assert tuple(rows[0][: len(ACLED_COLUMNS)]) == ACLED_COLUMNS
    assert len(rows) == len(sample_gdf) + 1


# a real writer in its own process: rewrites the store with a large frame until it is killed
_WRITER = """
import sys
import pandas as pd
from geo.incidents import normalise_frame
from geo.store import GeoPackageStore
store = GeoPackageStore(sys.argv[1])
small = pd.DataFrame(store.read().drop(columns="geometry"))
big = pd.concat([small] * 5000, ignore_index=True)
big["event_id"] = [f"FIM-{i:012x}" for i in range(len(big))]
big = normalise_frame(big)
print("writing", flush=True)
while True:
    store.write(big)
"""

# a live writer: holds an atomic write open until its stdin closes
_HOLDER = """
import sys
from geo.atomic import atomic_path
with atomic_path(sys.argv[1]) as tmp:
    tmp.write_bytes(b"half a store")
    open(str(tmp) + "-journal", "wb").close()
    print("holding", flush=True)
    sys.stdin.read()
"""


def _temp_files(folder):
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def _start(code, *args):
    return subprocess.Popen(
        [sys.executable, "-c", code, *map(str, args)],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )


def test_a_write_killed_midway_leaves_orphans_the_next_open_removes(sample_store, sample_gdf):
    folder = sample_store.path.parent
    proc = _start(_WRITER, sample_store.path)
    try:
        assert proc.stdout.readline().strip() == "writing"
        deadline = time.monotonic() + 60
        # kill it while GDAL is writing: the temporary GeoPackage and its journal or rtree file exist
        while not any(n.endswith(("-journal", ".db")) for n in _temp_files(folder)):
            assert time.monotonic() < deadline, "the writer never got mid-write"
            time.sleep(0.01)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        proc.kill()
        proc.wait()
    orphans = _temp_files(folder)
    assert any(n.endswith(".gpkg") for n in orphans), orphans
    assert any(n.endswith(".lock") for n in orphans), orphans
    assert len(sample_store.read()) == len(sample_gdf)  # the store itself is intact ...
    assert _temp_files(folder) == []  # ... and the next open removed the orphans


def test_a_live_writers_temp_files_are_kept(tmp_path):
    target = tmp_path / "incidents.gpkg"
    proc = _start(_HOLDER, target)
    try:
        assert proc.stdout.readline().strip() == "holding"
        live = _temp_files(tmp_path)
        assert len(live) == 3  # the temporary file, its journal, the lock
        assert remove_orphans(target) == []
        with atomic_path(target) as tmp:  # a concurrent write leaves the other one alone
            tmp.write_bytes(b"other")
        assert _temp_files(tmp_path) == live
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        proc.kill()
        proc.wait()
    assert sorted(p.name for p in remove_orphans(target)) == live
    assert _temp_files(tmp_path) == []
    assert target.read_bytes() == b"other"


def test_old_lockless_temp_files_are_removed_once_stale(tmp_path):
    target = tmp_path / "incidents.gpkg"
    old = [tmp_path / ".incidents-ab12cd34.gpkg", tmp_path / ".incidents-ab12cd34.gpkg.tmp_rtree_incidents.db"]
    for p in old:
        p.write_bytes(b"x")
    other = tmp_path / ".incidents_v2-ab12cd34.gpkg"  # another store's temporary file
    other.write_bytes(b"x")
    assert remove_orphans(target) == []  # fresh: it may be a writer without a lock
    hour_ago = time.time() - 2 * STALE_AFTER_S
    for p in old:
        os.utime(p, (hour_ago, hour_ago))
    assert sorted(remove_orphans(target)) == sorted(old)
    assert other.exists()
