"""The incident decision in the app: low-confidence records are hidden by default, a sidebar switch shows them."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

import geo.synth
from geo import settings
from geo.incidents import incidents_to_gdf
from geo.store import GeoPackageStore
from tests.apptest import run_app
from tests.conftest import make_incidents


@pytest.fixture
def store(tmp_path, monkeypatch) -> GeoPackageStore:
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
    return store


@pytest.fixture
def app(store: GeoPackageStore) -> AppTest:
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


def test_the_date_widget_spans_the_records_shown(app: AppTest) -> None:
    """Hidden background dated 2004 does not stretch the date range back to 2004; the switch does."""
    dates = app.date_input(key="dates")
    assert (dates.min, dates.max) == (dt.date(2024, 10, 15), dt.date(2025, 10, 9))
    app.toggle(key="lowconf").set_value(True).run()
    assert not app.exception, app.exception
    assert app.date_input(key="dates").min == dt.date(2004, 1, 1)
    # a range picked while the background is shown, then the switch turned off again
    app.date_input(key="dates").set_value((dt.date(2004, 1, 1), dt.date(2024, 12, 31))).run()
    assert not app.exception, app.exception
    app.toggle(key="lowconf").set_value(False).run()
    assert not app.exception, app.exception
    assert app.date_input(key="dates").min == dt.date(2024, 10, 15)
    assert "The insurgency in the region began in 2004." not in _evidence(app)


@pytest.mark.parametrize(
    ("lowconf", "kept"),
    [("false", ["2024-10-15", "2024-12-31"]), ("true", ["2004-01-01", "2024-12-31"])],
)
def test_a_link_s_dates_are_checked_at_its_own_switch(store: GeoPackageStore, lowconf: str, kept: list[str]) -> None:
    """A shared link from before the first shown record starts at it, unless the link shows the background."""
    at = run_app(params={"dates": ["2004-01-01", "2024-12-31"], "lowconf": lowconf})
    assert at.query_params["dates"] == kept
    dates = at.date_input(key="dates")
    assert dates.value == tuple(dt.date.fromisoformat(d) for d in kept)
