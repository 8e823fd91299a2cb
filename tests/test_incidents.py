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
