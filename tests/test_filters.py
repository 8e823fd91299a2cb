from __future__ import annotations

import datetime as dt

from geo.filters import (
    IncidentFilter,
    actor_options,
    admin1_options,
    date_bounds,
    event_type_options,
    filter_incidents,
)

TTP = "TTP: Tehreek-e-Taliban Pakistan"
PAK = "Military Forces of Pakistan"


def test_no_filter_keeps_everything(sample_gdf):
    assert len(filter_incidents(sample_gdf, None)) == len(sample_gdf)
    assert len(filter_incidents(sample_gdf, IncidentFilter())) == len(sample_gdf)


def test_date_range_is_inclusive(sample_gdf):
    out = filter_incidents(sample_gdf, IncidentFilter(start=dt.date(2024, 12, 24), end=dt.date(2025, 1, 2)))
    assert sorted(out["event_date"]) == ["2024-12-24", "2025-01-02"]


def test_actor_matches_either_side(sample_gdf):
    out = filter_incidents(sample_gdf, IncidentFilter(actors=(TTP,)))
    # TTP as actor1 twice, as actor2 once (the Kabul strike)
    assert len(out) == 3
    assert set(out["location"]) >= {"Kabul", "Dera Ismail Khan"}


def test_combined_filters(sample_gdf):
    flt = IncidentFilter(actors=(PAK,), event_types=("Explosions/Remote violence",), min_fatalities=1)
    out = filter_incidents(sample_gdf, flt)
    assert list(out["location"]) == ["Paktika"]


def test_text_search_is_literal_and_case_insensitive(sample_gdf):
    assert len(filter_incidents(sample_gdf, IncidentFilter(text="mortar"))) == 1
    assert len(filter_incidents(sample_gdf, IncidentFilter(text="(1)"))) == 1  # regex chars are literal
    assert len(filter_incidents(sample_gdf, IncidentFilter(text="no such words"))) == 0


def test_province_country_precision_located(sample_gdf):
    assert len(filter_incidents(sample_gdf, IncidentFilter(admin1=("Khost", "Kabul")))) == 2
    assert len(filter_incidents(sample_gdf, IncidentFilter(countries=("PK",)))) == 3
    assert len(filter_incidents(sample_gdf, IncidentFilter(geo_precision=(3,)))) == 3
    assert len(filter_incidents(sample_gdf, IncidentFilter(located_only=True))) == 5


def test_options_and_bounds(sample_gdf):
    assert TTP in actor_options(sample_gdf) and "Civilians (Afghanistan)" in actor_options(sample_gdf)
    assert "" not in actor_options(sample_gdf)
    assert event_type_options(sample_gdf) == ["Battles", "Explosions/Remote violence", "Violence against civilians"]
    assert "Khost" in admin1_options(sample_gdf)
    assert date_bounds(sample_gdf) == (dt.date(2024, 10, 15), dt.date(2025, 10, 9))
    assert date_bounds(sample_gdf.iloc[:0]) is None
