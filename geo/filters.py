"""Filters behind the app's sidebar, testable without Streamlit.

All functions take the incident GeoDataFrame as an argument (never a global)
and return new objects.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

import geopandas as gpd
import pandas as pd

TEXT_COLUMNS: tuple[str, ...] = ("notes", "evidence", "location", "actor1", "actor2", "admin1", "admin2")


@dataclass(frozen=True, slots=True)
class IncidentFilter:
    """A complete filter state; ``None`` or empty means "no constraint".

    Attributes
    ----------
    start, end
        Inclusive date range on ``event_date``.
    actors
        Keep incidents whose ``actor1`` **or** ``actor2`` is one of these.
    event_types
        ACLED event types.
    sub_event_types
        ACLED sub-event types.
    countries
        ISO2 codes.
    admin1
        Province names.
    min_fatalities
        Keep incidents with at least this many fatalities (unknown counts
        as not meeting a positive minimum).
    geo_precision
        Keep incidents whose ``geo_precision`` is one of these (1-3).
    text
        Case-insensitive substring searched in notes, evidence, location,
        actors and admin names.
    located_only
        Drop incidents without coordinates.
    """

    start: dt.date | None = None
    end: dt.date | None = None
    actors: tuple[str, ...] = ()
    event_types: tuple[str, ...] = ()
    sub_event_types: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    admin1: tuple[str, ...] = ()
    min_fatalities: int = 0
    geo_precision: tuple[int, ...] = ()
    text: str = ""
    located_only: bool = False


def _dates(gdf: gpd.GeoDataFrame) -> pd.Series:
    return pd.to_datetime(gdf["event_date"], errors="coerce").dt.date


def filter_incidents(gdf: gpd.GeoDataFrame, flt: IncidentFilter | None = None) -> gpd.GeoDataFrame:
    """Apply a filter state to incidents.

    Parameters
    ----------
    gdf
        Incident GeoDataFrame (schema of :mod:`geo.incidents`).
    flt
        The filter; ``None`` keeps everything.

    Returns
    -------
    geopandas.GeoDataFrame
        The matching rows, in their original order.

    Examples
    --------
    >>> from geo.incidents import Incident, incidents_to_gdf
    >>> gdf = incidents_to_gdf([
    ...     Incident("2024-12-24", 1, "Battles", "Armed clash", "doc", "...", 0, 3, actor1="A", actor2="B"),
    ...     Incident("2025-01-02", 1, "Battles", "Armed clash", "doc", "...", 9, 12, actor1="C"),
    ... ])
    >>> len(filter_incidents(gdf, IncidentFilter(actors=("B",))))
    1
    >>> len(filter_incidents(gdf, IncidentFilter(start=dt.date(2025, 1, 1))))
    1
    """
    if flt is None or gdf.empty:
        return gdf
    keep = pd.Series(True, index=gdf.index)
    if flt.start is not None or flt.end is not None:
        dates = _dates(gdf)
        if flt.start is not None:
            keep &= dates.map(lambda d: d is not None and not pd.isna(d) and d >= flt.start)
        if flt.end is not None:
            keep &= dates.map(lambda d: d is not None and not pd.isna(d) and d <= flt.end)
    if flt.actors:
        wanted = set(flt.actors)
        keep &= gdf["actor1"].isin(wanted) | gdf["actor2"].isin(wanted)
    if flt.event_types:
        keep &= gdf["event_type"].isin(set(flt.event_types))
    if flt.sub_event_types:
        keep &= gdf["sub_event_type"].isin(set(flt.sub_event_types))
    if flt.countries:
        keep &= gdf["country_code"].isin(set(flt.countries))
    if flt.admin1:
        keep &= gdf["admin1"].isin(set(flt.admin1))
    if flt.min_fatalities > 0:
        keep &= pd.to_numeric(gdf["fatalities"], errors="coerce").fillna(-1) >= flt.min_fatalities
    if flt.geo_precision:
        keep &= gdf["geo_precision"].isin(list(flt.geo_precision)).fillna(False).astype(bool)
    if flt.text.strip():
        pattern = re.escape(flt.text.strip())
        hit = pd.Series(False, index=gdf.index)
        for col in TEXT_COLUMNS:
            hit |= gdf[col].astype(str).str.contains(pattern, case=False, regex=True, na=False)
        keep &= hit
    if flt.located_only:
        keep &= gdf.geometry.notna() & ~gdf.geometry.is_empty
    return gdf[keep.astype(bool)]


def _options(values: Iterable[object]) -> list[str]:
    return sorted({str(v) for v in values if isinstance(v, str) and v.strip()}, key=str.casefold)


def actor_options(gdf: gpd.GeoDataFrame) -> list[str]:
    """Every actor named as ``actor1`` or ``actor2``, sorted."""
    return _options([*gdf["actor1"], *gdf["actor2"]])


def event_type_options(gdf: gpd.GeoDataFrame) -> list[str]:
    """Every event type present, sorted."""
    return _options(gdf["event_type"])


def admin1_options(gdf: gpd.GeoDataFrame) -> list[str]:
    """Every province present, sorted."""
    return _options(gdf["admin1"])


def date_bounds(gdf: gpd.GeoDataFrame) -> tuple[dt.date, dt.date] | None:
    """Earliest and latest ``event_date``, or ``None`` without dated incidents."""
    dates = _dates(gdf).dropna()
    if dates.empty:
        return None
    return min(dates), max(dates)
