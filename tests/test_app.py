"""Headless tests of the real Streamlit script with AppTest (no browser)."""

from __future__ import annotations

import datetime as dt
import json
from typing import ClassVar

import geopandas as gpd
import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1 import app_test as app_test_module

import geo.synth
from geo import settings
from geo.store import GeoPackageStore
from tests.apptest import run_app
from tests.conftest import XSS

TTP = "TTP: Tehreek-e-Taliban Pakistan"
PAK = "Military Forces of Pakistan"


class _RecordingManager(MediaFileManager):
    """Keeps a handle on AppTest's media file manager (deferred download payloads)."""

    instances: ClassVar[list[MediaFileManager]] = []

    def __init__(self, storage) -> None:
        super().__init__(storage)
        self.storage = storage
        self.instances.append(self)


def _new_app(monkeypatch, store_path, *, params: dict | None = None, synthetic=None) -> AppTest:
    monkeypatch.setattr(settings, "STORE_PATH", store_path)
    monkeypatch.setattr(geo.synth, "DEFAULT_PATH", synthetic or store_path.parent / "no-synthetic.gpkg")
    monkeypatch.setattr(app_test_module, "MediaFileManager", _RecordingManager)
    return run_app(params=params)


@pytest.fixture
def app(sample_store, monkeypatch) -> AppTest:
    return _new_app(monkeypatch, sample_store.path)


def _table(at: AppTest):
    return next(df.value for df in at.dataframe if "event_id" in df.value.columns)


def _download(at: AppTest, key: str) -> bytes:
    """The payload of a (deferred) download button, generated as a click would."""
    button = next(b for b in at.get("download_button") if b.proto.id.endswith(key))
    mgr = _RecordingManager.instances[-1]
    url = mgr.execute_deferred(button.proto.deferred_file_id) if button.proto.deferred_file_id else button.proto.url
    return mgr.storage.get_file(url.rsplit("/", 1)[-1]).content


def test_page_renders_all_incidents(app):
    assert app.title[0].value == "Frontier Incident Map"
    assert len(_table(app)) == 6
    assert app.metric[0].value == "6"
    assert app.metric[0].label == "Incidents (of 6)"
    assert app.metric[1].value == "67"  # 10 + 46 + 11 + 0, unknown counted as 0
    assert not app.warning  # real data: no synthetic banner
    assert dict(app.query_params) == {}  # nothing set, nothing in the URL


def test_actor_filter_changes_table_and_url(app):
    app.multiselect(key="actor").set_value([TTP]).run()
    table = _table(app)
    assert len(table) == 3
    assert all(TTP in (a1, a2) for a1, a2 in zip(table["actor1"], table["actor2"], strict=True))
    assert (app.metric[0].label, app.metric[0].value) == ("Incidents (of 6)", "3")
    # widgets are bound to the URL (bind="query-params"); the browser tests check the address bar


def test_date_filter_changes_table_and_url(app):
    app.date_input(key="dates").set_value((dt.date(2024, 12, 1), dt.date(2025, 1, 31))).run()
    assert sorted(_table(app)["event_date"]) == ["2024-12-24", "2025-01-02"]


def test_text_and_fatalities_filters(app):
    app.number_input(key="min_fat").set_value(11).run()
    assert sorted(_table(app)["fatalities"].tolist()) == [11, 46]
    app.number_input(key="min_fat").set_value(0).run()
    app.text_input(key="q").input("mortar").run()
    assert list(_table(app)["location"]) == ["Khost"]


def test_type_place_and_precision_filters(app):
    app.multiselect(key="type").set_value(["Explosions/Remote violence"]).run()
    assert set(app.multiselect(key="subtype").options) == {
        "Air/drone strike",
        "Shelling/artillery/missile attack",
    }
    app.multiselect(key="subtype").set_value(["Air/drone strike"]).run()
    assert sorted(_table(app)["location"]) == ["Kabul", "Paktika"]
    app.multiselect(key="country").set_value(["AF"]).run()
    app.multiselect(key="province").set_value(["Kabul"]).run()
    assert list(_table(app)["location"]) == ["Kabul"]
    app.multiselect(key="precision").set_value(["3"]).run()
    assert len(_table(app)) == 0
    assert (app.metric[0].label, app.metric[0].value) == ("Incidents (of 6)", "0")


def test_url_state_restores_the_view(sample_store, monkeypatch):
    at = _new_app(
        monkeypatch,
        sample_store.path,
        params={
            "actor": [TTP, PAK],
            "dates": ["2025-01-01", "2025-10-09"],
            "min_fat": "1",
            "choro": "Provinces",
            "heat": "true",
        },
    )
    assert at.multiselect(key="actor").value == [TTP, PAK]
    assert at.date_input(key="dates").value[0] == dt.date(2025, 1, 1)
    assert at.number_input(key="min_fat").value == 1
    assert at.radio(key="choro").value == "Provinces"
    assert at.checkbox(key="heat").value is True
    assert sorted(_table(at)["event_date"]) == ["2025-10-01"]
    # the URL keeps the state it was opened with
    assert at.query_params["actor"] == [TTP, PAK] and at.query_params["choro"] == "Provinces"


def test_bad_url_values_are_ignored(sample_store, monkeypatch):
    at = _new_app(
        monkeypatch,
        sample_store.path,
        params={"actor": "Nobody", "dates": "yesterday", "min_fat": "-4", "choro": "<script>", "precision": "x"},
    )
    assert len(_table(at)) == 6
    assert at.radio(key="choro").value == "Off"


def test_map_layers_switch_without_errors(app):
    for level in ("Districts", "Provinces"):
        app.radio(key="choro").set_value(level).run()
        assert not app.exception
    app.radio(key="measure").set_value("fatalities").run()
    app.checkbox(key="heat").check().run()
    app.radio(key="freq").set_value("week").run()
    assert not app.exception


def test_downloads_are_exactly_the_filtered_set(app, tmp_path):
    app.multiselect(key="actor").set_value([TTP]).run()
    shown = set(_table(app)["event_id"])
    fc = json.loads(_download(app, "download_geojson"))
    assert fc["type"] == "FeatureCollection" and "crs" not in fc
    assert {f["properties"]["event_id"] for f in fc["features"]} == shown
    for f in fc["features"]:
        if f["geometry"] is not None:
            lon, lat = f["geometry"]["coordinates"]
            assert 60 < lon < 78 and 23 < lat < 39  # RFC 7946 order: [lon, lat]
    csv_text = _download(app, "download_csv").decode()
    assert csv_text.startswith("event_id,event_date,time_precision,event_type,sub_event_type,actor1")
    assert len(csv_text.strip().splitlines()) == len(shown) + 1
    path = tmp_path / "download.gpkg"
    path.write_bytes(_download(app, "download_gpkg"))
    gpkg = gpd.read_file(path, layer="incidents")
    assert set(gpkg["event_id"]) == shown


def test_timeline_and_actor_breakdown(app):
    actors = next(df.value for df in app.dataframe if "as_actor1" in df.value.columns)
    top = actors.iloc[0]
    assert top["actor"] == PAK and top["incidents"] == 5
    assert app.radio(key="freq").value == "month"


def test_hostile_text_is_data_in_the_table(app):
    table = _table(app)
    assert XSS in set(table["evidence"])  # shown as text by the grid, never as HTML


def test_synthetic_dataset_is_selectable_and_marked(sample_store, tmp_path, monkeypatch):
    synth_path = tmp_path / "synthetic.gpkg"
    synthetic = geo.synth.synthesize(700, seed=3)
    GeoPackageStore(synth_path).write(synthetic)
    at = _new_app(monkeypatch, sample_store.path, synthetic=synth_path)
    assert at.selectbox(key="data").options == ["Incident store (from articles)", "SYNTHETIC demo data"]
    at.selectbox(key="data").set_value("synthetic").run()
    assert not at.exception
    assert "SYNTHETIC" in at.warning[0].value
    assert (at.metric[0].label, at.metric[0].value) == ("Incidents (of 700)", "700")
    table = _table(at)
    assert set(table["source"]) == {"synthetic"}
    # the table holds the newest 500 rows and says so; the download holds all 700
    assert len(table) == 500
    assert min(table["event_date"]) >= sorted(synthetic["event_date"], reverse=True)[499]
    assert any("newest 500 of 700 rows" in c.value for c in at.caption)
    assert len(json.loads(_download(at, "download_geojson"))["features"]) == 700


def test_missing_store_shows_a_clear_error(tmp_path, monkeypatch):
    bad = tmp_path / "broken.gpkg"
    bad.write_text("not a geopackage")
    monkeypatch.setattr(settings, "STORE_PATH", bad)
    monkeypatch.setattr(geo.synth, "DEFAULT_PATH", tmp_path / "none.gpkg")
    at = run_app()
    assert "Cannot load incidents" in at.error[0].value


def _link_warnings(at: AppTest) -> list[str]:
    return [w.value for w in at.warning if w.value.startswith("Shared link: ")]


def test_link_with_an_unknown_actor_keeps_the_rest_and_says_so(sample_store, monkeypatch):
    at = _new_app(monkeypatch, sample_store.path, params={"actor": ["Nobody", TTP], "min_fat": "11"})
    assert at.multiselect(key="actor").value == [TTP]
    assert at.number_input(key="min_fat").value == 11
    assert sorted(_table(at)["fatalities"].tolist()) == [11]  # TTP and >= 11: the valid parts apply
    assert _link_warnings(at) == ["Shared link: actor 'Nobody': not in the data; ignored"]
    assert at.query_params["actor"] == TTP and at.query_params["min_fat"] == "11"  # the URL keeps the valid parts


def test_link_with_an_impossible_date_keeps_the_valid_end(sample_store, monkeypatch):
    at = _new_app(monkeypatch, sample_store.path, params={"dates": ["2024-99-99", "2025-01-31"]})
    assert at.date_input(key="dates").value == (dt.date(2024, 10, 15), dt.date(2025, 1, 31))
    assert sorted(_table(at)["event_date"]) == ["2024-10-15", "2024-12-24", "2025-01-02"]
    warnings = _link_warnings(at)
    assert len(warnings) == 1 and "2024\\-99\\-99" in warnings[0] and "not a date" in warnings[0]
    assert at.query_params["dates"] == ["2024-10-15", "2025-01-31"]


def test_link_with_a_bad_minimum_fatalities_says_so(sample_store, monkeypatch):
    at = _new_app(monkeypatch, sample_store.path, params={"min_fat": "abc", "actor": TTP})
    assert at.number_input(key="min_fat").value == 0
    assert len(_table(at)) == 3  # the actor still applies
    assert _link_warnings(at) == ["Shared link: min\\_fat 'abc': not a whole number \\>= 0; ignored"]


def test_link_with_reversed_dates_is_swapped_and_says_so(sample_store, monkeypatch):
    at = _new_app(monkeypatch, sample_store.path, params={"dates": ["2025-01-31", "2024-12-01"]})
    assert at.date_input(key="dates").value == (dt.date(2024, 12, 1), dt.date(2025, 1, 31))
    assert sorted(_table(at)["event_date"]) == ["2024-12-24", "2025-01-02"]
    assert len(_link_warnings(at)) == 1 and "reversed; swapped" in _link_warnings(at)[0]
    assert at.query_params["dates"] == ["2024-12-01", "2025-01-31"]


def test_valid_link_shows_no_warning_and_warnings_stay_text(sample_store, monkeypatch):
    at = _new_app(monkeypatch, sample_store.path, params={"actor": TTP, "dates": ["2024-12-01", "2025-01-31"]})
    assert _link_warnings(at) == []
    hostile = _new_app(monkeypatch, sample_store.path, params={"actor": "[x](javascript:alert(1)) **b**"})
    (warning,) = _link_warnings(hostile)
    assert "\\[x\\]\\(javascript:alert\\(1\\)\\) \\*\\*b\\*\\*" in warning
    assert len(_table(hostile)) == 6


def test_blank_actor1_shows_as_unidentified_in_the_table(sample_gdf, tmp_path, monkeypatch):
    gdf = sample_gdf.copy()
    gdf.loc[gdf["location"] == "Khost", "actor1"] = ""
    store = GeoPackageStore(tmp_path / "incidents.gpkg")
    store.write(gdf)
    at = _new_app(monkeypatch, store.path)
    table = _table(at)
    assert list(table.loc[table["location"] == "Khost", "actor1"]) == ["Unidentified"]
    csv_text = _download(at, "download_csv").decode()
    assert "Unidentified" not in csv_text  # the data stays blank
