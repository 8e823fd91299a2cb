"""The folium map of the border region: offline, escaped, one marker per incident.

Offline: folium's CDN links are replaced by local copies of Leaflet, jQuery
and Leaflet.markercluster taken from the ``xstatic-*`` packages
(:func:`install_assets` copies them into ``static/vendor`` for Streamlit's
static file serving); the basemap is drawn from the shipped boundary layers
(``tiles=None``), so no tile server is needed.

Untrusted text: everything that comes from an article (evidence, actors,
location, notes, URLs) is HTML-escaped before it reaches a popup or a
tooltip (folium does not escape by default), and only ``http(s)`` URLs
become links.
"""

from __future__ import annotations

import hashlib
import html
import json
import logging
import math
import shutil
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from typing import Any

import folium
import geopandas as gpd
from branca.element import MacroElement
from folium.plugins import MarkerCluster
from jinja2 import Template

from geo import settings

logger = logging.getLogger(__name__)

#: Local assets: name -> (xstatic package, file inside its data folder).
ASSETS: dict[str, tuple[str, str]] = {
    "leaflet/leaflet.js": ("xstatic.pkg.leaflet", "leaflet.js"),
    "leaflet/leaflet.css": ("xstatic.pkg.leaflet", "leaflet.css"),
    "leaflet/images/layers.png": ("xstatic.pkg.leaflet", "images/layers.png"),
    "leaflet/images/layers-2x.png": ("xstatic.pkg.leaflet", "images/layers-2x.png"),
    "leaflet/images/marker-icon.png": ("xstatic.pkg.leaflet", "images/marker-icon.png"),
    "leaflet/images/marker-icon-2x.png": ("xstatic.pkg.leaflet", "images/marker-icon-2x.png"),
    "leaflet/images/marker-shadow.png": ("xstatic.pkg.leaflet", "images/marker-shadow.png"),
    "jquery/jquery.min.js": ("xstatic.pkg.jquery", "jquery.min.js"),
    "markercluster/leaflet.markercluster.js": ("xstatic.pkg.leaflet_markercluster", "leaflet.markercluster.js"),
    "markercluster/MarkerCluster.css": ("xstatic.pkg.leaflet_markercluster", "MarkerCluster.css"),
    "markercluster/MarkerCluster.Default.css": (
        "xstatic.pkg.leaflet_markercluster",
        "MarkerCluster.Default.css",
    ),
}

#: Where Streamlit serves ``static/vendor`` (``enableStaticServing``).
STREAMLIT_ASSET_BASE = "/app/static/vendor"

#: Colour-blind-friendly palette (Okabe-Ito + Tol), cycled by actor name.
PALETTE: tuple[str, ...] = (
    "#D55E00",
    "#0072B2",
    "#009E73",
    "#CC79A7",
    "#E69F00",
    "#56B4E9",
    "#882255",
    "#117733",
    "#332288",
    "#AA4499",
    "#44AA99",
    "#999933",
)
UNKNOWN_COLOUR = "#6b6b6b"
MAP_BOUNDS = [[27.0, 61.0], [37.6, 75.5]]  # [[south, west], [north, east]]: the border region


def install_assets(dest: str | Path) -> Path:
    """Copy the Leaflet assets from the xstatic packages into ``dest``.

    Idempotent: files already present with the same size are kept.

    Parameters
    ----------
    dest
        Target folder (for Streamlit: ``static/vendor`` next to ``app.py``).

    Returns
    -------
    pathlib.Path
        ``dest``.
    """
    dest = Path(dest)
    for rel, (module, name) in ASSETS.items():
        src = Path(import_module(module).BASE_DIR) / name
        target = dest / rel
        if target.exists() and target.stat().st_size == src.stat().st_size:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, target)
    return dest


def _use_local_assets(m: folium.Map, cluster: MarkerCluster | None, base: str) -> None:
    """Point a map (and its cluster layer) at local assets instead of CDNs."""
    m.default_js = [("leaflet", f"{base}/leaflet/leaflet.js"), ("jquery", f"{base}/jquery/jquery.min.js")]
    m.default_css = [("leaflet_css", f"{base}/leaflet/leaflet.css")]
    if cluster is not None:
        cluster.default_js = [("markerclusterjs", f"{base}/markercluster/leaflet.markercluster.js")]
        cluster.default_css = [
            ("markerclustercss", f"{base}/markercluster/MarkerCluster.css"),
            ("markerclusterdefaultcss", f"{base}/markercluster/MarkerCluster.Default.css"),
        ]


@dataclass(frozen=True, slots=True)
class Boundaries:
    """The boundary layers drawn as the offline basemap (GeoJSON dicts)."""

    admin0: dict[str, Any]
    admin1: dict[str, Any]
    admin2: dict[str, Any]
    border: dict[str, Any]


def load_boundaries(folder: str | Path | None = None) -> Boundaries:
    """Read the four boundary layers shipped in ``data/boundaries``."""
    folder = Path(folder) if folder is not None else settings.BOUNDARIES_DIR
    layers = {
        name: json.loads((folder / f"{name}.geojson").read_text("utf-8"))
        for name in ("admin0", "admin1", "admin2", "border")
    }
    return Boundaries(**layers)


def actor_colour(actor: str) -> str:
    """A stable colour for an actor name (same name, same colour, every run)."""
    if not actor:
        return UNKNOWN_COLOUR
    digest = int(hashlib.md5(actor.encode("utf-8"), usedforsecurity=False).hexdigest(), 16)
    return PALETTE[digest % len(PALETTE)]


def marker_radius(fatalities: Any) -> float:
    """Marker radius in pixels: grows with the square root of fatalities."""
    try:
        n = float(fatalities)
    except (TypeError, ValueError):
        return 5.0
    if math.isnan(n) or n <= 0:
        return 5.0
    return min(5.0 + 2.2 * math.sqrt(n), 24.0)


def _esc(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    text = str(value)
    return "" if text in ("<NA>", "nan") else html.escape(text, quote=True)


def _safe_url(url: str) -> str | None:
    url = (url or "").strip()
    return url if url.lower().startswith(("http://", "https://")) else None


def popup_html(row: dict[str, Any]) -> str:
    """The popup of one incident; every value is escaped.

    Parameters
    ----------
    row
        An incident record (schema of :mod:`geo.incidents`).

    Returns
    -------
    str
        HTML made only of our own tags around escaped text.
    """
    fat = _esc(row.get("fatalities")) or "unknown"
    actors = " vs ".join(x for x in (_esc(row.get("actor1")), _esc(row.get("actor2"))) if x) or "unknown"
    place = ", ".join(x for x in (_esc(row.get("location")), _esc(row.get("admin1"))) if x)
    url = _safe_url(str(row.get("source_url") or ""))
    source = _esc(row.get("source"))
    if url:
        source = (
            f'<a href="{html.escape(url, quote=True)}" target="_blank" '
            f'rel="noopener noreferrer">{source or html.escape(url)}</a>'
        )
    return (
        '<div class="fim-popup" style="min-width:260px;max-width:380px;font:13px/1.35 sans-serif">'
        f"<b>{_esc(row.get('event_date'))}</b> &middot; {_esc(row.get('sub_event_type'))}"
        f" <small>({_esc(row.get('event_type'))})</small><br>"
        f"<b>Actors:</b> {actors}<br>"
        f"<b>Place:</b> {place} <small>(geo_precision {_esc(row.get('geo_precision'))})</small><br>"
        f"<b>Fatalities:</b> {fat}<br>"
        f'<blockquote style="margin:6px 0;padding-left:6px;border-left:3px solid #bbb">'
        f"{_esc(row.get('evidence'))}</blockquote>"
        f"<b>Source:</b> {source}<br><small>{_esc(row.get('event_id'))}</small></div>"
    )


class _Legend(MacroElement):
    """A fixed legend box (our own HTML; actor names escaped)."""

    _template = Template(
        """
        {% macro html(this, kwargs) %}
        <div class="fim-legend" style="position:absolute;z-index:9999;bottom:24px;left:10px;
             background:rgba(255,255,255,.92);padding:6px 8px;border-radius:4px;
             font:12px/1.4 sans-serif;box-shadow:0 1px 4px rgba(0,0,0,.3);max-width:260px">
          {{ this.body }}
        </div>
        {% endmacro %}
        """
    )

    def __init__(self, body: str) -> None:
        super().__init__()
        self._name = "Legend"
        self.body = body


def _legend_html(actors: list[str]) -> str:
    rows = "".join(
        f'<div><span style="display:inline-block;width:10px;height:10px;border-radius:50%;'
        f'background:{actor_colour(a)};margin-right:5px"></span>{html.escape(a)}</div>'
        for a in actors[:12]
    )
    more = f"<div>&hellip; and {len(actors) - 12} more</div>" if len(actors) > 12 else ""
    return (
        "<b>Incidents by actor 1</b>" + rows + more + "<div style='margin-top:4px;color:#555'>"
        "Marker size: fatalities. Boundaries: geoBoundaries (PD), Natural Earth (PD); "
        "places: GeoNames (CC BY 4.0).</div>"
    )


def build_map(
    gdf: gpd.GeoDataFrame,
    *,
    boundaries: Boundaries | None = None,
    asset_base: str = STREAMLIT_ASSET_BASE,
    cluster_threshold: int = 400,
    show_districts: bool = True,
) -> folium.Map:
    """Build the incident map.

    Parameters
    ----------
    gdf
        Incidents (already filtered); rows without geometry are skipped.
    boundaries
        Basemap layers; ``None`` draws markers only.
    asset_base
        URL prefix of the local Leaflet assets (see :func:`install_assets`).
    cluster_threshold
        Above this many located incidents markers are clustered.
    show_districts
        Draw district outlines (province outlines and the border always).

    Returns
    -------
    folium.Map
        Display-only; render with ``st_folium(m, returned_objects=[])`` or
        ``m.save(path)``.
    """
    m = folium.Map(
        location=[31.5, 68.5],
        zoom_start=6,
        tiles=None,
        maxZoom=18,  # MarkerCluster needs it when there is no tile layer
        min_zoom=4,
        control_scale=True,
        prefer_canvas=False,
    )
    m.get_root().header.add_child(folium.Element("<style>.leaflet-container{background:#dfe9f2 !important}</style>"))
    if boundaries is not None:
        folium.GeoJson(
            boundaries.admin0,
            name="Countries",
            style_function=lambda _f: {"fillColor": "#f5f3ee", "fillOpacity": 1, "color": "#8a8a8a", "weight": 1},
            control=False,
        ).add_to(m)
        if show_districts:
            folium.GeoJson(
                boundaries.admin2,
                name="Districts",
                style_function=lambda _f: {"fill": False, "color": "#b9b4a8", "weight": 0.6},
                tooltip=folium.GeoJsonTooltip(fields=["name", "admin1"], aliases=["District", "Province"]),
            ).add_to(m)
        folium.GeoJson(
            boundaries.admin1,
            name="Provinces",
            style_function=lambda _f: {"fill": False, "color": "#7d7667", "weight": 1.4},
        ).add_to(m)
        folium.GeoJson(
            boundaries.border,
            name="Pakistan-Afghanistan border",
            style_function=lambda _f: {"color": "#b2182b", "weight": 2.5, "dashArray": "6 4"},
        ).add_to(m)

    located = gdf[gdf.geometry.notna() & ~gdf.geometry.is_empty] if len(gdf) else gdf
    cluster = None
    if len(located) > cluster_threshold:
        cluster = MarkerCluster(name="Incidents", show=True)
        layer: folium.map.Layer = cluster
    else:
        layer = folium.FeatureGroup(name="Incidents", show=True)
    layer.add_to(m)
    cols = [c for c in gdf.columns if c != "geometry"]
    for rec, geom in zip(located[cols].to_dict("records"), located.geometry, strict=True):
        colour = actor_colour(str(rec.get("actor1") or ""))
        tooltip = " | ".join(
            x for x in (_esc(rec.get("event_date")), _esc(rec.get("sub_event_type")), _esc(rec.get("location"))) if x
        )
        folium.CircleMarker(
            location=[geom.y, geom.x],  # folium wants (lat, lon)
            radius=marker_radius(rec.get("fatalities")),
            color="#222222",
            weight=1,
            fill=True,
            fill_color=colour,
            fill_opacity=0.85,
            popup=folium.Popup(popup_html(rec), max_width=400),
            tooltip=folium.Tooltip(tooltip),
            className="fim-incident",
        ).add_to(layer)
    actors = sorted({str(a) for a in located["actor1"] if a}, key=str.casefold) if len(located) else []
    m.add_child(_Legend(_legend_html(actors)))
    folium.LayerControl(collapsed=True).add_to(m)
    m.fit_bounds(MAP_BOUNDS)
    _use_local_assets(m, cluster, asset_base)
    return m
