"""The SQL filters and aggregations give what geo.filters and geo.aggregate give on the same rows."""

from __future__ import annotations

import datetime as dt

import geopandas as gpd
import pandas as pd
import pytest

from geo import aggregate, filters, settings, sqlfilters
from geo.filters import IncidentFilter
from geo.incidents import Incident, incidents_to_gdf, merge_reports
from geo.pgstore import PostGISStore
from geo.synth import synthesize
from tests.pgfixtures import drop_database, new_database


def _edge_cases() -> gpd.GeoDataFrame:
    base = {"doc_id": "edge", "evidence": "x", "source": "edge.txt"}
    rows = [
        Incident("2023-05-01", 1, "Battles", "Armed clash", char_start=0, char_end=0, actor1="Same", actor2="Same",
                 notes="100% sure_of it", latitude=33.0, longitude=70.0, geo_precision=1, fatalities=None, **base),
        Incident("2023-05-02", 1, "Battles", "Armed clash", char_start=1, char_end=1, actor1="  ", actor2="Other",
                 notes="no place", fatalities=4, **base),
        Incident("2023-05-03", 3, "Riots", "Mob violence", char_start=2, char_end=2, actor1="Ünïcode Group",
                 location="Pešāwar", latitude=34.0, longitude=71.5, geo_precision=3, fatalities=0, **base),
        Incident("2004-01-01", 4, "Battles", "Armed clash", char_start=3, char_end=3, actor1="Background",
                 notes="hidden by default", confidence=0.2, **base),
    ]  # fmt: skip
    return incidents_to_gdf(rows)


@pytest.fixture(scope="module")
def data(pg_server):
    gdf = pd.concat([synthesize(3000, seed=7), _edge_cases()], ignore_index=True)
    gdf = incidents_to_gdf(pd.DataFrame(gdf.drop(columns="geometry")).to_dict("records"))
    url = new_database(pg_server)
    store = PostGISStore(url)
    store.write(gdf)
    with store.connect() as conn:
        yield conn, merge_reports(gdf), store
    drop_database(pg_server, url)


def _pick(gdf, column, n):
    values = [v for v in pd.unique(gdf[column]) if isinstance(v, str) and v.strip()]
    return tuple(sorted(values)[:n])


def _filters(gdf) -> list[IncidentFilter]:
    lo = dt.date.fromisoformat(min(gdf["event_date"]))
    return [
        IncidentFilter(),
        IncidentFilter(start=lo + dt.timedelta(days=100), end=lo + dt.timedelta(days=400)),
        IncidentFilter(end=lo + dt.timedelta(days=30)),
        IncidentFilter(actors=(*_pick(gdf, "actor1", 2), "Same", "Other")),
        IncidentFilter(event_types=("Battles", "Riots")),
        IncidentFilter(event_types=("Battles",), sub_event_types=("Armed clash",)),
        IncidentFilter(countries=("AF",)),
        IncidentFilter(admin1=_pick(gdf, "admin1", 2)),
        IncidentFilter(admin2=_pick(gdf, "admin2", 3)),
        IncidentFilter(min_fatalities=3),
        IncidentFilter(geo_precision=(1, 3)),
        IncidentFilter(text="100% sure_"),
        IncidentFilter(text="ünïcode"),
        IncidentFilter(text="waziristan"),
        IncidentFilter(text="SYNTH"),
        IncidentFilter(located_only=True, min_fatalities=1, countries=("PK",)),
        IncidentFilter(start=lo, actors=_pick(gdf, "actor2", 3), geo_precision=(2,), text="a"),
        IncidentFilter(min_confidence=0.5),
        IncidentFilter(min_confidence=0.99, countries=("PK",)),
    ]


def test_filters_select_the_same_incidents(data):
    conn, gdf, _ = data
    for flt in _filters(gdf):
        expected = filters.filter_incidents(gdf, flt)
        got = sqlfilters.filtered(conn, flt)
        assert set(got["event_id"]) == set(expected["event_id"]), flt
        assert sqlfilters.count(conn, flt) == len(expected), flt
    assert len(filters.filter_incidents(gdf, _filters(gdf)[11])) == 1  # LIKE wildcards are literal


def test_map_bounds(data):
    conn, gdf, _ = data
    box = (69.0, 32.0, 71.0, 34.0)
    expected = gdf.cx[box[0] : box[2], box[1] : box[3]]
    got = sqlfilters.filtered(conn, None, bbox=box)
    assert len(expected) > 10
    assert set(got["event_id"]) == set(expected["event_id"])


def test_aggregates_match(data):
    conn, gdf, _ = data
    for flt in _filters(gdf):
        shown = filters.filter_incidents(gdf, flt)
        assert sqlfilters.key_figures(conn, flt) == aggregate.key_figures(shown), flt
        for freq in ("week", "month"):
            pd.testing.assert_frame_equal(
                sqlfilters.timeline(conn, flt, freq=freq), aggregate.timeline(shown, freq=freq), check_dtype=False
            )
        pd.testing.assert_frame_equal(
            sqlfilters.actor_breakdown(conn, flt, top=15), aggregate.actor_breakdown(shown, top=15), check_dtype=False
        )


def test_choropleth_totals_match(data):
    conn, gdf, store = data
    for level in ("admin1", "admin2"):
        polygons = gpd.read_file(settings.BOUNDARIES_DIR / f"{level}.geojson")
        areas = aggregate.assign_areas(gdf, polygons)
        with store.connect() as other:  # assigned once, seen by the next connections
            sqlfilters.load_areas(other, level, polygons)
            sqlfilters.assign_areas(other, level)
        assert conn.execute("SELECT count(*) FROM area_assignments WHERE level = %s", (level,)).fetchone()[0] == 1
        for flt in _filters(gdf)[:6]:
            shown = filters.filter_incidents(gdf, flt)
            for measure in ("incidents", "fatalities"):
                expected = aggregate.totals_by_area(shown, areas, measure=measure)
                got = sqlfilters.totals_by_area(conn, flt, level, measure=measure)
                assert got.to_dict() == expected.to_dict(), (level, flt, measure)


def test_options_match(data):
    conn, gdf, _ = data
    opts = sqlfilters.options(conn, min_confidence=0.5)
    assert opts.actors == filters.actor_options(gdf)
    # the date widget's span while low-confidence records are hidden, and with the switch on
    assert opts.date_bounds_at(0.5) == filters.date_bounds(gdf, min_confidence=0.5)
    assert opts.date_bounds_at(0.0) == filters.date_bounds(gdf)
    assert opts.date_bounds_at(0.5)[0] > opts.date_bounds_at(0.0)[0] == dt.date(2004, 1, 1)
    assert opts.event_types == filters.event_type_options(gdf)
    assert opts.countries == filters.country_options(gdf)
    assert opts.geo_precision == filters.geo_precision_options(gdf)
    assert opts.date_bounds == filters.date_bounds(gdf)
    assert opts.total == len(gdf)
    assert sqlfilters.child_options(conn, "sub_event_type", "event_type", ("Battles",)) == (
        filters.sub_event_type_options(gdf, ["Battles"])
    )
    assert sqlfilters.child_options(conn, "admin1", "country_code", ("AF",)) == filters.admin1_options(gdf, ["AF"])
    assert sqlfilters.child_options(conn, "admin2", "admin1", ()) == filters.admin2_options(gdf)


def test_map_cells_aggregate_every_located_incident(data):
    conn, gdf, _ = data
    flt = IncidentFilter(countries=("PK",))
    shown = filters.filter_incidents(gdf, flt)
    cells = sqlfilters.map_cells(conn, flt, cell_deg=0.5)
    located = shown[shown.geometry.notna()]
    assert cells["incidents"].sum() == len(located)
    assert cells["fatalities"].sum() == int(pd.to_numeric(located["fatalities"]).fillna(0).sum())
    assert 1 < len(cells) < len(located)
