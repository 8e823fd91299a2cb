"""The incident decision in the app: low-confidence records are hidden by default, a sidebar switch shows them."""

from __future__ import annotations

import dataclasses

import pytest
from streamlit.testing.v1 import AppTest

import geo.synth
from geo import settings
from geo.incidents import incidents_to_gdf
from geo.store import GeoPackageStore
from tests.apptest import run_app
from tests.conftest import make_incidents


@pytest.fixture
def app(tmp_path, monkeypatch) -> AppTest:
    incidents = make_incidents()
    background = dataclasses.replace(
        incidents[0],
        evidence="The insurgency in the region began in 2004.",
        event_date="2004-01-01",
        time_precision=4,
        char_start=900,
        char_end=940,
        confidence=0.2,
        reason="background: dated only by a year",
        event_id="",
    )
    store = GeoPackageStore(tmp_path / "incidents.gpkg")
    store.write(incidents_to_gdf([*incidents, background]))
    monkeypatch.setattr(settings, "STORE_PATH", store.path)
    monkeypatch.setattr(geo.synth, "DEFAULT_PATH", tmp_path / "no-synthetic.gpkg")
    return run_app()


def _evidence(at: AppTest) -> list[str]:
    table = next(df.value for df in at.dataframe if "event_id" in df.value.columns)
    return list(table["evidence"])


def test_background_is_hidden_by_default_and_shown_by_the_switch(app: AppTest) -> None:
    assert "The insurgency in the region began in 2004." not in _evidence(app)
    shown = len(_evidence(app))
    app.toggle(key="lowconf").set_value(True).run()
    assert not app.exception, app.exception
    assert "The insurgency in the region began in 2004." in _evidence(app)
    assert len(_evidence(app)) == shown + 1
    table = next(df.value for df in app.dataframe if "event_id" in df.value.columns)
    assert "background: dated only by a year" in set(table["reason"])
