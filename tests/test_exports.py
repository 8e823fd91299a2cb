"""Exports round-trip (GeoJSON, CSV, GeoPackage, GeoParquet); interrupted writes keep the old store."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
from geopandas.testing import assert_geodataframe_equal
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo import settings as geo_settings
from geo.incidents import EVENT_TYPES, Incident, incidents_to_gdf
from geo.store import (
    GeoPackageStore,
    merge_incidents,
    read_incidents_file,
    to_csv_bytes,
    to_geojson_bytes,
    to_gpkg_bytes,
    to_parquet_bytes,
)

EXPORTS = {
    "incidents.geojson": to_geojson_bytes,
    "incidents.csv": to_csv_bytes,
    "incidents.gpkg": to_gpkg_bytes,
    "incidents.parquet": to_parquet_bytes,
}


@pytest.mark.parametrize("name", sorted(EXPORTS))
def test_every_export_round_trips(tmp_path, sample_gdf, name):
    path = tmp_path / name
    path.write_bytes(EXPORTS[name](sample_gdf))
    assert_geodataframe_equal(read_incidents_file(path), sample_gdf)


_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=60)
_pairs = [(t, s) for t, subs in EVENT_TYPES.items() for s in subs]


@st.composite
def incidents(draw) -> Incident:
    et, sub = draw(st.sampled_from(_pairs))
    located = draw(st.booleans())
    start = draw(st.integers(0, 10_000))
    return Incident(
        event_date=draw(st.dates(min_value=__import__("datetime").date(1990, 1, 1))).isoformat(),
        time_precision=draw(st.integers(1, 4)),
        event_type=et,
        sub_event_type=sub,
        doc_id=draw(st.from_regex(r"[a-z0-9_]{1,12}", fullmatch=True)),
        evidence=draw(_text),
        char_start=start,
        char_end=start + draw(st.integers(0, 500)),
        actor1=draw(_text),
        actor2=draw(_text),
        notes=draw(_text),
        latitude=draw(st.floats(23.5, 38.5)) if located else None,
        longitude=draw(st.floats(60.5, 77.5)) if located else None,
        geo_precision=draw(st.integers(1, 3)) if located else None,
        fatalities=draw(st.none() | st.integers(0, 10_000)),
        confidence=draw(st.floats(0, 1)),
    )


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(incidents(), min_size=0, max_size=8, unique_by=lambda i: i.event_id))
def test_store_round_trip_property(tmp_path_factory, items):
    gdf = incidents_to_gdf(items)
    store = GeoPackageStore(tmp_path_factory.mktemp("p") / "s.gpkg")
    store.write(gdf)
    assert_geodataframe_equal(store.read(), gdf, check_less_precise=False)
    path = tmp_path_factory.mktemp("q") / "x.geojson"
    path.write_bytes(to_geojson_bytes(gdf))
    if len(gdf):
        assert_geodataframe_equal(read_incidents_file(path), gdf, check_less_precise=True)


def test_merge_is_idempotent(sample_gdf):
    once = merge_incidents(sample_gdf, sample_gdf)
    assert len(once) == len(sample_gdf)
    assert_geodataframe_equal(merge_incidents(once, sample_gdf), once)


KILL_SCRIPT = """
import sys
from geo.incidents import incidents_to_gdf
from geo.store import GeoPackageStore
from tests.conftest import make_incidents
big = incidents_to_gdf(make_incidents() * 1)
import pandas as pd, geopandas as gpd
rows = pd.concat([big] * 20000, ignore_index=True)
rows["event_id"] = [f"FIM-{i:012d}" for i in range(len(rows))]
print("writing", flush=True)
GeoPackageStore(sys.argv[1]).write(gpd.GeoDataFrame(rows, geometry="geometry", crs=4326))
print("done", flush=True)
"""


def test_killed_write_leaves_the_old_store_intact(tmp_path, sample_store, sample_gdf):
    before = sample_store.path.read_bytes()
    proc = subprocess.Popen(
        [sys.executable, "-c", KILL_SCRIPT, str(sample_store.path)],
        cwd=geo_settings.PROJECT_DIR,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout.readline().strip() == "writing"
    # kill it while GDAL is writing the new file next to the old one
    deadline = time.monotonic() + 60
    while not list(tmp_path.glob(".incidents-*.gpkg*")) and time.monotonic() < deadline:
        time.sleep(0.01)
    assert list(tmp_path.glob(".incidents-*.gpkg*")), "the new file was never started"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL, "the write finished before it could be interrupted"
    assert sample_store.path.read_bytes() == before
    assert_geodataframe_equal(sample_store.read(), sample_gdf)
