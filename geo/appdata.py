"""What the app computes on each filter change, from either store backend.

:func:`memory_view` is what ``app.py`` does with a GeoPackage store (the
whole data set in memory, :mod:`geo.filters` and :mod:`geo.aggregate`);
:func:`sql_view` is the same from a PostGIS store, where the server filters
and aggregates (:mod:`geo.sqlfilters`) and only what the page shows is
fetched: the figures, the timeline, the actor table, the choropleth totals,
the newest table rows and the map's incidents, or above
:data:`MAP_POINT_LIMIT` located incidents a grid aggregation of them
(:func:`cells_layer` draws it). ``scripts/bench_store.py`` times both.
"""

from __future__ import annotations

import dataclasses
import html
import logging
import math
from dataclasses import dataclass
from typing import Final

import folium
import geopandas as gpd
import pandas as pd
import psycopg

from geo import aggregate, sqlfilters
from geo.filters import IncidentFilter, filter_incidents

logger = logging.getLogger(__name__)

#: Above this many located incidents the PostGIS map shows grid cells instead of incidents.
MAP_POINT_LIMIT: Final = 20_000
#: Grid cell size (degrees) of the aggregated map.
MAP_CELL_DEG: Final = 0.1
#: Rows of the incident table.
TABLE_ROWS: Final = 500


@dataclass(slots=True)
class View:
    """One filter state's page content.

    Attributes
    ----------
    count
        Matching incidents.
    figures, timeline, actors
        As :func:`geo.aggregate.key_figures`, :func:`~geo.aggregate.timeline`,
        :func:`~geo.aggregate.actor_breakdown`.
    totals
        Choropleth totals per area id, or ``None`` without a choropleth.
    points
        The incidents the map draws (``None`` when aggregated).
    cells
        The grid cells the map draws (``None`` when it draws incidents).
    table
        The newest :data:`TABLE_ROWS` matching incidents.
    """

    count: int
    figures: dict[str, int]
    timeline: pd.DataFrame
    actors: pd.DataFrame
    totals: pd.Series | None
    points: gpd.GeoDataFrame | None
    cells: pd.DataFrame | None
    table: gpd.GeoDataFrame


def memory_view(
    gdf: gpd.GeoDataFrame,
    flt: IncidentFilter,
    *,
    areas: pd.Series | None = None,
    measure: aggregate.Measure = "incidents",
    freq: aggregate.Freq = "month",
) -> View:
    """The page content from an in-memory data set (``areas``: :func:`geo.aggregate.assign_areas`)."""
    shown = filter_incidents(gdf, flt)
    table = shown.sort_values("event_date", ascending=False, kind="stable").head(TABLE_ROWS)
    return View(
        count=len(shown),
        figures=aggregate.key_figures(shown),
        timeline=aggregate.timeline(shown, freq=freq),
        actors=aggregate.actor_breakdown(shown, top=15),
        totals=aggregate.totals_by_area(shown, areas, measure=measure) if areas is not None else None,
        points=shown,
        cells=None,
        table=table,
    )


def sql_view(
    conn: psycopg.Connection,
    flt: IncidentFilter,
    *,
    level: str | None = None,
    measure: aggregate.Measure = "incidents",
    freq: aggregate.Freq = "month",
    point_limit: int = MAP_POINT_LIMIT,
    cell_deg: float = MAP_CELL_DEG,
) -> View:
    """The page content computed by the PostGIS server (``level``: areas loaded and assigned)."""
    figures = sqlfilters.key_figures(conn, flt)
    points = cells = None
    if figures["located"] <= point_limit:
        points = sqlfilters.filtered(conn, dataclasses.replace(flt, located_only=True))
    else:
        cells = sqlfilters.map_cells(conn, flt, cell_deg=cell_deg)
    return View(
        count=figures["incidents"],
        figures=figures,
        timeline=sqlfilters.timeline(conn, flt, freq=freq),
        actors=sqlfilters.actor_breakdown(conn, flt, top=15),
        totals=sqlfilters.totals_by_area(conn, flt, level, measure=measure) if level is not None else None,
        points=points,
        cells=cells,
        table=sqlfilters.filtered(conn, flt, limit=TABLE_ROWS, newest_first=True),
    )


def cells_layer(cells: pd.DataFrame, *, cell_deg: float = MAP_CELL_DEG) -> folium.GeoJson:
    """Grid cells as circles sized by their incident count, with a tooltip of the totals.

    One GeoJSON layer (not one map object per cell), so thousands of cells render fast.
    """
    biggest = max(int(cells["incidents"].max()), 1) if len(cells) else 1
    features = [
        {
            "type": "Feature",
            "geometry": {
                "type": "Point",
                "coordinates": [round(float(row.longitude), 5), round(float(row.latitude), 5)],
            },
            "properties": {
                "radius": round(3 + 17 * math.sqrt(int(row.incidents) / biggest), 1),
                "label": html.escape(f"{int(row.incidents):,} incidents, {int(row.fatalities):,} reported fatalities"),
            },
        }
        for row in cells.itertuples(index=False)
    ]
    return folium.GeoJson(
        {"type": "FeatureCollection", "features": features},
        name=f"Incidents per {cell_deg:g}\u00b0 cell",
        marker=folium.CircleMarker(
            radius=5, color="#7f0000", weight=1, fill=True, fill_color="#d7301f", fill_opacity=0.55
        ),
        style_function=lambda f: {"radius": f["properties"]["radius"]},
        tooltip=folium.GeoJsonTooltip(fields=["label"], labels=False),
    )
