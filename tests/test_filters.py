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


def test_district_and_dependent_options(sample_gdf):
    from geo.filters import admin2_options, country_options, geo_precision_options, sub_event_type_options

    assert len(filter_incidents(sample_gdf, IncidentFilter(admin2=("Dera Ismail Khan",)))) == 1
    assert admin2_options(sample_gdf, ["Khyber Pakhtunkhwa"]) == ["Dera Ismail Khan"]
    assert admin1_options(sample_gdf, ["PK"]) == ["Balochistan", "Khyber Pakhtunkhwa"]
    assert country_options(sample_gdf) == ["AF", "PK"]
    assert sub_event_type_options(sample_gdf, ["Battles"]) == ["Armed clash"]
    assert geo_precision_options(sample_gdf) == [1, 2, 3]


def test_date_filter_drops_undated_rows(sample_gdf):
    gdf = sample_gdf.copy()
    gdf.loc[gdf.index[0], "event_date"] = ""
    out = filter_incidents(gdf, IncidentFilter(end=dt.date(2030, 1, 1)))
    assert len(out) == len(gdf) - 1


def test_url_params_round_trip():
    from geo.filters import filter_from_params, filter_to_params

    flt = IncidentFilter(
        start=dt.date(2024, 1, 2),
        end=dt.date(2025, 3, 4),
        actors=(TTP, "Name, with comma"),
        event_types=("Battles",),
        sub_event_types=("Armed clash",),
        countries=("PK",),
        admin1=("Khyber Pakhtunkhwa",),
        admin2=("Bannu",),
        min_fatalities=2,
        geo_precision=(1, 2),
        text="drone",
    )
    params = filter_to_params(flt)
    assert params["actor"] == [TTP, "Name, with comma"] and params["dates"] == ["2024-01-02", "2025-03-04"]
    assert filter_from_params(params) == flt
    assert filter_to_params(IncidentFilter()) == {}
    assert filter_from_params({}) == IncidentFilter()


def test_bad_url_params_are_ignored():
    from geo.filters import filter_from_params

    flt = filter_from_params({"dates": "not a date", "min_fat": "many", "precision": ["x", "3"], "actor": ["", "A"]})
    assert flt == IncidentFilter(geo_precision=(3,), actors=("A",))


def test_filter_is_fast_at_100k():
    import time

    from geo.synth import synthesize

    gdf = synthesize(100_000, seed=0)
    t = time.perf_counter()
    out = filter_incidents(
        gdf, IncidentFilter(start=dt.date(2024, 1, 1), actors=(TTP,), min_fatalities=1, text="Bannu")
    )
    assert time.perf_counter() - t < 3  # generous; the benchmark reports the real figure
    assert 0 < len(out) < len(gdf)


def _parse(params, gdf):
    from geo.filters import parse_filter_params

    return parse_filter_params(params, gdf)


def test_link_unknown_actor_is_dropped_with_a_warning_and_the_rest_kept(sample_gdf):
    flt, warnings = _parse({"actor": ["Nobody", TTP], "min_fat": "2"}, sample_gdf)
    assert flt == IncidentFilter(actors=(TTP,), min_fatalities=2)
    assert warnings == ["actor 'Nobody': not in the data; ignored"]


def test_link_impossible_date_keeps_the_valid_end(sample_gdf):
    flt, warnings = _parse({"dates": ["2024-99-99", "2025-01-31"]}, sample_gdf)
    assert (flt.start, flt.end) == (dt.date(2024, 10, 15), dt.date(2025, 1, 31))  # the data's first day
    assert warnings == ["dates '2024-99-99': not a date (YYYY-MM-DD); ignored"]
    flt, warnings = _parse({"dates": "yesterday"}, sample_gdf)
    assert (flt.start, flt.end) == (None, None) and len(warnings) == 1


def test_link_bad_minimum_fatalities_is_a_warning(sample_gdf):
    for bad in ("abc", "-4", "2.5"):
        flt, warnings = _parse({"min_fat": bad, "actor": TTP}, sample_gdf)
        assert flt == IncidentFilter(actors=(TTP,))
        assert warnings == [f"min_fat {bad!r}: not a whole number >= 0; ignored"]


def test_link_reversed_dates_are_swapped_with_a_warning(sample_gdf):
    flt, warnings = _parse({"dates": ["2025-01-31", "2024-12-01"]}, sample_gdf)
    assert (flt.start, flt.end) == (dt.date(2024, 12, 1), dt.date(2025, 1, 31))
    assert warnings == ["dates '2025-01-31' to '2024-12-01' were reversed; swapped"]


def test_link_dates_outside_the_data(sample_gdf):
    flt, warnings = _parse({"dates": ["2020-01-01", "2030-01-01"]}, sample_gdf)
    assert (flt.start, flt.end, warnings) == (dt.date(2024, 10, 15), dt.date(2025, 10, 9), [])  # the same incidents
    flt, warnings = _parse({"dates": ["2030-01-01", ""]}, sample_gdf)
    assert (flt.start, flt.end) == (None, None)
    assert warnings == ["dates '2030-01-01': after the last incident (2025-10-09); ignored"]


def test_link_names_follow_their_parent_filters(sample_gdf):
    params = {"country": ["AF", "XX"], "province": ["Kabul", "Khyber Pakhtunkhwa"], "precision": ["1", "x"]}
    flt, warnings = _parse(params, sample_gdf)
    assert (flt.countries, flt.admin1, flt.geo_precision) == (("AF",), ("Kabul",), (1,))
    assert warnings == [
        "country 'XX': not in the data; ignored",
        "province 'Khyber Pakhtunkhwa': not in the data; ignored",
        "precision 'x': not in the data; ignored",
    ]


def test_a_valid_link_gives_no_warning_and_round_trips(sample_gdf):
    from geo.filters import filter_to_params

    flt = IncidentFilter(start=dt.date(2024, 12, 1), end=dt.date(2025, 1, 31), actors=(TTP, PAK), text="drone")
    assert _parse(filter_to_params(flt), sample_gdf) == (flt, [])
    assert _parse({}, sample_gdf) == (IncidentFilter(), [])
