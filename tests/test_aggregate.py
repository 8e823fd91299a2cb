from __future__ import annotations

import geopandas as gpd
import pandas as pd
import pytest

from geo import settings
from geo.aggregate import actor_breakdown, assign_areas, key_figures, timeline, totals_by_area
from geo.errors import InputError

PAK = "Military Forces of Pakistan"


def test_key_figures(sample_gdf):
    assert key_figures(sample_gdf) == {"incidents": 6, "fatalities": 67, "actors": 5, "located": 5}
    assert key_figures(sample_gdf.iloc[:0]) == {"incidents": 0, "fatalities": 0, "actors": 0, "located": 0}


def test_timeline_month_and_week(sample_gdf):
    months = timeline(sample_gdf, freq="month")
    assert months["period"].iloc[0] == pd.Timestamp("2024-10-01")
    assert months["period"].iloc[-1] == pd.Timestamp("2025-10-01")
    assert len(months) == 13 and months["incidents"].sum() == 6 and months["fatalities"].sum() == 67
    assert months.set_index("period").loc["2024-12-01", "fatalities"] == 46
    weeks = timeline(sample_gdf, freq="week")
    assert (weeks["period"].dt.day_of_week == 0).all()  # weeks start on Monday
    assert weeks["incidents"].sum() == 6
    assert timeline(sample_gdf.iloc[:0]).empty
    with pytest.raises(InputError):
        timeline(sample_gdf, freq="day")


def test_actor_breakdown(sample_gdf):
    out = actor_breakdown(sample_gdf)
    first = out.iloc[0]
    assert first["actor"] == PAK and first["incidents"] == 5
    assert first["as_actor1"] == 3 and first["as_actor2"] == 2
    assert "" not in set(out["actor"])
    assert len(actor_breakdown(sample_gdf, top=2)) == 2


def test_assign_areas_and_totals(sample_gdf):
    admin1 = gpd.read_file(settings.BOUNDARIES_DIR / "admin1.geojson")
    areas = assign_areas(sample_gdf, admin1)
    names = dict(zip(admin1["shape_id"], admin1["name"], strict=True))
    got = {sample_gdf.loc[i, "location"]: names.get(a) for i, a in areas.items() if pd.notna(a)}
    assert got["Paktika"] == "Paktika" and got["Dera Ismail Khan"] == "Khyber Pakhtunkhwa"
    assert pd.isna(areas[sample_gdf["geometry"].isna()]).all()
    counts = totals_by_area(sample_gdf, areas)
    assert counts.sum() == areas.notna().sum()
    fat = totals_by_area(sample_gdf[sample_gdf["location"] == "Paktika"], areas, measure="fatalities")
    assert fat.to_dict() == {areas[sample_gdf["location"] == "Paktika"].iloc[0]: 46}
    with pytest.raises(InputError):
        totals_by_area(sample_gdf, areas, measure="wounded")
