"""Headless tests of the real Streamlit script with AppTest (no browser)."""

from __future__ import annotations

import datetime as dt
import json
from typing import ClassVar

import pytest
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1 import app_test as app_test_module

from geo import settings
from tests.conftest import XSS

TTP = "TTP: Tehreek-e-Taliban Pakistan"


class _RecordingStorage(MemoryMediaFileStorage):
    """Keeps a handle on AppTest's in-memory media storage (download payloads)."""

    instances: ClassVar[list[MemoryMediaFileStorage]] = []

    def __init__(self, endpoint: str) -> None:
        super().__init__(endpoint)
        self.instances.append(self)


@pytest.fixture
def app(sample_store, monkeypatch) -> AppTest:
    monkeypatch.setattr(settings, "STORE_PATH", sample_store.path)
    monkeypatch.setattr(app_test_module, "MemoryMediaFileStorage", _RecordingStorage)
    at = AppTest.from_file(str(settings.PROJECT_DIR / "app.py"), default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    return at


def _table(at: AppTest):
    return at.dataframe[0].value


def _download(at: AppTest, key: str) -> bytes:
    """The payload of a download button, read from AppTest's media storage."""
    button = next(b for b in at.get("download_button") if b.proto.id.endswith(key))
    filename = button.proto.url.rsplit("/", 1)[-1]
    storage = _RecordingStorage.instances[-1]
    return storage.get_file(filename).content


def test_page_renders_all_incidents(app):
    assert app.title[0].value == "Frontier Incident Map"
    assert len(_table(app)) == 6
    assert app.metric[0].value == "6 of 6"


def test_actor_filter_changes_table(app):
    app.multiselect(key="actors").set_value([TTP]).run()
    table = _table(app)
    assert len(table) == 3
    assert all(TTP in (a1, a2) for a1, a2 in zip(table["actor1"], table["actor2"], strict=True))
    assert app.metric[0].value == "3 of 6"


def test_date_filter_changes_table(app):
    app.date_input(key="date_range").set_value((dt.date(2024, 12, 1), dt.date(2025, 1, 31))).run()
    assert sorted(_table(app)["event_date"]) == ["2024-12-24", "2025-01-02"]


def test_text_and_fatalities_filters(app):
    app.number_input(key="min_fatalities").set_value(11).run()
    assert sorted(_table(app)["fatalities"].tolist()) == [11, 46]
    app.number_input(key="min_fatalities").set_value(0).run()
    app.text_input(key="text").input("mortar").run()
    assert list(_table(app)["location"]) == ["Khost"]


def test_downloads_are_exactly_the_filtered_set(app):
    app.multiselect(key="actors").set_value([TTP]).run()
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


def test_hostile_text_is_data_in_the_table(app):
    table = _table(app)
    assert XSS in set(table["evidence"])  # shown as text by the grid, never as HTML


def test_missing_store_shows_a_clear_error(tmp_path, monkeypatch):
    bad = tmp_path / "broken.gpkg"
    bad.write_text("not a geopackage")
    monkeypatch.setattr(settings, "STORE_PATH", bad)
    at = AppTest.from_file(str(settings.PROJECT_DIR / "app.py"), default_timeout=60).run()
    assert not at.exception
    assert "Cannot load incidents" in at.error[0].value
