from __future__ import annotations

import pandas as pd
import pytest

from geo.errors import SchemaError
from geo.incidents import (
    COLUMNS,
    EVENT_TYPES,
    Incident,
    dedupe_incidents,
    incidents_to_gdf,
    make_event_id,
    validate_incidents,
)
from tests.conftest import make_incidents


def test_gdf_schema_crs_and_lonlat_order(sample_gdf):
    assert list(sample_gdf.columns) == [*COLUMNS, "geometry"]
    assert sample_gdf.crs.to_epsg() == 4326
    dik = sample_gdf[sample_gdf["location"] == "Dera Ismail Khan"].iloc[0]
    assert (dik.geometry.x, dik.geometry.y) == pytest.approx((70.9017, 31.83129))  # x = lon
    assert str(sample_gdf["fatalities"].dtype) == "Int64"
    validate_incidents(sample_gdf)


def test_unresolved_rows_are_kept_with_null_geometry(sample_gdf):
    unresolved = sample_gdf[sample_gdf.geometry.isna()]
    assert len(unresolved) == 1
    assert unresolved.iloc[0]["evidence"].startswith("The TTP killed 11")


def test_unknown_fatalities_stay_blank_not_zero(sample_gdf):
    khost = sample_gdf[sample_gdf["location"] == "Khost"].iloc[0]
    assert pd.isna(khost["fatalities"])


def test_event_ids_are_stable_and_distinct():
    a = make_incidents()
    b = make_incidents()
    assert [i.event_id for i in a] == [i.event_id for i in b]
    assert len({i.event_id for i in a}) == len(a)
    assert make_event_id("d", 1, 2, "Battles") != make_event_id("d", 1, 2, "Riots")


def test_validation_collects_every_problem(sample_gdf):
    bad = sample_gdf.copy()
    bad.loc[0, "event_type"] = "Fireworks"
    bad.loc[1, "time_precision"] = 9
    bad.loc[2, "latitude"] = float("nan")
    with pytest.raises(SchemaError) as info:
        validate_incidents(bad)
    msg = str(info.value)
    assert "3 schema problem" in msg
    assert "Fireworks" in msg and "time_precision" in msg and "only one of latitude/longitude" in msg


def test_dedupe_keeps_one_per_event_id(sample_gdf):
    doubled = incidents_to_gdf([*make_incidents(), *make_incidents()])
    assert len(dedupe_incidents(doubled)) == len(sample_gdf)


def test_sub_event_types_belong_to_their_type():
    inc = Incident(
        event_date="2025-01-01",
        time_precision=1,
        event_type="Battles",
        sub_event_type="Air/drone strike",
        doc_id="x",
        evidence="e",
        char_start=0,
        char_end=1,
    )
    with pytest.raises(SchemaError, match="not in Battles"):
        validate_incidents(incidents_to_gdf([inc]))
    assert "Air/drone strike" in EVENT_TYPES["Explosions/Remote violence"]


def _report(doc, date, precision, *, place="t:paktika", lat=32.5, lon=68.7, fat=None, src=None, **kw):
    base = {
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Air/drone strike",
        "actor1": "Military Forces of Pakistan",
        "admin1": "Paktika",
        "geo_precision": 3,
    }
    base.update(kw)
    return Incident(
        event_date=date, time_precision=precision, doc_id=doc, evidence=f"{doc} says", char_start=0, char_end=9,
        place_id=place, latitude=lat, longitude=lon, fatalities=fat, source=src or f"{doc}.txt", **base,
    )  # fmt: skip


def test_reports_of_one_incident_are_merged_listing_all_sources():
    from geo.incidents import merge_reports

    gdf = incidents_to_gdf(
        [
            _report("002", "2024-12-01", 3, fat=46),
            _report("004", "2024-12-24", 1, fat=46),
            _report("009", "2024-12-25", 1, fat=40, src="Other News"),
            _report("004", "2025-01-02", 1, fat=None),  # another incident of the same article
            _report("010", "2024-12-24", 1, actor1="TTP: Tehreek-e-Taliban Pakistan"),  # other actor
            _report("011", "2024-11-20", 1),  # other month
        ]
    )
    merged = merge_reports(gdf)
    assert len(merged) == 4
    main = merged[merged["doc_id"] == "004"].sort_values("event_date").iloc[0]
    assert main.event_date == "2024-12-24" and main.time_precision == 1  # the most precise report leads
    assert main.source == "004.txt; Other News; 002.txt"  # most precise first
    assert main.fatalities == 40  # most conservative figure
    assert main.notes.startswith("also reported in 009 (FIM-") and ", 002 (FIM-" in main.notes
    assert list(merge_reports(gdf)["event_id"]) == list(merged["event_id"])  # pure and stable
    assert len(merge_reports(gdf.iloc[:1])) == 1


def test_imported_records_are_never_merged():
    from geo.incidents import merge_reports

    a = _report("acled.csv", "2024-12-24", 1)
    b = _report("ucdp.csv", "2024-12-24", 1)
    a.char_start = a.char_end = b.char_start = b.char_end = 0  # structured records have no text span
    assert len(merge_reports(incidents_to_gdf([a, b]))) == 2
