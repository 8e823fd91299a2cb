"""Aggregations beside the map: key figures, timeline, actors, district totals.

All functions take the (filtered) incident GeoDataFrame as an argument and
return new pandas objects; they are fast enough to run on every rerun of the
page at 100,000 incidents. The point-in-polygon assignment of incidents to
provinces and districts (:func:`assign_areas`) is the one costly step: do it
once per data set and reuse it for every filter (select the filtered rows by
index).

Examples
--------
>>> from geo.synth import synthesize
>>> gdf = synthesize(300, seed=2)
>>> key_figures(gdf)["incidents"]
300
>>> list(timeline(gdf, freq="month").columns)
['period', 'incidents', 'fatalities']
"""

from __future__ import annotations

import logging
from typing import Final, Literal

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.errors import InputError

logger = logging.getLogger(__name__)

Freq = Literal["week", "month"]
Level = Literal["admin1", "admin2"]
Measure = Literal["incidents", "fatalities"]

_FREQ: Final[dict[str, str]] = {"week": "W-SUN", "month": "M"}  # W-SUN: weeks Monday to Sunday


def _fatalities(gdf: gpd.GeoDataFrame) -> pd.Series:
    return pd.to_numeric(gdf["fatalities"], errors="coerce").fillna(0).astype("int64")


def key_figures(gdf: gpd.GeoDataFrame) -> dict[str, int]:
    """Incidents, reported fatalities, distinct actors and located incidents.

    Parameters
    ----------
    gdf
        Incidents.

    Returns
    -------
    dict
        ``incidents``, ``fatalities`` (unknown counts as 0), ``actors``
        (distinct names as actor 1 or 2), ``located``.
    """
    if gdf.empty:
        return {"incidents": 0, "fatalities": 0, "actors": 0, "located": 0}
    names = pd.concat([gdf["actor1"], gdf["actor2"]], ignore_index=True)
    names = names[names.astype(str).str.strip() != ""]
    return {
        "incidents": len(gdf),
        "fatalities": int(_fatalities(gdf).sum()),
        "actors": int(names.nunique()),
        "located": int((gdf.geometry.notna() & ~gdf.geometry.is_empty).sum()),
    }


def timeline(gdf: gpd.GeoDataFrame, *, freq: Freq = "month") -> pd.DataFrame:
    """Incidents and fatalities per week or month, with empty periods as 0.

    Parameters
    ----------
    gdf
        Incidents; rows without a parsable ``event_date`` are left out.
    freq
        ``"week"`` (weeks starting on Monday, labelled by that Monday) or
        ``"month"`` (labelled by the first day).

    Returns
    -------
    pandas.DataFrame
        Columns ``period`` (datetime64, the start of the period),
        ``incidents``, ``fatalities``; one row per period from the first to
        the last incident.

    Raises
    ------
    geo.errors.InputError
        ``freq`` is not ``"week"`` or ``"month"``.
    """
    if freq not in _FREQ:
        msg = f"freq must be 'week' or 'month', got {freq!r}"
        raise InputError(msg, field="freq")
    dates = pd.to_datetime(gdf["event_date"], errors="coerce", format="mixed")
    ok = dates.notna()
    if not ok.any():
        return pd.DataFrame({"period": pd.Series([], dtype="datetime64[ns]"), "incidents": [], "fatalities": []})
    periods = dates[ok].dt.to_period(_FREQ[freq])
    frame = pd.DataFrame({"period": periods, "fatalities": _fatalities(gdf)[ok]})
    grouped = frame.groupby("period").agg(incidents=("fatalities", "size"), fatalities=("fatalities", "sum"))
    full = pd.period_range(periods.min(), periods.max(), freq=_FREQ[freq])
    grouped = grouped.reindex(full, fill_value=0)
    out = grouped.reset_index(names="period")
    out["period"] = out["period"].dt.start_time
    return out[["period", "incidents", "fatalities"]].astype({"incidents": "int64", "fatalities": "int64"})


def actor_breakdown(gdf: gpd.GeoDataFrame, *, top: int | None = 20) -> pd.DataFrame:
    """Incidents and fatalities per actor (as actor 1 or actor 2).

    An incident counts once for each distinct actor named in it, so the
    column sums can exceed the number of incidents.

    Parameters
    ----------
    gdf
        Incidents.
    top
        Keep the ``top`` actors with the most incidents (``None``: all).

    Returns
    -------
    pandas.DataFrame
        Columns ``actor``, ``incidents``, ``as_actor1``, ``as_actor2``,
        ``fatalities``; most incidents first, ties by name.

    Examples
    --------
    >>> from geo.incidents import Incident, incidents_to_gdf
    >>> gdf = incidents_to_gdf([
    ...     Incident("2025-01-01", 1, "Battles", "Armed clash", "d", "e", 0, 1, actor1="A", actor2="B", fatalities=2),
    ...     Incident("2025-01-02", 1, "Battles", "Armed clash", "d", "e", 2, 3, actor1="B", fatalities=1),
    ... ])
    >>> actor_breakdown(gdf).to_dict("records")[0]
    {'actor': 'B', 'incidents': 2, 'as_actor1': 1, 'as_actor2': 1, 'fatalities': 3}
    """
    cols = ["actor", "incidents", "as_actor1", "as_actor2", "fatalities"]
    if gdf.empty:
        return pd.DataFrame(columns=cols)
    fat = _fatalities(gdf).to_numpy()
    a1 = gdf["actor1"].astype(str).to_numpy()
    a2 = gdf["actor2"].astype(str).to_numpy()
    same = a1 == a2
    long = pd.DataFrame(
        {
            "actor": np.concatenate([a1, a2[~same]]),
            "side": np.concatenate([np.ones(len(a1), dtype=int), np.full(int((~same).sum()), 2)]),
            "fatalities": np.concatenate([fat, fat[~same]]),
        }
    )
    long = long[long["actor"].str.strip() != ""]
    if long.empty:
        return pd.DataFrame(columns=cols)
    grouped = long.groupby("actor").agg(
        incidents=("side", "size"),
        as_actor1=("side", lambda s: int((s == 1).sum())),
        as_actor2=("side", lambda s: int((s == 2).sum())),
        fatalities=("fatalities", "sum"),
    )
    out = grouped.reset_index().sort_values(["incidents", "actor"], ascending=[False, True], ignore_index=True)
    out = out.astype({"incidents": "int64", "as_actor1": "int64", "as_actor2": "int64", "fatalities": "int64"})
    return out.head(top).reset_index(drop=True) if top is not None else out


def assign_areas(gdf: gpd.GeoDataFrame, polygons: gpd.GeoDataFrame, *, id_column: str = "shape_id") -> pd.Series:
    """The polygon (province or district) each incident lies in.

    Parameters
    ----------
    gdf
        Incidents (EPSG:4326); rows without geometry get ``<NA>``.
    polygons
        Area polygons with an identifier column (``data/boundaries``
        admin1 or admin2 layer).
    id_column
        The identifier column of ``polygons``.

    Returns
    -------
    pandas.Series
        Indexed like ``gdf``: the area identifier, or ``<NA>`` outside every
        polygon. On a shared edge the first polygon wins.
    """
    out = pd.Series(pd.NA, index=gdf.index, dtype="string", name=id_column)
    located = gdf[gdf.geometry.notna() & ~gdf.geometry.is_empty]
    if located.empty:
        return out
    pts = gpd.GeoDataFrame(geometry=located.geometry.to_numpy(), crs=gdf.crs)
    pts["_row"] = np.arange(len(located))
    polys = polygons[[id_column, "geometry"]]
    if polys.crs is not None and gdf.crs is not None and polys.crs != gdf.crs:
        polys = polys.to_crs(gdf.crs)
    joined = gpd.sjoin(pts, polys, predicate="within", how="inner").drop_duplicates("_row")
    out.iloc[out.index.get_indexer(located.index[joined["_row"].to_numpy()])] = joined[id_column].to_numpy()
    logger.debug("assigned %d of %d incidents to %d areas", len(joined), len(gdf), polys[id_column].nunique())
    return out


def totals_by_area(gdf: gpd.GeoDataFrame, areas: pd.Series, *, measure: Measure = "incidents") -> pd.Series:
    """Incident count or fatalities per area, for the rows of ``gdf``.

    Parameters
    ----------
    gdf
        The (filtered) incidents.
    areas
        :func:`assign_areas` of the full data set (indexed like it; only the
        rows of ``gdf`` are used).
    measure
        ``"incidents"`` or ``"fatalities"``.

    Returns
    -------
    pandas.Series
        ``{area id: total}`` (int), areas without incidents left out.

    Raises
    ------
    geo.errors.InputError
        Unknown ``measure``.
    """
    if measure not in ("incidents", "fatalities"):
        msg = f"measure must be 'incidents' or 'fatalities', got {measure!r}"
        raise InputError(msg, field="measure")
    ids = areas.reindex(gdf.index)
    ok = ids.notna().to_numpy()
    if not ok.any():
        return pd.Series(dtype="int64")
    values = np.ones(int(ok.sum()), dtype="int64") if measure == "incidents" else _fatalities(gdf).to_numpy()[ok]
    return pd.Series(values, index=ids[ok].astype(str).to_numpy()).groupby(level=0).sum().astype("int64")
