"""The Streamlit page over a PostGIS store (FIM_STORE_URL) shows what it shows over a GeoPackage."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from geo import settings
from geo.appdata import sql_view
from geo.filters import IncidentFilter
from geo.pgstore import PostGISStore
from geo.synth import synthesize
from tests.apptest import run_app


def _run(monkeypatch, *, url: str | None, store_path=None, params=None) -> AppTest:
    if url is None:
        monkeypatch.delenv("FIM_STORE_URL", raising=False)
        monkeypatch.setattr(settings, "STORE_PATH", store_path)
    else:
        monkeypatch.setenv("FIM_STORE_URL", url)
    return run_app(params=params)


def _metrics(at: AppTest) -> list[tuple[str, str]]:
    return [(m.label, m.value) for m in at.metric]


def _table_ids(at: AppTest) -> set[str]:
    return set(next(df.value for df in at.dataframe if "event_id" in df.value.columns)["event_id"])


@pytest.mark.parametrize(
    "params",
    [{}, {"type": ["Battles"], "min_fat": "1"}, {"q": "Kurram", "choro": "Districts", "measure": "fatalities"}],
)
def test_same_page_as_over_the_geopackage(sample_store, pg_url, monkeypatch, params):
    PostGISStore(pg_url).write(sample_store.read())
    over_gpkg = _run(monkeypatch, url=None, store_path=sample_store.path, params=params)
    over_pg = _run(monkeypatch, url=pg_url, params=params)
    assert _metrics(over_pg) == _metrics(over_gpkg)
    assert _table_ids(over_pg) == _table_ids(over_gpkg)
    assert "PostGIS" in over_pg.caption[-1].value


def test_large_filtered_sets_are_aggregated_on_the_server(pg_url):
    store = PostGISStore(pg_url)
    store.write(synthesize(1200, seed=11))
    with store.connect() as conn:
        small = sql_view(conn, IncidentFilter(), point_limit=5000)
        big = sql_view(conn, IncidentFilter(), point_limit=100, cell_deg=0.5)
    assert small.cells is None and len(small.points) == small.figures["located"]
    assert big.points is None and int(big.cells["incidents"].sum()) == big.figures["located"]
    assert len(big.table) == 500
