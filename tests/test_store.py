from __future__ import annotations

import csv
import io
import json

import geopandas as gpd
import pytest
from geopandas.testing import assert_geodataframe_equal

from geo.errors import StoreError
from geo.incidents import ACLED_COLUMNS, COLUMNS
from geo.store import GeoPackageStore, IncidentStore, atomic_path, to_csv_bytes, to_geojson_bytes


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
